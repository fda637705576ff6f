package prompt

import (
	"strings"
	"testing"
)

// TestTheWrongThingInAnIdentifierLineIsRefused: a local hospital number
// with no digit ("Ada") is refused saying what a local number looks like,
// and an NHS number typed as the clinician with the letter O for a zero
// is refused saying why, the refusal never saying the number back; nothing
// is saved.
func TestTheWrongThingInAnIdentifierLineIsRefused(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"a name as the local number", "2\nAda\n", "at least one digit"},
		{"an NHS number as the clinician", "2\nRXH123\n4O1 023 2137\n", "looks like an NHS number"},
	} {
		var s saver
		var out strings.Builder
		_, _ = Run(options(&s), strings.NewReader(tc.in), &out)
		said := out.String()
		i := strings.Index(said, "Not accepted: ")
		if i < 0 || !strings.Contains(said[i:], tc.want) {
			t.Errorf("%s: not refused with %q:\n%s", tc.name, tc.want, said)
			continue
		}
		refusal, _, _ := strings.Cut(said[i:], "\n")
		if strings.Contains(refusal, "4O1") || strings.Contains(refusal, "4010232137") || strings.Contains(refusal, "Ada") {
			t.Errorf("%s: the refusal says back what was typed: %q", tc.name, refusal)
		}
		if len(s.saved) != 0 {
			t.Errorf("%s: saved", tc.name)
		}
	}
}
