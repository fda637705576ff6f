package main

import (
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
)

// TestPushSaysOnceThatAnotherMachinesSettleWentOverThisMachinesCorrection:
// B's correction was kept over by A's settle (--keep-mine). history and
// show on B said so, with what is not kept and the amend that applies it,
// but B's push said only "Nothing to send": a nurse whose IT lead ran the
// read, or whose read scrolled past, was never told by the command they
// run most. push now says it, once, with the facts history says: B's
// versions, A's record by whom, and the show that lists what is not kept.
func TestPushSaysOnceThatAnotherMachinesSettleWentOverThisMachinesCorrection(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	A, B, first := sentAndRead(t, srv)
	onB := changedOn(t, B.st, first, questionnaire.LinkEthnicity, "R", "ethnic group corrected", "Nurse Bea")
	b := B.app
	B.pushes(t)
	onA := changedOn(t, A.st, first, questionnaire.LinkDisability, questionnaire.PreferNotSay, "disability answer corrected", "Nurse Al")
	a := A.app
	A.meetsConflict(t)
	A.pushes(t, "--resolve", onA.ID.String()[:13], "--keep-mine")
	kept := serverCurrent(t, srv.Base, first.ID)
	B.reads(t, first.Patient)
	for _, run := range []string{"first", "again"} {
		out, stderr, err := execute(b, (*app).pushCmd, "")
		if err != nil {
			t.Fatalf("B's push (%s): %v\n%s%s", run, err, out, stderr)
		}
		if testing.Verbose() {
			t.Logf("B's push (%s):\n%s%s", run, out, stderr)
		}
		said := flat(out + stderr)
		for _, want := range []string{"NOT KEPT", shortOf(B.st, onB.ID), shortOf(B.st, kept), "Nurse Al", first.Patient.String(), "digicheck show " + shortOf(B.st, onB.ID)} {
			if !strings.Contains(said, want) {
				t.Errorf("B's push (%s) does not say %q:\n%s%s", run, want, out, stderr)
			}
		}
		if n := strings.Count(said, "NOT KEPT"); n != 1 {
			t.Errorf("B's push (%s) says NOT KEPT %d times, not once:\n%s%s", run, n, out, stderr)
		}
	}
	// Once the current version holds what B changed, push says no more.
	cur, err := B.st.Current(first.ID)
	if err != nil {
		t.Fatal(err)
	}
	changedOn(t, B.st, cur, questionnaire.LinkEthnicity, "R", "correction of the version not kept", "Nurse Bea")
	out, stderr, err := execute(b, (*app).pushCmd, "")
	if err != nil {
		t.Fatalf("B's push of its amend: %v\n%s%s", err, out, stderr)
	}
	if strings.Contains(out+stderr, "NOT KEPT") {
		t.Errorf("B's push still says NOT KEPT once the current version holds B's change:\n%s%s", out, stderr)
	}
	// A, whose version was kept, is told nothing of it.
	if out, stderr, err := execute(a, (*app).pushCmd, ""); err != nil || strings.Contains(out+stderr, "NOT KEPT") {
		t.Errorf("A's push (%v) says NOT KEPT of A's own settle:\n%s%s", err, out, stderr)
	}
}
