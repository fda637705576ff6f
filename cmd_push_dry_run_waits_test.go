package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/fhirclient"
	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// TestADryRunSaysAVoidWaitsOnAnotherMachinesVersionAsThePushDoes: A's
// amendment is read on B, then lost by the server (restored from an
// older backup); B voids it. push --dry-run on B said "1 record version
// in 1 Bundle would be sent", printed the void as a create
// (If-None-Match: *) and exited 0, while the push straight after held it
// back, saying the server lacks A's record, and exited 1. The dry run says
// what the push says: the void would not be sent, the record it waits on,
// who made it, what to run on that machine (and here, with this run's
// flags); it prints no Bundle of the void, and fails as the push does.
func TestADryRunSaysAVoidWaitsOnAnotherMachinesVersionAsThePushDoes(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "200")
	srv := fhirserver.Start(t)
	pathA, rs := storeWith(t, 1)
	first := rs[0]
	if out, stderr, err := runStoreCmd(t, pathA, (*app).pushCmd, "--server", srv.Base); err != nil || !strings.Contains(out, "Sent 1 of 1") {
		t.Fatalf("A's push: %v\n%s%s", err, out, stderr)
	}
	srv.Control(t, fhirserver.Control{Backup: true})
	a, err := store.Open(pathA, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	theirs := first
	theirs.ID, theirs.Amends, theirs.AmendReason, theirs.Clinician = record.ID{}, first.ID, "A's fix", "Nurse Ann"
	if err := a.Amend(&theirs); err != nil {
		t.Fatal(err)
	}
	if out, stderr, err := runStoreCmd(t, pathA, (*app).pushCmd, "--server", srv.Base); err != nil || !strings.Contains(out, "Sent 1 of 1") {
		t.Fatalf("A's push of its amendment: %v\n%s%s", err, out, stderr)
	}
	source, err := fhirclient.Identity(srv.Base)
	if err != nil {
		t.Fatal(err)
	}
	pathB := filepath.Join(t.TempDir(), "digicheck.db")
	b, err := store.Open(pathB, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []record.Record{first, theirs} {
		cp := r
		if err := b.SaveCopy(&cp, source); err != nil {
			t.Fatal(err)
		}
	}
	srv.Control(t, fhirserver.Control{RestoreBackup: true})
	v, err := b.Void(theirs.ID, store.Voiding{Reason: "wrong patient", Clinician: "Nurse Bo"})
	if err != nil {
		t.Fatal(err)
	}

	given := &app{settings: site.Settings{DB: pathB, Team: "Ward 7"}, given: " --db " + pathB}
	out, stderr, err := execute(given, (*app).pushCmd, "", "--server", srv.Base, "--dry-run")
	said := stderr
	if err != nil {
		said += err.Error()
	}
	said = strings.Join(strings.Fields(said), " ")
	if err == nil {
		t.Errorf("the dry run exits 0 with the void waiting on A's amendment:\n%s", said)
	}
	if strings.Contains(out, v.ID.String()) || strings.Contains(out, `"ifNoneMatch"`) {
		t.Errorf("the dry run prints the void, which the push holds back, as a Bundle to send:\n%.300s", out)
	}
	for _, want := range []string{
		"Dry run: 0 record versions",
		"1 would not be sent",
		theirs.ID.String(), "Nurse Ann",
		"on that machine, run digicheck push --server " + srv.Base + " --check-server",
		"nothing was sent",
	} {
		if !strings.Contains(said, want) {
			t.Errorf("the dry run does not say %q (what waits, on what, whose, what to run there):\n%s", want, said)
		}
	}
	bare(t, said, given.given, srv.Base)

	// The push straight after does as the dry run said.
	out, stderr, err = execute(given, (*app).pushCmd, "", "--server", srv.Base)
	pushed := strings.Join(strings.Fields(out+stderr), " ")
	if err == nil || !strings.Contains(pushed, "Sent 0 of 1") {
		t.Errorf("the push after the dry run: %v\n%s", err, pushed)
	}
}
