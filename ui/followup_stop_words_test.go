package ui

import (
	"strings"
	"testing"
)

// TestCtrlCOnAFollowUpAsksOfTheFollowUp: ctrl+c during a follow-up asked
// "Discard this assessment? It is kept as a draft, not saved as a record."
// under a screen that spoke of the assessment it follows up, by its date
// and record: read as that saved assessment to be discarded. It asks of
// the follow-up, and says the assessment it follows up is as it was, as an
// amendment's question says of the assessment it amends.
func TestCtrlCOnAFollowUpAsksOfTheFollowUp(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	prev := savedScenario(t, st)
	o := withStore(testOptions(nil), st)
	o.FollowUp = &prev
	d := newDriver(t, o, 80, 24)
	d.press("enter", "enter")
	d.waitFor("Earlier referrals")
	d.press("ctrl+c")
	s := flat(d.screen())
	if !strings.Contains(s, "Discard this follow-up?") || strings.Contains(s, "this assessment?") {
		t.Errorf("ctrl+c on a follow-up does not ask of the follow-up:\n%s", d.screen())
	}
	if !strings.Contains(s, "the assessment it follows up is as it was") {
		t.Errorf("ctrl+c on a follow-up does not say the assessment it follows up is as it was:\n%s", d.screen())
	}
	checkFits(t, d.m.View().Content, 80, 24)
}
