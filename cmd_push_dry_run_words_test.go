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
	// One version held back is "it", more are "them".
	for _, tc := range []struct {
		waiting      int
		dryRun, push string
	}{
		{1, "so a push would not send it now", "so it is not sent now"},
		{2, "so a push would not send them now", "so they are not sent now"},
	} {
		rep := push.Report{LostCopied: tc.waiting, LostCopies: []push.LostCopy{{Base: record.ID{1}, Clinician: "Nurse Ann", Waiting: tc.waiting}}, WaitOnOther: tc.waiting}
		if said := strings.Join(strings.Fields(lostWords(rep, "the server", true, false, false)), " "); strings.Contains(said, "not sent now") || !strings.Contains(said, tc.dryRun) {
			t.Errorf("the dry run says of %d versions held back:\n%s\nwant %q", tc.waiting, said, tc.dryRun)
		}
		if said := strings.Join(strings.Fields(lostWords(rep, "the server", false, false, false)), " "); !strings.Contains(said, tc.push) {
			t.Errorf("the push says of %d versions held back:\n%s\nwant %q", tc.waiting, said, tc.push)
		}
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
