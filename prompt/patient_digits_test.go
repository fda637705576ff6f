package prompt

import (
	"strings"
	"testing"
)

// TestALocalNumberOfNineOrElevenDigitsSaysItIsNotAnNHSNumber: a local
// hospital number of 9 or 11 digits is kept, and the prompt says at once
// that it is not an NHS number, which has 10 digits, so a dropped or
// doubled digit is noticed; a local number with letters says nothing.
func TestALocalNumberOfNineOrElevenDigitsSaysItIsNotAnNHSNumber(t *testing.T) {
	for _, c := range []struct {
		number string
		say    bool
	}{
		{"943476591", true},
		{"12345678901", true}, // holding no NHS number
		{"RXH12345", false},
	} {
		var s saver
		var out strings.Builder
		_, _ = Run(options(&s), strings.NewReader("2\n"+c.number+"\n"), &out)
		o := strings.Join(strings.Fields(out.String()), " ")
		said := strings.Contains(o, "not an NHS number: an NHS number has 10 digits")
		if said != c.say {
			t.Errorf("%s: said it is not an NHS number: %v, want %v:\n%s", c.number, said, c.say, out.String())
		}
	}
}
