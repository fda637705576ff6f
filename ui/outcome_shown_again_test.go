package ui

import (
	"strings"
	"testing"
	"time"

	"digicheck/record"
)

// TestAnOutcomeQuestionShownAgainTakesNoKeyTypedBeforeItCouldBeRead: the
// hold of "Did you go to ...?" (outcomeUnread) counted from the first time
// the question was shown. Gone back to the team box and on again, the
// enter that kept the team and a 1 typed with it ("\r1") replaced "No, I
// did not take it up" with "Yes, I went", and the screen went on to
// Access, the question never in view. The question shown again is held
// as it was the first time: the 1 records nothing, says so, and keys are
// ignored until esc.
func TestAnOutcomeQuestionShownAgainTakesNoKeyTypedBeforeItCouldBeRead(t *testing.T) {
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
	time.Sleep(d.m.wordHoldLen() + 50*time.Millisecond)
	d.press("3")
	if v := of.codes[0].values(); len(v) != 1 || v[0] != record.OutcomeNotTakenUp {
		t.Fatalf("the outcome read and answered: %v, want not taken up\n%s", v, d.screen())
	}
	d.waitFor("Why not?")
	time.Sleep(d.m.wordHoldLen())
	d.press("esc") // back to "Did you go to ...?"
	time.Sleep(d.m.wordHoldLen())
	d.press("esc") // back to the team box
	d.waitFor("Team (optional)")
	time.Sleep(d.m.wordHoldLen())
	burst(d, "enter", "1")
	if v := of.codes[0].values(); len(v) != 1 || v[0] != record.OutcomeNotTakenUp {
		t.Fatalf("a key typed with the team's enter changed the outcome to %v:\n%s", v, d.screen())
	}
	if d.m.screen != outcomeScreen || d.m.focusedField() != of.codes[0] {
		t.Fatalf("the screen went on past the question shown again:\n%s", d.screen())
	}
	if !strings.Contains(flat(d.screen()), "came before this question could be read") {
		t.Fatalf("the screen does not say the key was not taken:\n%s", d.screen())
	}
	time.Sleep(d.m.wordHoldLen() + 50*time.Millisecond)
	d.press("2")
	if v := of.codes[0].values(); v[0] != record.OutcomeNotTakenUp {
		t.Fatalf("a key after the refusal, before esc, answered the question %v", v)
	}
}
