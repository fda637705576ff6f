package main

import (
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
)

// TestAFollowUpOnAnAmendmentInConflictWithALostVersionSaysWhatItRestsOn:
// A followed up its amendment, in conflict with B's version, and the
// server then lost B's version. push said of the follow-up "it follows up
// a version not yet sent, which waits on it in turn": the amendment waits
// on the settle, not on the follow-up. It now says, as for any conflict,
// that the follow-up rests on this machine's amendment, in conflict.
func TestAFollowUpOnAnAmendmentInConflictWithALostVersionSaysWhatItRestsOn(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	A, B, first := sentAndRead(t, srv)
	amendOn(t, B.st, first, "amended on B", "Nurse Bea")
	onA := changedOn(t, A.st, first, questionnaire.LinkEthnicity, "R", "ethnic group corrected", "Nurse Al")
	fu := testkit.Assessed(t, testkit.Included(nil))
	fu.Patient, fu.FollowsUp, fu.Clinician = first.Patient, onA.ID, "Nurse Al"
	if err := A.st.Save(&fu); err != nil {
		t.Fatal(err)
	}
	B.pushes(t)
	a := A.app
	A.meetsConflict(t)
	srv.Control(t, fhirserver.Control{Reset: true})
	out, stderr, err := execute(a, (*app).pushCmd, "")
	said := flat(out + stderr + errText(err))
	if testing.Verbose() {
		t.Logf("A's push:\n%s", said)
	}
	if strings.Contains(said, "waits on it in turn") {
		t.Errorf("A's push says the amendment in conflict waits on the follow-up:\n%s", said)
	}
	if !strings.Contains(said, "it rests on record "+onA.ID.String()) || !strings.Contains(said, "in conflict") {
		t.Errorf("A's push does not say the follow-up rests on the amendment in conflict:\n%s", said)
	}
}
