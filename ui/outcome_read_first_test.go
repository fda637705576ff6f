package ui

import (
	"strings"
	"testing"
	"time"

	"digicheck/record"
)

// TestAnOutcomeQuestionTakesNoKeyTypedBeforeItCouldBeRead: in a follow-up,
// "enter 1 enter" typed at the team in one burst, the habit of a new
// assessment (keep the team, tick the first device), answered "Did you go
// to ...?" before it was on screen: "Yes, I went" was recorded, and the
// patient was never asked. The question records what the patient did, as
// a consent records what they agreed to, and takes a key only once it has
// been on screen for the hold of the consents (wordHold): a key sooner
// records nothing, says so, and every key after it is ignored until esc
// (TestAfterAnOutcomeKeyIsRefusedNoAnswerIsTakenUntilEscSoNoneLandsOnAnotherQuestion).
// After esc, with the question on screen that long, a key answers it.
func TestAnOutcomeQuestionTakesNoKeyTypedBeforeItCouldBeRead(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	prev := savedScenario(t, st)
	o := withStore(testOptions(nil), st)
	o.FollowUp = &prev
	d := newDriver(t, o, 80, 24)
	d.press("enter")
	d.m.refusalHold = 100 * time.Millisecond // the word hold: 300 ms
	burst(d, "enter", "1", "enter")
	d.waitFor("Earlier referrals")
	of := d.m.outcomeForm
	if v := of.codes[0].values(); len(v) != 0 {
		t.Fatalf("a key typed with the team answered the first earlier referral %v:\n%s", v, d.screen())
	}
	if of.form.focused() != of.codes[0] {
		t.Fatalf("the focus left the first earlier referral: %q", of.form.focused().title)
	}
	if !strings.Contains(flat(d.screen()), "came before this question could be read") {
		t.Fatalf("the screen does not say the key was not taken:\n%s", d.screen())
	}
	// A key half the hold after it was shown is typed before it could be
	// read out too.
	time.Sleep(d.m.wordHoldLen() / 2)
	d.press("2")
	if v := of.codes[0].values(); len(v) != 0 {
		t.Fatalf("a key %v after the question was shown answered it %v", d.m.wordHoldLen()/2, v)
	}

	time.Sleep(d.m.wordHoldLen() + 50*time.Millisecond)
	d.press("1")
	if v := of.codes[0].values(); len(v) != 0 {
		t.Fatalf("a key after the refusal, before esc, answered the question %v", v)
	}
	d.press("esc")
	time.Sleep(d.m.refusalHold)
	d.press("1")
	if v := of.codes[0].values(); len(v) != 1 || v[0] != record.OutcomeAttended {
		t.Fatalf("a key once the question was read: %v, want attended\n%s", v, d.screen())
	}
}
