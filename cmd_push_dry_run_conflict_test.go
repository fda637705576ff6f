package main

import (
	"strings"
	"testing"

	"digicheck/internal/testkit"
)

// TestADryRunThatMeetsAConflictSaysAPushWouldRecordIt: the laptop's
// amendment was made offline on a version the ward has since amended. Its
// dry run meets the conflict and, rightly, records nothing; but it said
// "See the server's versions with digicheck push --conflicts" and how to
// settle each with --resolve, and both then found no conflict to show or
// settle; of a follow-up resting on the amendment, "see digicheck push
// --conflicts" as well. It says that nothing was recorded, that a push would record the
// conflict, and to run push, then push --conflicts, with this run's flags;
// and these are true: after it there is no conflict, after the push there
// is.
func TestADryRunThatMeetsAConflictSaysAPushWouldRecordIt(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	a, srv, lst, first, onLaptop := offlineLaptop(t)
	a.given = " --db " + a.settings.DB
	fu := testkit.Assessed(t, testkit.Included(nil))
	fu.Patient, fu.FollowsUp, fu.Clinician = first.Patient, onLaptop.ID, "Nurse Bea"
	if err := lst.Save(&fu); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := execute(a, (*app).pushCmd, "", "--dry-run")
	if err == nil {
		t.Fatalf("the dry run that meets a conflict exits 0:\n%s%s", out, stderr)
	}
	flat := unfolded(stderr + err.Error())
	for _, want := range []string{
		"conflict: assessment " + onLaptop.Amends.String() + " was changed on another machine",
		"this machine's amendment " + onLaptop.ID.String() + " would be kept here and not sent",
		"follow-up " + fu.ID.String() + " of patient",
		"would not be sent: it rests on record " + onLaptop.ID.String() + ", this machine's amendment of the assessment it follows up, which would meet a conflict with the FHIR server and not be sent (a push records the conflict, as said below)",
		"Nothing was recorded, as this is a dry run: a push would record it as a conflict to settle, overwriting nothing on the server",
		"run digicheck push --db " + a.settings.DB + " (it records it), then digicheck push --db " + a.settings.DB + " --conflicts",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the dry run does not say %q:\n%s", want, flat)
		}
	}
	for _, never := range []string{"is kept locally and not sent", "See the server's versions", "see digicheck push", "--resolve"} {
		if strings.Contains(flat, never) {
			t.Errorf("the dry run, which recorded nothing, says %q:\n%s", never, flat)
		}
	}
	if c, err := lst.Conflicts(srv.Base); err != nil || len(c) != 0 {
		t.Fatalf("after the dry run the store holds conflicts %v (%v); want none", c, err)
	}

	// The push does what the dry run said: records it, and says so.
	_, stderr, err = execute(a, (*app).pushCmd, "")
	flat = unfolded(stderr + errText(err))
	if !strings.Contains(flat, "this machine's amendment "+onLaptop.ID.String()+" is kept locally and not sent") || !strings.Contains(flat, "See the server's versions with digicheck push --db "+a.settings.DB+" --conflicts") {
		t.Errorf("the push that meets the conflict says:\n%s", flat)
	}
	if c, err := lst.Conflicts(srv.Base); err != nil || len(c) != 1 {
		t.Errorf("after the push the store holds conflicts %v (%v); want the one met", c, err)
	}
}
