package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// TestAnOutcomeKeyCountsOnlyOnceTheQuestionHasBeenBackInViewForTheWordHold:
// a follow-up's "Did you go to ...?" takes a key only once it has been on
// screen for the word hold, as a referral's consent does; but the time the
// window was too small to show it counted, so a key 0.2 s after the
// window was made big again recorded "Yes, I went" for a question back on
// screen for no time. The hold begins again when the window comes back:
// a key then records nothing and says so at once (never shown taken and
// then undone), and, once esc says the refusal was read, one with the
// question back in view for the hold answers it.
func TestAnOutcomeKeyCountsOnlyOnceTheQuestionHasBeenBackInViewForTheWordHold(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	prev := savedScenario(t, st)
	o := withStore(testOptions(nil), st)
	o.FollowUp = &prev
	d := newDriver(t, o, 80, 24)
	d.press("enter")
	d.m.refusalHold = 100 * time.Millisecond // the word hold: 300 ms
	d.press("enter")
	d.waitFor("Earlier referrals")
	of := d.m.outcomeForm
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
	d.send(tea.WindowSizeMsg{Width: 80, Height: 10})
	time.Sleep(2 * d.m.wordHoldLen())
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	d.press("1") // at once: a busy machine cannot make it come after the hold
	if v := of.codes[0].values(); len(v) != 0 {
		t.Fatalf("a key as the question came back into view answered it %v\n%s", v, d.screen())
	}
	if !strings.Contains(flat(d.screen()), "came before this question could be read") {
		t.Errorf("the screen does not say the key was not taken:\n%s", d.screen())
	}
	time.Sleep(d.m.wordHoldLen() + 50*time.Millisecond)
	d.press("esc")
	time.Sleep(d.m.refusalHold)
	d.press("1")
	if v := of.codes[0].values(); len(v) != 1 {
		t.Fatalf("a key once the question was back in view for the hold answered nothing\n%s", d.screen())
	}
}
