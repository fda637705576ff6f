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

// TestAServerBehindThisMachineIsToldWithCommandsThatCarryThisRunsFlags:
// the server, restored from an older backup, lacks another machine's
// amendment read here and this machine's amendment of it. history, run
// with --db and --server, said to run "digicheck push --check-server
// --db ... --server ..." here, and "digicheck push --check-server" on
// the machine that made the other, with no --server: run there as
// printed, it pushed to that machine's site server, not this one. Each
// command names the server; the one to run here carries this run's --db
// too, the other machine's none of it.
func TestAServerBehindThisMachineIsToldWithCommandsThatCarryThisRunsFlags(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	path, rs := storeWith(t, 1)
	first := rs[0]
	given := &app{settings: site.Settings{DB: path, Team: "Ward 7"}, given: " --db " + path}
	if out, stderr, err := execute(given, (*app).pushCmd, "", "--server", srv.Base); err != nil {
		t.Fatalf("push: %v\n%s%s", err, out, stderr)
	}
	srv.Control(t, fhirserver.Control{Backup: true})
	source, err := fhirclient.Identity(srv.Base)
	if err != nil {
		t.Fatal(err)
	}
	b, err := store.Open(filepath.Join(t.TempDir(), "digicheck.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cp := first
	if err := b.SaveCopy(&cp, source); err != nil {
		t.Fatal(err)
	}
	theirs := first
	theirs.ID, theirs.Amends, theirs.AmendReason, theirs.Clinician = record.ID{}, first.ID, "B's fix", "Nurse Bo"
	if err := b.Amend(&theirs); err != nil {
		t.Fatal(err)
	}
	if out, stderr, err := execute(&app{settings: site.Settings{DB: b.Path(), Team: "Ward 7"}}, (*app).pushCmd, "", "--server", srv.Base); err != nil {
		t.Fatalf("B's push: %v\n%s%s", err, out, stderr)
	}
	a, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cp = theirs
	if err := a.SaveCopy(&cp, source); err != nil {
		t.Fatal(err)
	}
	mine := theirs
	mine.ID, mine.Amends, mine.AmendReason, mine.Clinician = record.ID{}, theirs.ID, "A's fix of B's", "Nurse Ada"
	if err := a.Amend(&mine); err != nil {
		t.Fatal(err)
	}
	if out, stderr, err := execute(given, (*app).pushCmd, "", "--server", srv.Base); err != nil {
		t.Fatalf("A's push of its amendment: %v\n%s%s", err, out, stderr)
	}
	srv.Control(t, fhirserver.Control{RestoreBackup: true})

	out, stderr, err := execute(given, (*app).historyCmd, "", first.Patient.Value, "--server", srv.Base)
	if err != nil {
		t.Fatalf("history --server: %v\n%s", err, stderr)
	}
	flat := unfolded(out + stderr)
	for _, want := range []string{"holds an older version", mine.ID.String()[:13], theirs.ID.String()[:13],
		"on the machine that made each of the others, run digicheck push --server " + srv.Base + " --check-server"} {
		if !strings.Contains(flat, want) {
			t.Errorf("history does not say %q:\n%s", want, flat)
		}
	}
	bare(t, flat, given.given, srv.Base)
}
