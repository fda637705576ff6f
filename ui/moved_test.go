package ui

import (
	"strings"
	"testing"

	"digicheck/store"
)

// movedErr is a save refused because the version amended moved on
// (amended again, or marked entered in error) while it was asked, as the
// assess command's save says it.
type movedErr struct{}

func (movedErr) Error() string {
	return "record 01a23a85-1d00 cannot be amended: its assessment was marked entered in error by Nurse One on 2026-12-03 06:10 (record 01a23a87-981e), because: wrong patient. There is nothing to amend. Nothing was saved; the draft is kept. Discard it."
}
func (movedErr) Unwrap() error { return store.ErrSuperseded }

// TestASaveRefusedBecauseTheVersionAmendedMovedOnSaysWhy: the refusal
// said "the store did not save it" and "press r to try again", which
// cannot help: it says why in the save's own words, whole at 80x24.
func TestASaveRefusedBecauseTheVersionAmendedMovedOnSaysWhy(t *testing.T) {
	t.Parallel()
	st := &memStore{fail: movedErr{}}
	d := newDriver(t, testOptions(st.Save), 80, 24)
	toReviewQuickly(d)
	d.press("end", "enter")
	d.waitFor("Result")
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Not saved:")
	s := strings.Join(strings.Fields(d.screen()), " ")
	for _, want := range []string{"marked entered in error by Nurse One", "wrong patient", "the draft is kept. Discard it."} {
		if !strings.Contains(s, want) {
			t.Errorf("the refusal does not say %q:\n%s", want, d.screen())
		}
	}
	for _, not := range []string{"try again", "did not save it", "Paste the note"} {
		if strings.Contains(s, not) {
			t.Errorf("the refusal says %q:\n%s", not, d.screen())
		}
	}
	checkFits(t, d.m.View().Content, 80, 24)
}
