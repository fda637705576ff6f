package assess

import (
	"strings"
	"testing"
)

// TestAnOutcomeReasonTypedWithACharacterThatDrawsNothingIsRefused: the
// follow-up's "why not, in the patient's words" refuses, as it is typed in
// either front end, a character that draws nothing, as the amend and void
// reasons do: "no time" typed with a Hangul filler, a Braille blank, a
// combining grapheme joiner, a variation selector or a zero width
// non-joiner between Latin letters was kept, and the note, history and the
// NDJSON and FHIR exports carried it. Empty (the reason is optional) and
// plain words are taken, and a draft's outcomes are read as before
// (CheckOutcomeReason, which SetOutcomes runs, takes them).
func TestAnOutcomeReasonTypedWithACharacterThatDrawsNothingIsRefused(t *testing.T) {
	t.Parallel()
	s := start(t, options())
	for _, c := range []struct {
		typed   string
		refused bool
	}{
		{"", false},
		{"no time", false},
		{"could not get there, bus cut", false},
		{"no\u3164time", true},
		{"\u3164\u3164", true},
		{"no\u2800time", true},
		{"no\u034ftime", true},
		{"no time\ufe0f", true},
		{"no ti\u200cme", true},
	} {
		err := s.CheckTypedOutcomeReason(c.typed)
		if (err != nil) != c.refused {
			t.Errorf("%q: refused %v (%v), want %v", c.typed, err != nil, err, c.refused)
			continue
		}
		if err != nil && !strings.Contains(err.Error(), "invisible character") {
			t.Errorf("%q refused as %q: it does not say the character is invisible", c.typed, err)
		}
		if c.typed != "" && c.refused {
			if err := CheckOutcomeReason(c.typed); err != nil {
				t.Errorf("%q: a draft's outcome reason of an earlier build is refused on reading (%v)", c.typed, err)
			}
		}
	}
}
