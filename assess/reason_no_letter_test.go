package assess

import (
	"strings"
	"testing"
)

// TestAReasonTypedWithNoLetterOrDigitIsRefused: a void reason of a lone
// combining acute accent (U+0301), of two combining marks, of the
// combining enclosing keycap (U+20E3) or of the musical null notehead
// (U+1D159) was taken, and history printed "entered in error because: ́",
// an accent on the space: a void kept with no reason to read. A reason
// typed, for an amendment, a void or a referral not taken up, says why
// in words, so one with no letter or digit is refused, as a team's name
// with none is; a reason of words with a mark on them ("café fermé",
// "no time 2 weeks") is taken. A draft's outcome reason an earlier build
// kept is read as before (CheckOutcomeReason).
func TestAReasonTypedWithNoLetterOrDigitIsRefused(t *testing.T) {
	t.Parallel()
	s := start(t, options())
	for _, c := range []struct {
		typed   string
		refused bool
	}{
		{"\u0301", true},
		{"\u0300\u0301", true},
		{"\u20e3", true},
		{"\U0001d159", true},
		{"  \u0301  ", true},
		{"?!", true},
		{"- -", true},
		{"wrong patient", false},
		{"cafe\u0301 ferme\u0301", false},
		{"2", false},
		{"no time, 2 weeks", false},
		{"\u8bef", false}, // a letter of another script
	} {
		for _, check := range []struct {
			name string
			fn   func(string) error
		}{{"amend or void", CheckTypedReason}, {"why not taken up", s.CheckTypedOutcomeReason}} {
			err := check.fn(c.typed)
			if (err != nil) != c.refused {
				t.Errorf("%s: %q refused %v (%v), want %v", check.name, c.typed, err != nil, err, c.refused)
				continue
			}
			if err != nil && !strings.Contains(err.Error(), "no letter or digit") {
				t.Errorf("%s: %q refused as %q: it does not say the reason has no letter or digit", check.name, c.typed, err)
			}
		}
		if c.refused {
			if err := CheckOutcomeReason(c.typed); err != nil {
				t.Errorf("%q: a draft's outcome reason of an earlier build is refused on reading (%v)", c.typed, err)
			}
		}
	}
}
