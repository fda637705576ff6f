package ui

import (
	"strings"
	"testing"
	"time"

	"digicheck/record"
)

// TestAfterAnOutcomeKeyIsRefusedNoAnswerIsTakenUntilEscSoNoneLandsOnAnotherQuestion:
// in a follow-up, "Did you go to …?" answered with 1 and a 2 typed with it,
// meant for the next referral's question, which came up by itself: the 2
// came before that question could be asked and was refused ("Not
// recorded"), but the key typed ahead 1.8 s later, meant for the question
// after it, answered this one, and every answer after it landed one
// question early (a tester at 80x24). After such a refusal every key is now ignored, however slowly it comes, until esc, as after a
// refused consent key on the result; esc goes back nowhere, and the screen
// names the question the next key answers. Then a key answers it.
func TestAfterAnOutcomeKeyIsRefusedNoAnswerIsTakenUntilEscSoNoneLandsOnAnotherQuestion(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	prev := savedScenario(t, st)
	if len(agreed(prev)) < 2 {
		t.Fatalf("the scenario agreed %d referrals, want at least 2", len(agreed(prev)))
	}
	o := withStore(testOptions(nil), st)
	o.FollowUp = &prev
	d := newDriver(t, o, 80, 24)
	d.press("enter", "enter")
	d.waitFor("Earlier referrals")
	of := d.m.outcomeForm
	d.m.refusalHold = 100 * time.Millisecond // the word hold: 300 ms
	time.Sleep(d.m.wordHoldLen() + 50*time.Millisecond)
	burst(d, "1", "2")
	if v := of.codes[0].values(); len(v) != 1 || v[0] != record.OutcomeAttended {
		t.Fatalf("the first earlier referral %v, want attended\n%s", v, d.screen())
	}
	if of.form.focused() != of.codes[1] {
		t.Fatalf("the focus is not on the second earlier referral: %q", of.form.focused().title)
	}
	// The tester's 1.8 s, past every hold of the old code.
	time.Sleep(d.m.wordHoldLen() * 3 / 2)
	d.press("4")
	time.Sleep(d.m.wordHoldLen() * 3 / 2)
	d.press("enter")
	if v := of.codes[1].values(); len(v) != 0 {
		t.Fatalf("a key typed after the refused 2 answered the second earlier referral %v before esc\n%s", v, d.screen())
	}
	if of.form.focused() != of.codes[1] {
		t.Fatalf("a key after the refusal moved the focus to %q", of.form.focused().title)
	}
	if s := flat(d.screen()); !strings.Contains(s, "until you press Esc") && !strings.Contains(s, "Keys are ignored until Esc") {
		t.Errorf("the refusal does not say keys are ignored until esc:\n%s", d.screen())
	}
	d.press("esc")
	if d.m.screen != outcomeScreen || of.form.focused() != of.codes[1] {
		t.Fatalf("the esc that ends the refusal went back:\n%s", d.screen())
	}
	if s, name := flat(d.screen()), prev.Recommendation.Referrals[1].Name; !strings.Contains(s, "Answer the question on screen first: Did you go to "+name+"?") {
		t.Errorf("after esc the screen does not name the question the next key answers:\n%s", d.screen())
	}
	time.Sleep(d.m.wordHoldLen())
	d.press("2")
	if v := of.codes[1].values(); len(v) != 1 || v[0] != record.OutcomeHelped {
		t.Fatalf("a key after esc: %v, want helped\n%s", v, d.screen())
	}
}
