package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/store"
)

// TestKeepServerOverThisMachinesLoneVoidListsTheVoidNotKept: A voided an
// assessment offline (nothing amended before the void) while B amended
// it; B's push went first, and A settled --keep-server. The settle said
// only that A's versions were set aside: nothing said that Nurse Al's
// void was undone, or why it had been made, though the docs say a void
// set aside by --keep-server is listed, by whom and why, as a void undone
// by --keep-mine --undo-void is. It is now listed under "Not kept".
func TestKeepServerOverThisMachinesLoneVoidListsTheVoidNotKept(t *testing.T) {
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
	onB := amendOn(t, bst, first, "amended on B", "Nurse Bea")
	if out, stderr, err := execute(laptopApp(bPath, srv.Base), (*app).pushCmd, ""); err != nil {
		t.Fatalf("B's push: %v\n%s%s", err, out, stderr)
	}
	void := voidOn(t, ast, first.ID, "Nurse Al")
	a := laptopApp(aPath, srv.Base)
	if out, stderr, err := execute(a, (*app).pushCmd, ""); err == nil {
		t.Fatalf("A's push met no conflict:\n%s%s", out, stderr)
	}
	out, stderr, err := execute(a, (*app).pushCmd, "", "--resolve", shortOf(ast, void.ID), "--keep-server")
	if err != nil {
		t.Fatalf("--keep-server: %v\n%s%s", err, out, stderr)
	}
	if testing.Verbose() {
		t.Logf("--keep-server:\n%s%s", out, stderr)
	}
	said := flat(out + stderr)
	for _, want := range []string{"Not kept", "Void (undone by this settle)", "none: the assessment counts", shortOf(ast, void.ID), "Nurse Al", "wrong patient"} {
		if !strings.Contains(said, want) {
			t.Errorf("the settle does not say %q:\n%s", want, out)
		}
	}
	if cur, err := ast.Current(first.ID); err != nil || cur.AmendReason != onB.AmendReason {
		t.Errorf("A's current version is %s (%v), not B's", cur.ID, err)
	}
}
