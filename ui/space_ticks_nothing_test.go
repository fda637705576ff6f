package ui

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// On a list of many answers ("choose all that apply") a Space ticked the
// answer highlighted, and a fresh question's highlight was on answer 1: a
// stray Space (pressed to page on, as in less, or to wake the screen) and
// the Enter needed to go on saved "My own smartphone", or "Read and reply
// to a text message", that nobody gave. Space is no key of these lists, as
// on a list of one answer: it is refused, and the keys after it are
// ignored until Esc.

func TestASpaceOnAListOfManyAnswersTicksNothingAndIsRefusedAsOnAListOfOne(t *testing.T) {
	t.Parallel()
	for name, before := range map[string][]string{
		"fresh":               nil,
		"an answer moved to":  {"down"},
		"after a number tick": {"2"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
			enterPatient(d)
			f := d.m.activeForm().focused()
			d.press(before...)
			want := slices.Clone(f.ticked)
			d.m.refusalHold = time.Hour // the space and its enter come in one burst
			d.press("space", "enter")
			for i := range f.ticked {
				if f.ticked[i] && !want[i] {
					t.Fatalf("space ticked %v, had %v:\n%s", f.ticked, want, d.screen())
				}
			}
			if slices.Contains(want, true) && !strings.Contains(flat(d.screen()), "taken back") {
				// The number typed just before it, in the same run,
				// is taken back as before any key refused (takeBack).
				t.Fatalf("the tick just before the space is neither kept nor said to be taken back:\n%s", d.screen())
			}
			if d.m.activeForm().focused() != f {
				t.Fatalf("the enter after the space answered the question:\n%s", d.screen())
			}
			s := flat(d.screen())
			if !strings.Contains(s, `Not an answer: " " is not a key of this list`) || !strings.Contains(s, "Keys are being ignored until you press Esc") {
				t.Fatalf("the space is not refused as on a list of one answer:\n%s", d.screen())
			}
			d.m.refusalHold = 0
			d.press("esc")
			d.waitFor("Keys are taken again")
			d.press("1", "enter")
			d.waitFor("How do you get online?")
		})
	}
}
