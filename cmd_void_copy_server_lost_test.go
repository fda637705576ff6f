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

// TestAVoidOfACopyTheServerLostNamesTheMachineToRunTheCheck: A's
// amendment was accepted by the server and read by B; the server was
// restored from a backup made before it; B voids its copy of A's
// amendment. B was told the assessment was changed on another machine,
// its note held back, and it stayed a conflict after A's push
// --check-server. B is told the server lacks A's version, whose it is and
// what to run there; once A has, B's push sends the void.
func TestAVoidOfACopyTheServerLostNamesTheMachineToRunTheCheck(t *testing.T) {
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
	mine := first
	mine.ID, mine.Amends, mine.AmendReason, mine.Clinician = record.ID{}, first.ID, "A's fix", "Nurse Ada"
	if err := a.Amend(&mine); err != nil {
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
	for _, r := range []record.Record{first, mine} {
		cp := r
		if err := b.SaveCopy(&cp, source); err != nil {
			t.Fatal(err)
		}
	}
	srv.Control(t, fhirserver.Control{RestoreBackup: true})

	onB := &app{settings: site.Settings{DB: pathB, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
	out, errs, err := execute(onB, (*app).voidCmd, "", mine.ID.String(), "--reason", "wrong patient", "--clinician", "Nurse Bo")
	if err != nil {
		t.Fatalf("B's void: %v\n%s%s", err, out, errs)
	}
	said := strings.Join(strings.Fields(out+errs), " ")
	for _, never := range []string{"changed on another machine", "push --conflicts", "held back"} {
		if strings.Contains(said, never) {
			t.Errorf("B's void of its copy of A's lost amendment says %q:\n%s", never, said)
		}
	}
	for _, want := range []string{"lacks record " + mine.ID.String(), "Nurse Ada", "digicheck push --check-server"} {
		if !strings.Contains(said, want) {
			t.Errorf("B's void does not say %q (the version the server lacks, whose, what to run there):\n%s", want, said)
		}
	}

	if out, stderr, err := runStoreCmd(t, pathA, (*app).pushCmd, "--server", srv.Base, "--check-server"); err != nil || !strings.Contains(out, "It was sent again now") {
		t.Fatalf("A's push --check-server: %v\n%s%s", err, out, stderr)
	}
	if out, stderr, err := execute(onB, (*app).pushCmd, ""); err != nil || !strings.Contains(out, "Sent 1 of 1") {
		t.Errorf("B's push once A's amendment is back: %v\n%s%s", err, out, stderr)
	}
}
