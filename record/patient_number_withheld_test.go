package record

import "testing"

// TestARunOfTenDigitsInFreeTextIsWithheldAndNothingElse: in free text a
// pseudonymised export writes, each run of ten or more digits (O or o read
// as 0, I or l as 1, spaces and dashes inside) is replaced by
// NumberWithheld, never longer than what it replaces; nine digits, dates,
// and words are left as they are.
func TestARunOfTenDigitsInFreeTextIsWithheldAndNothingElse(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want string }{
		{"Tigrinya 9434765919", "Tigrinya [withheld]"},
		{"Kurdish CN 999 000 0034", "Kurdish CN [withheld]"},
		{"943-476-5919 Tigrinya", "[withheld] Tigrinya"},
		{"Kurdish 943 476 59l9 (Sorani)", "Kurdish [withheld] (Sorani)"},
		{"Ward 7 re 401 023 2137", "Ward 7 re [withheld]"},
		{"Ward 7 401 023 2137", "Ward [withheld]"}, // the 7 runs on into the number
		{"Polish 07700 900123 and 9434765919", "Polish [withheld] and [withheld]"},
		{"Tigrinya 943476591", "Tigrinya 943476591"}, // nine
		{"Ward 2025-12-04", "Ward 2025-12-04"},
		{"Ilocano", "Ilocano"},
		{"", ""},
	} {
		got := WithoutPatientNumbers(c.in)
		if got != c.want {
			t.Errorf("%q written %q, want %q", c.in, got, c.want)
		}
		if len([]rune(got)) > len([]rune(c.in)) {
			t.Errorf("%q written longer: %q", c.in, got)
		}
	}
	if n := len([]rune(NumberWithheld)); n > PatientNumberRunMin {
		t.Errorf("NumberWithheld has %d characters, more than the %d of the shortest run it replaces", n, PatientNumberRunMin)
	}
}
