package record

import "testing"

// TestAWordAfterAWithheldNumberKeepsItsLetters: an o or an l is read as a
// digit inside a number ("4O1 023 2137"), but one that begins a word after
// the number is the word's: "Tigrinya 9434765919 on calls" was written
// "Tigrinya [withheld]n calls" in a pseudonymised export.
func TestAWordAfterAWithheldNumberKeepsItsLetters(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Tigrinya 9434765919 on calls", "Tigrinya [withheld] on calls"},
		{"Use an interpreter for Tigrinya 9434765919 on calls and at appointments", "Use an interpreter for Tigrinya [withheld] on calls and at appointments"},
		{"9434765919 later", "[withheld] later"},
		{"lost 9434765919", "lost [withheld]"},
		{"Ada Smith 4O1-O23-2l37", "Ada Smith [withheld]"},
		{"Kurdish CN 999 000 0034", "Kurdish CN [withheld]"},
		{"Polish", "Polish"},
	} {
		if got := WithoutPatientNumbers(c.in); got != c.want {
			t.Errorf("WithoutPatientNumbers(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
