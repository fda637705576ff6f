package ui

import (
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// TestTheSavedScreenNeverBreaksARecordIdOrAFlag (issue 13): the saved
// screen wrapped its note at hyphens too, so the amendment's note read
// "…record 01a23b69-ac33-784a-" / "b590-b6d6d2c76be8." and the note held
// back "digicheck push --" / "conflicts". At every width the ids and the
// commands on the saved screen are whole on their lines, and no line is
// wider than the screen.
func TestTheSavedScreenNeverBreaksARecordIdOrAFlag(t *testing.T) {
	t.Parallel()
	r := testkit.Assessed(t, testkit.Included(nil))
	r.ID, _ = record.NewID()
	r.Amends, _ = record.NewID()
	for _, held := range []bool{false, true} {
		m := New(testOptions((&memStore{}).Save))
		m.saved = r
		if held {
			m.noteHeld = map[record.ID]PushResult{r.ID: {Conflict: true, EnteredInError: true}}
		}
		for w := 56; w <= 100; w++ {
			text := plain(m.savedText(w))
			for _, whole := range []string{r.Amends.String(), "--conflicts", "digicheck show " + r.ID.String()} {
				if !held && whole != r.Amends.String() || held && whole == r.Amends.String() {
					continue
				}
				// Broken at a hyphen, it reads whole with the break
				// taken out; at a space, with a space for it.
				if !strings.Contains(strings.ReplaceAll(text, "\n", ""), whole) && !strings.Contains(strings.ReplaceAll(text, "\n", " "), whole) {
					t.Fatalf("%q is not on the saved screen at all:\n%s", whole, text)
				}
				for _, part := range strings.Fields(whole) {
					if !strings.Contains(text, part) {
						t.Errorf("at %d columns (held %v) the saved screen breaks %q:\n%s", w, held, part, text)
					}
				}
			}
			for i, l := range strings.Split(text, "\n") {
				if n := len([]rune(l)); n > w {
					t.Errorf("at %d columns line %d is %d wide: %q", w, i+1, n, l)
				}
			}
		}
	}
}
