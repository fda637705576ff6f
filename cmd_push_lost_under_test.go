package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/fhirclient"
	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// TestPushConflictsNamesACorrectionTheServerLostUnderAnotherMachines: A's
// amendment was accepted by the server, the server was restored from a
// backup made before it, then B amended the original there. A's push
// --check-server said the server held every assessment it accepted from
// here (exit 0) and push --conflicts said "No conflicts", while A's
// correction was gone from the shared record. Now the check fails, naming
// the assessment as a conflict, and push --conflicts lists both
// corrections, whose they are, and how to settle.
func TestPushConflictsNamesACorrectionTheServerLostUnderAnotherMachines(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	srv := fhirserver.Start(t)
	pathA, rs := storeWith(t, 1)
	first := rs[0]
	if out, stderr, err := runStoreCmd(t, pathA, (*app).pushCmd, "--server", srv.Base); err != nil || !strings.Contains(out, "Sent 1 of 1") {
		t.Fatalf("A's push: %v\n%s%s", err, out, stderr)
	}
	pathB := filepath.Join(t.TempDir(), "digicheck.db")
	b, err := store.Open(pathB, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	source, err := fhirclient.Identity(srv.Base)
	if err != nil {
		t.Fatal(err)
	}
	cp := first
	if err := b.SaveCopy(&cp, source); err != nil {
		t.Fatal(err)
	}
	srv.Control(t, fhirserver.Control{Backup: true})

	a, err := store.Open(pathA, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	mine := first
	mine.ID, mine.Amends, mine.AmendReason, mine.Clinician = record.ID{}, first.ID, "A fix", "Nurse Ada"
	if err := a.Amend(&mine); err != nil {
		t.Fatal(err)
	}
	if out, stderr, err := runStoreCmd(t, pathA, (*app).pushCmd, "--server", srv.Base); err != nil || !strings.Contains(out, "Sent 1 of 1") {
		t.Fatalf("A's push of its amendment: %v\n%s%s", err, out, stderr)
	}
	srv.Control(t, fhirserver.Control{RestoreBackup: true})

	theirs := first
	theirs.ID, theirs.Amends, theirs.AmendReason, theirs.Clinician = record.ID{}, first.ID, "B on the original", "Nurse Bo"
	if err := b.Amend(&theirs); err != nil {
		t.Fatal(err)
	}
	if out, stderr, err := runStoreCmd(t, pathB, (*app).pushCmd, "--server", srv.Base); err != nil || !strings.Contains(out, "Sent 1 of 1") {
		t.Fatalf("B's push of its amendment: %v\n%s%s", err, out, stderr)
	}

	for _, args := range [][]string{{"--check-server"}, nil} {
		out, stderr, err := runStoreCmd(t, pathA, (*app).pushCmd, append([]string{"--server", srv.Base}, args...)...)
		said := out + stderr
		if err != nil {
			said += err.Error()
		}
		said = strings.Join(strings.Fields(said), " ")
		if err == nil {
			t.Errorf("A's push %v exits 0 with its amendment lost under B's:\n%s", args, said)
		}
		if strings.Contains(said, "holds every assessment") || strings.Contains(said, "as sent") {
			t.Errorf("A's push %v says the server holds what it accepted from here:\n%s", args, said)
		}
		if !strings.Contains(said, "conflict") || !strings.Contains(said, mine.ID.String()[:13]) {
			t.Errorf("A's push %v does not name its amendment %s as a conflict:\n%s", args, mine.ID.String()[:13], said)
		}
	}
	out, stderr, _ := runStoreCmd(t, pathA, (*app).pushCmd, "--server", srv.Base, "--conflicts")
	said := strings.Join(strings.Fields(out+stderr), " ")
	for _, want := range []string{mine.ID.String()[:13], theirs.ID.String()[:13], "Nurse Ada", "Nurse Bo", "--keep-server", "--keep-mine"} {
		if !strings.Contains(said, want) {
			t.Errorf("push --conflicts does not say %q (both corrections, whose, how to settle):\n%s", want, said)
		}
	}
	if strings.Contains(said, "No conflicts") {
		t.Errorf("push --conflicts says No conflicts:\n%s", said)
	}
}
