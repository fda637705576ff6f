package ui

import (
	"strings"
	"testing"
)

// TestCtrlCOnAnAmendmentAsksOfTheAmendment: ctrl+c during an amendment
// asked "Discard this assessment?": read as the saved assessment to be
// discarded. It asks of the amendment, and says the assessment it amends
// is as it was.
func TestCtrlCOnAnAmendmentAsksOfTheAmendment(t *testing.T) {
	t.Parallel()
	old := earlier(t)
	s := &memStore{}
	o := testOptions(s.Save)
	o.Clinician, o.Team = old.Clinician, old.Team
	o.Amend, o.AmendReason = &old, "checked again"
	d := newDriver(t, o, 80, 24)
	d.waitFor("Amend assessment", "Clinician")
	d.press("enter", "tab", "enter")
	d.waitFor("Amendment · Review")
	d.press("ctrl+c")
	s1 := flat(d.screen())
	if !strings.Contains(s1, "Discard this amendment?") || strings.Contains(s1, "this assessment?") {
		t.Errorf("ctrl+c on an amendment does not ask of the amendment:\n%s", d.screen())
	}
	if !strings.Contains(s1, "the assessment it amends is as it was") {
		t.Errorf("ctrl+c on an amendment does not say the assessment amended is as it was:\n%s", d.screen())
	}
	d.press("y")
	if s2 := flat(d.screen()); strings.Contains(s2, "this assessment") {
		t.Errorf("the question asked again speaks of the assessment:\n%s", d.screen())
	}
}
