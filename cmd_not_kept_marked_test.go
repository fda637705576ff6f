package main

import (
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
)

// TestAVersionKeptOverIsMarkedNotKeptOnEveryRead: B's correction was kept
// over by A's settle (--keep-mine). B was told once, by the read that took
// A's version in: a second history listed B's correction as plain
// "superseded", and show of it said only that another version was
// current, so a nurse who missed the first read (IT ran it, or it
// scrolled past) was never told. history now marks it not kept on every
// read, and show of it says what the current version does not hold, with
// the amend that applies it.
func TestAVersionKeptOverIsMarkedNotKeptOnEveryRead(t *testing.T) {
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
	B.reads(t, first.Patient)
	out, stderr, err := runStoreCmd(t, B.path, (*app).historyCmd, first.Patient.Value, "--server", srv.Base)
	if err != nil {
		t.Fatalf("history on B again: %v\n%s", err, stderr)
	}
	if testing.Verbose() {
		t.Logf("B's second history:\n%s%s", out, stderr)
	}
	said := flat(out + stderr)
	for _, want := range []string{"NOT KEPT", shortOf(B.st, onB.ID), shortOf(B.st, kept), "Nurse Al", "digicheck show " + shortOf(B.st, onB.ID)} {
		if !strings.Contains(said, want) {
			t.Errorf("B's second history does not say %q:\n%s%s", want, out, stderr)
		}
	}
	out, stderr, err = runStoreCmd(t, B.path, (*app).showCmd, shortOf(B.st, onB.ID))
	if err != nil {
		t.Fatalf("show on B: %v\n%s", err, stderr)
	}
	if testing.Verbose() {
		t.Logf("B's show of its correction:\n%s%s", out, stderr)
	}
	said = flat(out + stderr)
	for _, want := range []string{"no longer current", shortOf(B.st, kept), "Nurse Al", "Other: Chinese", "digicheck amend"} {
		if !strings.Contains(said, want) {
			t.Errorf("show of B's correction does not say %q:\n%s%s", want, out, stderr)
		}
	}
}

// TestKeepServerOverAVersionKeptOverThisMachinesSaysWhatIsNotKept: A
// corrected an assessment twice and sent both; B's conflicting amendment
// was kept over them by B's --keep-mine. Before reading the patient, A
// amended again offline, met B's version as a conflict, and settled
// --keep-server. The settle listed only the newest change, and nothing on
// A ever said that its two earlier corrections were not in the current
// version: the read that says so never came, as A's own settle took B's
// version in. The settle now says it, as the read does.
func TestKeepServerOverAVersionKeptOverThisMachinesSaysWhatIsNotKept(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	A, B, first := sentAndRead(t, srv)
	ra1 := changedOn(t, A.st, first, questionnaire.LinkEthnicity, "R", "ethnic group corrected", "Nurse Al")
	nextMillisecond()
	ra2 := changedOn(t, A.st, ra1, questionnaire.LinkDisability, questionnaire.PreferNotSay, "disability answer corrected", "Nurse Al")
	nextMillisecond()
	a := A.app
	A.pushes(t)
	onB := amendOn(t, B.st, first, "amended on B", "Nurse Bea")
	B.meetsConflict(t)
	B.pushes(t, "--resolve", onB.ID.String()[:13], "--keep-mine")
	ra3 := amendOn(t, A.st, ra2, "amended again on A", "Nurse Al")
	A.meetsConflict(t)
	out, stderr, err := execute(a, (*app).pushCmd, "", "--resolve", shortOf(A.st, ra3.ID), "--keep-server")
	if err != nil {
		t.Fatalf("A's --keep-server: %v\n%s%s", err, out, stderr)
	}
	if testing.Verbose() {
		t.Logf("A's --keep-server:\n%s%s", out, stderr)
	}
	said := flat(out + stderr)
	for _, want := range []string{"no longer current", shortOf(A.st, ra2.ID), "Nurse Bea", "Other: Chinese", "Prefer not to say", "digicheck amend"} {
		if !strings.Contains(said, want) {
			t.Errorf("A's --keep-server does not say %q:\n%s%s", want, out, stderr)
		}
	}
}
