package prompt

import (
	"strings"
	"testing"
)

// TestThePlainPromptsRefuseALocalNumberThatReadsAsAnNHSNumberWithALetter:
// "943476591O" typed as a local hospital number is an NHS number with the
// letter O for a zero; it is refused, saying so, and the clinician is not
// asked for next (history and follow-up by the NHS number would never find
// a record under it). A real local number with letters is taken and the
// clinician asked for.
func TestThePlainPromptsRefuseALocalNumberThatReadsAsAnNHSNumberWithALetter(t *testing.T) {
	for _, tc := range []struct {
		typed, letter string // letter "" when taken
	}{
		{"943476591O", "the letter O for a zero"},
		{"94347659l9", "the letter l for a one"},
		{"A1234567B", ""},
	} {
		var s saver
		var out strings.Builder
		_, _ = Run(options(&s), strings.NewReader("2\n"+tc.typed+"\n"), &out)
		said := out.String()
		refused := strings.Contains(said, "Not accepted: this looks like an NHS number with "+tc.letter+": choose NHS number and type the digits")
		asked := strings.Contains(said, "Clinician")
		switch {
		case tc.letter == "" && (!asked || strings.Contains(said, "Not accepted")):
			t.Errorf("%q not taken as a local number:\n%s", tc.typed, said)
		case tc.letter != "" && (!refused || asked):
			t.Errorf("%q not refused as an NHS number with %s:\n%s", tc.typed, tc.letter, said)
		}
		if len(s.saved) != 0 {
			t.Errorf("%q: saved %d records", tc.typed, len(s.saved))
		}
	}
}
