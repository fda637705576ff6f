package main

import (
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/store"
)

// TestADryRunOfAServerThatLostAVersionSaysItWouldBeSent: a server restored
// from a backup made before a void was sent no longer holds the void.
// push --check-server --dry-run said so, then "Dry run: 0 record versions
// in 0 Bundles would be sent", and the push itself sent 1. The dry run now
// says the 1 it would send, in one Bundle, and prints that Bundle.
func TestADryRunOfAServerThatLostAVersionSaysItWouldBeSent(t *testing.T) {
	testkit.EndToEnd(t)
	t.Setenv("COLUMNS", "200")
	srv := fhirserver.Start(t)
	path, rs := storeWith(t, 2)
	if _, stderr, err := runStoreCmd(t, path, (*app).pushCmd, "--server", srv.Base); err != nil {
		t.Fatalf("push: %v\n%s", err, stderr)
	}
	srv.Control(t, fhirserver.Control{Backup: true})
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	v, err := st.Void(rs[0].ID, store.Voiding{Reason: "wrong patient", Clinician: "Nurse Bea"})
	if err != nil {
		t.Fatal(err)
	}
	if out, stderr, err := runStoreCmd(t, path, (*app).pushCmd, "--server", srv.Base); err != nil || !strings.Contains(out, "Sent 1 of 1") {
		t.Fatalf("push of the void: %v\n%s%s", err, out, stderr)
	}
	srv.Control(t, fhirserver.Control{RestoreBackup: true})

	out, stderr, err := runStoreCmd(t, path, (*app).pushCmd, "--server", srv.Base, "--check-server", "--dry-run")
	if err != nil {
		t.Fatalf("push --check-server --dry-run: %v\n%s", err, stderr)
	}
	said := strings.Join(strings.Fields(stderr), " ")
	if !strings.Contains(said, "no longer holds 1 record version of 1 assessment") {
		t.Errorf("the dry run does not say the server lost the void:\n%s", stderr)
	}
	if !strings.Contains(said, "Dry run: 1 record version in 1 Bundle would be sent") {
		t.Errorf("the dry run does not say it would send the 1 version the server lost:\n%s", stderr)
	}
	if lines := len(strings.FieldsFunc(out, func(r rune) bool { return r == '\n' })); lines != 1 || !strings.Contains(out, v.ID.String()) {
		t.Errorf("the dry run printed %d Bundles on standard output, holding the void %v; want the one Bundle of the void", lines, strings.Contains(out, v.ID.String()))
	}
	out, stderr, err = runStoreCmd(t, path, (*app).pushCmd, "--server", srv.Base, "--check-server")
	if err != nil || !strings.Contains(strings.Join(strings.Fields(out), " "), "Sent 1 of 1 record version ") {
		t.Errorf("push --check-server after the dry run: %v\n%s%s", err, out, stderr)
	}
}
