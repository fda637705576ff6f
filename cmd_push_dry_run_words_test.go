package main

import (
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/push"
	"digicheck/record"
)

// TestADryRunSaysWhatAPushWouldNotSendAsNotDone: the dry run, which sends
// nothing, said of versions a push holds back that they "are not sent
// now", and of a follow-up resting on a version in conflict that it "is
// not sent", where the rest of it says "would not be sent". Its words are
// of what a push would do; the push's own stay as they were.
func TestADryRunSaysWhatAPushWouldNotSendAsNotDone(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	rep := push.Report{LostCopied: 1, LostCopies: []push.LostCopy{{Base: record.ID{1}, Clinician: "Nurse Ann"}}, WaitOnOther: 1}
	if said := strings.Join(strings.Fields(lostWords(rep, "the server", true, false, false)), " "); strings.Contains(said, "not sent now") || !strings.Contains(said, "so a push would not send them now") {
		t.Errorf("the dry run says of versions held back:\n%s", said)
	}
	if said := strings.Join(strings.Fields(lostWords(rep, "the server", false, false, false)), " "); !strings.Contains(said, "so they are not sent now") {
		t.Errorf("the push says of versions held back:\n%s", said)
	}

	a, lst, first, onLaptop := laptopInConflict(t)
	fu := testkit.Assessed(t, testkit.Included(nil))
	fu.Patient, fu.FollowsUp, fu.Clinician = first.Patient, onLaptop.ID, "Nurse Bea"
	if err := lst.Save(&fu); err != nil {
		t.Fatal(err)
	}
	_, stderr, err := execute(a, (*app).pushCmd, "", "--dry-run")
	said := stderr
	if err != nil {
		said += err.Error()
	}
	said = strings.Join(strings.Fields(said), " ")
	if !strings.Contains(said, fu.ID.String()+" of patient") || !strings.Contains(said, "would not be sent: it rests on record "+onLaptop.ID.String()) || strings.Contains(said, "is not sent: it rests on") {
		t.Errorf("the dry run says of the follow-up held back:\n%s", said)
	}
}
