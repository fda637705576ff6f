package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// TestTheReadBackAndTheReviewAreHeldAgainWhenTheWindowComesBack: an enter
// saves from the read-back ("Result · Save?"), and confirms the review,
// only once it has been on screen for the word hold; but the time the
// window was too small to show it counted: the read-back opened, the
// window made too small 0.1 s later and big again 2.5 s after, and an
// enter 0.15 s later saved answers read back for a tenth of a second. The
// hold now begins again when the window comes back, as a referral's does:
// an enter sooner is not taken and says so; one once it has been back in
// view for the hold is.
func TestTheReadBackAndTheReviewAreHeldAgainWhenTheWindowComesBack(t *testing.T) {
	t.Parallel()
	const hold = 100 * time.Millisecond // the word hold: 300 ms
	hidden := func(d *driver) {
		time.Sleep(hold / 4)
		d.send(tea.WindowSizeMsg{Width: 40, Height: 10})
		time.Sleep(3 * d.m.wordHoldLen())
		d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
		// The enter at once: a busy machine cannot make it come after
		// the hold.
	}
	t.Run("the read-back", func(t *testing.T) {
		t.Parallel()
		st := &memStore{}
		d := newDriver(t, testOptions(st.Save), 80, 24)
		toScriptedResult(d)
		answerReferrals(d, firstReferrals)
		d.m.refusalHold = hold
		time.Sleep(d.m.wordHoldLen() + hold)
		d.press("enter")
		d.waitFor(confirmAsk)
		d.press("end")
		hidden(d)
		d.press("enter")
		if d.m.screen == savedScreen || len(d.m.Outcome().Saved) != 0 {
			t.Fatalf("an enter as the read-back came back into view saved:\n%s", d.screen())
		}
		if !strings.Contains(flat(d.screen()), "Enter not taken") {
			t.Errorf("the screen does not say the enter was not taken:\n%s", d.screen())
		}
		time.Sleep(d.m.wordHoldLen() + hold)
		d.press("enter")
		d.waitFor("Saved ·")
	})
	t.Run("the review", func(t *testing.T) {
		t.Parallel()
		d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
		enterPatient(d)
		answerSections(d)
		d.waitFor("Review")
		d.m.refusalHold = hold
		d.press("end")
		hidden(d)
		d.press("enter")
		if d.m.screen != reviewScreen {
			t.Fatalf("an enter as the review came back into view went on:\n%s", d.screen())
		}
		time.Sleep(d.m.wordHoldLen() + hold)
		d.press("enter")
		if d.m.screen != resultScreen {
			t.Fatalf("an enter once the review was back in view for the hold did not go on:\n%s", d.screen())
		}
	})
}
