package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/store"
)

// TestAVoidInConflictWithALostVersionIsOfferedOnlyTheSettleThatWorks: A
// voided an assessment offline while B amended it; B's push went first,
// A's met the conflict, and the server was emptied, B lost. push, push
// --conflicts and history offered --keep-server --other-version-lost as
// well, which is always refused for a void (no amendment is made on
// one). Each now offers only keeping the void, which settles.
func TestAVoidInConflictWithALostVersionIsOfferedOnlyTheSettleThatWorks(t *testing.T) {
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
	amendOn(t, bst, first, "amended on B", "Nurse Bea")
	if out, stderr, err := execute(laptopApp(bPath, srv.Base), (*app).pushCmd, ""); err != nil {
		t.Fatalf("B's push: %v\n%s%s", err, out, stderr)
	}
	void := voidOn(t, ast, first.ID, "Nurse Al")
	a := laptopApp(aPath, srv.Base)
	if out, stderr, err := execute(a, (*app).pushCmd, ""); err == nil {
		t.Fatalf("A's push met no conflict:\n%s%s", out, stderr)
	}
	srv.Control(t, fhirserver.Control{Reset: true})
	if out, stderr, err := execute(a, (*app).pushCmd, "", "--check-server"); err == nil {
		t.Fatalf("A's push --check-server ends 0 with its conflict unsettled:\n%s%s", out, stderr)
	}
	short := shortOf(ast, void.ID)
	for _, run := range []struct {
		name string
		do   func() (string, string, error)
	}{
		{"push", func() (string, string, error) { return execute(a, (*app).pushCmd, "") }},
		{"push --conflicts", func() (string, string, error) { return execute(a, (*app).pushCmd, "", "--conflicts") }},
		{"history", func() (string, string, error) { return execute(a, (*app).historyCmd, "", first.Patient.Value) }},
	} {
		out, stderr, err := run.do()
		said := flat(out + stderr + errText(err))
		if testing.Verbose() {
			t.Logf("%s:\n%s%s%v", run.name, out, stderr, err)
		}
		if !strings.Contains(said, "--resolve "+short+" --keep-mine --other-version-lost") {
			t.Errorf("%s does not offer keeping the void without the lost version:\n%s", run.name, said)
		}
		if strings.Contains(said, "--keep-server --other-version-lost") {
			t.Errorf("%s offers --keep-server --other-version-lost for a void, which is always refused:\n%s", run.name, said)
		}
	}
	if out, stderr, err := execute(a, (*app).pushCmd, "", "--resolve", short, "--keep-mine", "--other-version-lost"); err != nil {
		t.Fatalf("the settle offered: %v\n%s%s", err, out, stderr)
	}
}
