package main

import (
	"strings"
	"testing"

	"digicheck/record"
)

// TestTheIntroOfAFollowUpOfAnAmendedAssessmentNamesWhoMadeItAndWhoAmendedIt:
// the plain prompts' intro to a follow-up of an amended assessment said
// "made on 3 Dec 2026 by Nurse m2", naming the clinician who amended it as
// the one who made it. It names both, each with their date; an assessment
// never amended is still "made on … by …".
func TestTheIntroOfAFollowUpOfAnAmendedAssessmentNamesWhoMadeItAndWhoAmendedIt(t *testing.T) {
	t.Parallel()
	path, st, first := agreedToEverything(t)
	made := "made on " + first.Time.Local().Format("2 Jan 2006") + " by " + first.Clinician
	out, _, _ := runStoreCmdIn(t, path, "", (*app).followupCmd, first.Patient.Value)
	if all := strings.Join(strings.Fields(out), " "); !strings.Contains(all, "Following up the assessment of patient "+first.Patient.String()+" "+made+".") {
		t.Errorf("the intro of a follow-up of an assessment never amended does not say %q:\n%s", made, out)
	}

	again := first
	again.ID, again.Amends, again.AmendReason, again.Clinician = record.ID{}, first.ID, "age was wrong", "Nurse m2"
	if err := st.Amend(&again); err != nil {
		t.Fatal(err)
	}
	out, _, _ = runStoreCmdIn(t, path, "", (*app).followupCmd, first.Patient.Value)
	all := strings.Join(strings.Fields(out), " ")
	want := "Following up the assessment of patient " + first.Patient.String() + " " + made + ", amended on " + again.Time.Local().Format("2 Jan 2006") + " by Nurse m2."
	if !strings.Contains(all, want) {
		t.Errorf("the intro does not say %q:\n%s", want, out)
	}
}
