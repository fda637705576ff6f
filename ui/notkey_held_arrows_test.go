package ui

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// A single choice that came up holding the patient's answer, read (its
// hold over), on which a key that is no key of the list was refused ("x",
// a digit past its last answer): keys are ignored until Esc, and the
// arrows pressed then moved the highlight, "chooses nothing" said the help
// line; the Enter after Esc, pressed "to keep the answer", chose the
// answer under it. A follow-up saved "attended, and it helped" and "Often"
// that nobody gave. While keys are ignored after any key refused on such a
// question, the arrows are ignored too and the highlight stays on the
// answer given, which the Enter after Esc keeps.
func TestArrowsAfterAKeyOfNoAnswerRefusedOnAHeldSingleChoiceLeaveTheAnswerGiven(t *testing.T) {
	t.Parallel()
	for _, burst := range [][]string{{"x", "up", "up"}, {"7", "down", "down"}} {
		t.Run(strings.Join(burst, " "), func(t *testing.T) {
			t.Parallel()
			d := aisPatientV2(t)
			d.press("3")
			f, before := heldSingleAt(t, d, "Would you like to do things")
			time.Sleep(wordHold + 200*time.Millisecond) // the question is read: its own hold is over
			d.press(burst[0])
			if !strings.Contains(flat(d.screen()), "Keys are being ignored until you press Esc") {
				t.Fatalf("%q was not refused as no key of the list:\n%s", burst[0], d.screen())
			}
			time.Sleep(300 * time.Millisecond)
			d.press(burst[1:]...)
			if f.cursor != f.chosen || !highlightOnAnswer(d.screen()) {
				t.Fatalf("arrows pressed after %q was refused moved the highlight off the answer given %v:\n%s", burst[0], before, d.screen())
			}
			if strings.Contains(d.screen(), "↑/↓") {
				t.Errorf("the help line offers the arrows while they are ignored:\n%s", d.screen())
			}
			time.Sleep(refusalHold + 100*time.Millisecond)
			d.press("esc")
			d.waitFor("Keys are taken again")
			time.Sleep(wordHold + 100*time.Millisecond)
			d.press("enter")
			if v := f.values(); d.m.focusedField() == f || !slices.Equal(v, before) {
				t.Fatalf("enter after esc, pressed to keep the answer, gave %v; the patient gave %v:\n%s", v, before, d.screen())
			}
		})
	}
}
