package main

import (
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
)

// TestAMachineWhoseCorrectionWasKeptOverIsToldWhenItReadsTheServer: B's
// correction (an ethnic group, by Nurse Bea) was on the server; A's
// amendment met it as a conflict, and A kept its own over it. B's next
// history said only "has 1 newer record version ... made on another
// machine": Nurse Bea's correction was out of the current record, and
// nothing on her laptop said so. Now the read that takes the version in
// says that this machine's version is no longer current, whose version is,
// and what of this machine's it does not hold, with the amend command.
func TestAMachineWhoseCorrectionWasKeptOverIsToldWhenItReadsTheServer(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	A, B, first := sentAndRead(t, srv)
	onB := changedOn(t, B.st, first, questionnaire.LinkEthnicity, "R", "ethnic group corrected", "Nurse Bea")
	B.pushes(t)
	onA := changedOn(t, A.st, first, questionnaire.LinkDisability, questionnaire.PreferNotSay, "disability answer corrected", "Nurse Al")
	A.meetsConflict(t)
	A.pushes(t, "--resolve", onA.ID.String()[:13], "--keep-mine")
	kept := serverCurrent(t, srv.Base, first.ID)

	out, stderr, err := runStoreCmd(t, B.path, (*app).historyCmd, first.Patient.Value, "--server", srv.Base)
	if err != nil {
		t.Fatalf("history on B: %v\n%s", err, stderr)
	}
	said := flat(out + stderr)
	if testing.Verbose() {
		t.Logf("B's history:\n%s%s", out, stderr)
	}
	for _, want := range []string{"machine's", onB.ID.String()[:13], "no longer current", "Nurse Al", kept.String()[:13], "Other: Chinese", "digicheck amend"} {
		if !strings.Contains(said, want) {
			t.Errorf("B's history does not say %q:\n%s%s", want, out, stderr)
		}
	}
	// Said once, where it was taken in: not again on every read.
	out, stderr, err = runStoreCmd(t, B.path, (*app).historyCmd, first.Patient.Value, "--server", srv.Base)
	if err != nil {
		t.Fatalf("history on B again: %v\n%s", err, stderr)
	}
	if strings.Contains(flat(out+stderr), "no longer current") {
		t.Errorf("B's second history says it again:\n%s%s", out, stderr)
	}
}

// TestAMachineWhoseVoidWasUndoneIsToldWhenItReadsTheServer: B marked the
// assessment entered in error; A kept its amendment over the void
// (--keep-mine --undo-void). B's history said only "1 newer record
// version": the assessment counted again and nothing on B said so.
func TestAMachineWhoseVoidWasUndoneIsToldWhenItReadsTheServer(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	A, B, first := sentAndRead(t, srv)
	void := voidOn(t, B.st, first.ID, "Nurse Bea")
	B.pushes(t)
	onA := changedOn(t, A.st, first, questionnaire.LinkDisability, questionnaire.PreferNotSay, "disability answer corrected", "Nurse Al")
	A.meetsConflict(t)
	A.pushes(t, "--resolve", onA.ID.String()[:13], "--keep-mine", "--undo-void")
	out, stderr, err := runStoreCmd(t, B.path, (*app).historyCmd, first.Patient.Value, "--server", srv.Base)
	if err != nil {
		t.Fatalf("history on B: %v\n%s", err, stderr)
	}
	if testing.Verbose() {
		t.Logf("B's history:\n%s%s", out, stderr)
	}
	said := flat(out + stderr)
	for _, want := range []string{"machine's void", void.ID.String()[:13], "undone", "Nurse Al", "counts again"} {
		if !strings.Contains(said, want) {
			t.Errorf("B's history does not say %q:\n%s%s", want, out, stderr)
		}
	}
}
