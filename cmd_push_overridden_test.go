package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/store"
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
	aPath, ast, first := agreedToEverything(t)
	pushWith(t, srv.Base, ast)
	bPath := filepath.Join(t.TempDir(), "b.db")
	if _, stderr, err := runStoreCmd(t, bPath, (*app).historyCmd, first.Patient.Value, "--server", srv.Base); err != nil {
		t.Fatalf("history on B: %v\n%s", err, stderr)
	}
	bst, err := store.Open(bPath, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	onB := changedOn(t, bst, first, questionnaire.LinkEthnicity, "R", "ethnic group corrected", "Nurse Bea")
	b := laptopApp(bPath, srv.Base)
	if out, stderr, err := execute(b, (*app).pushCmd, ""); err != nil {
		t.Fatalf("B's push: %v\n%s%s", err, out, stderr)
	}
	onA := changedOn(t, ast, first, questionnaire.LinkDisability, questionnaire.PreferNotSay, "disability answer corrected", "Nurse Al")
	a := laptopApp(aPath, srv.Base)
	if out, stderr, err := execute(a, (*app).pushCmd, ""); err == nil {
		t.Fatalf("A's push met no conflict:\n%s%s", out, stderr)
	}
	if out, stderr, err := execute(a, (*app).pushCmd, "", "--resolve", onA.ID.String()[:13], "--keep-mine"); err != nil {
		t.Fatalf("A's --keep-mine: %v\n%s%s", err, out, stderr)
	}
	kept := serverCurrent(t, srv.Base, first.ID)
	if _, stderr, err := runStoreCmd(t, bPath, (*app).historyCmd, first.Patient.Value, "--server", srv.Base); err != nil {
		t.Fatalf("history on B: %v\n%s", err, stderr)
	}
	for _, run := range []string{"first", "again"} {
		out, stderr, err := execute(b, (*app).pushCmd, "")
		if err != nil {
			t.Fatalf("B's push (%s): %v\n%s%s", run, err, out, stderr)
		}
		if testing.Verbose() {
			t.Logf("B's push (%s):\n%s%s", run, out, stderr)
		}
		said := flat(out + stderr)
		for _, want := range []string{"NOT KEPT", shortOf(bst, onB.ID), shortOf(bst, kept), "Nurse Al", first.Patient.String(), "digicheck show " + shortOf(bst, onB.ID)} {
			if !strings.Contains(said, want) {
				t.Errorf("B's push (%s) does not say %q:\n%s%s", run, want, out, stderr)
			}
		}
		if n := strings.Count(said, "NOT KEPT"); n != 1 {
			t.Errorf("B's push (%s) says NOT KEPT %d times, not once:\n%s%s", run, n, out, stderr)
		}
	}
	// Once the current version holds what B changed, push says no more.
	cur, err := bst.Current(first.ID)
	if err != nil {
		t.Fatal(err)
	}
	changedOn(t, bst, cur, questionnaire.LinkEthnicity, "R", "correction of the version not kept", "Nurse Bea")
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
