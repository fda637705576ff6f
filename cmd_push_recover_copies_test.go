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

// TestPushCheckServerRebuildsAnEmptiedServerFromBothMachines: laptop A
// makes an assessment and pushes; laptop B reads it, amends it and pushes;
// the server is emptied. The documented recovery is push --check-server on
// each machine. B's said "the server holds every assessment it accepted
// from here" and never sent its amendment again (the shared record showed
// the uncorrected answers for good), or, run before A's, that the loss was
// not sent again from here, then "They are sent again now". Now B's says
// what the server lacks, whose record it is, and to run the check again
// after that machine's; and after A's, B's sends the amendment again.
func TestPushCheckServerRebuildsAnEmptiedServerFromBothMachines(t *testing.T) {
	testkit.EndToEnd(t)
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
	amended := first
	amended.ID, amended.Amends, amended.AmendReason, amended.Clinician = record.ID{}, first.ID, "devices", "Nurse Bo"
	if err := b.Amend(&amended); err != nil {
		t.Fatal(err)
	}
	if out, stderr, err := runStoreCmd(t, pathB, (*app).pushCmd, "--server", srv.Base); err != nil || !strings.Contains(out, "Sent 1 of 1") {
		t.Fatalf("B's push of the amendment: %v\n%s%s", err, out, stderr)
	}

	srv.Control(t, fhirserver.Control{Reset: true})
	check := func(path string) string {
		t.Helper()
		out, stderr, err := runStoreCmd(t, path, (*app).pushCmd, "--server", srv.Base, "--check-server")
		if err != nil {
			t.Fatalf("push --check-server: %v\n%s%s", err, out, stderr)
		}
		return strings.Join(strings.Fields(out+stderr), " ")
	}

	// B first: its amendment rests on A's record, which B does not send.
	// The recovery is not done while it waits: the push fails, and its
	// count holds the amendment waiting on A's machine ("Sent 0 of 0"
	// ended 0 with it left).
	out, stderr, err := runStoreCmd(t, pathB, (*app).pushCmd, "--server", srv.Base, "--check-server")
	said := out + stderr
	if err != nil {
		said += err.Error()
	}
	said = strings.Join(strings.Fields(said), " ")
	if err == nil {
		t.Errorf("B's check before A's, its amendment waiting on A's record, exits 0:\n%s", said)
	}
	if !strings.Contains(said, "Sent 0 of 1 record version") || !strings.Contains(said, "1 waits on the machine that made the version it rests on") {
		t.Errorf("B's check before A's does not count its amendment waiting on A's machine:\n%s", said)
	}
	for _, never := range []string{"holds every assessment it accepted from here", "sent again now", "tried to send them again", "tried to send it again", "tell IT", "Sent 0 of 0"} {
		if strings.Contains(said, never) {
			t.Errorf("B's check before A's says %q:\n%s", never, said)
		}
	}
	for _, want := range []string{first.ID.String(), first.Clinician, "digicheck push", "--check-server", "again"} {
		if !strings.Contains(said, want) {
			t.Errorf("B's check before A's does not say %q (the record the server lacks, who made it, what to run):\n%s", want, said)
		}
	}

	if said := check(pathA); !strings.Contains(said, "It was sent again now") {
		t.Errorf("A's check does not send its record again:\n%s", said)
	}
	if got := currentRecordOn(t, srv.Base, first.ID); got != first.ID {
		t.Fatalf("after A's check the server holds %s, not A's record", got)
	}

	// B again: the server holds the assessment at an earlier version
	// than it had accepted from B.
	said = check(pathB)
	if got := currentRecordOn(t, srv.Base, first.ID); got != amended.ID {
		t.Errorf("after B's second check the server holds %s as current, not B's amendment %s:\n%s", got, amended.ID, said)
	}
	if !strings.Contains(said, "no longer holds 1 record version of 1 assessment") || strings.Contains(said, "holds every assessment it accepted from here") {
		t.Errorf("B's second check does not say the server lost its amendment:\n%s", said)
	}
	if said := check(pathB); !strings.Contains(said, "holds every assessment it accepted from here") {
		t.Errorf("B's check once the server holds everything again:\n%s", said)
	}
}
