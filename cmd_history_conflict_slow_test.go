package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/store"
)

// TestHistoryAndShowOfAVersionInConflictDoNotHangOnASlowServer: show of
// A's amendment in conflict, a read of this machine's store, asked the
// site's FHIR server whether it still held the other machine's version,
// and waited 8 s on a server that answered late; history waited 16 s (its
// own read, then that question). Each now waits a short budget at most,
// history not at all on a server its own read found silent, and says
// plainly that the server could not be asked, with the command that asks
// again.
func TestHistoryAndShowOfAVersionInConflictDoNotHangOnASlowServer(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	a, ast, _, first, _, onA := otherSideLostForGood(t, srv, false)
	short := shortOf(ast, onA.ID)
	srv.Faults(t, fhirserver.Fault{DelayMs: 30000, Times: 50})
	for _, run := range []struct {
		name  string
		mk    func(*app) *cobra.Command
		args  []string
		bound time.Duration
	}{
		{"show", (*app).showCmd, []string{short}, conflictAskBudget + 2*time.Second},
		{"history", (*app).historyCmd, []string{first.Patient.Value}, serverLook + 2*time.Second},
	} {
		start := time.Now()
		out, stderr, err := execute(a, run.mk, "", run.args...)
		took := time.Since(start)
		said := flat(out + stderr + errText(err))
		if testing.Verbose() {
			t.Logf("%s (%s):\n%s%s%v", run.name, took, out, stderr, err)
		}
		if err != nil {
			t.Errorf("%s fails: %v", run.name, err)
		}
		if took > run.bound {
			t.Errorf("%s took %s on a server answering 30 s late, more than %s", run.name, took.Round(time.Millisecond), run.bound)
		}
		for _, want := range []string{"NOT SENT, IN CONFLICT: " + short, "could not be asked now", "digicheck push --conflicts"} {
			if !strings.Contains(said, want) {
				t.Errorf("%s does not say %q:\n%s", run.name, want, said)
			}
		}
	}
}

// TestAReadOfAConflictMovedOnSaysSoAndWritesNothing: the server lost B's
// version, and C amended since. show of A's amendment, a read of this
// store, noted A's conflict anew with C's version, a write to the store
// from a read. It now says the conflict is with C's version, names it,
// offers push --conflicts (which notes it, after which the plain settles
// work), and leaves the store as it was. (history, which takes in what
// the server holds, notes it as a newer state, as it always has.)
func TestAReadOfAConflictMovedOnSaysSoAndWritesNothing(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	a, ast, _, rec, onB, onA := otherSideLostForGood(t, srv, false)
	cPath := filepath.Join(t.TempDir(), "c.db")
	if _, stderr, err := runStoreCmd(t, cPath, (*app).historyCmd, rec.Patient.Value, "--server", srv.Base); err != nil {
		t.Fatalf("history on C: %v\n%s", err, stderr)
	}
	cst, err := store.Open(cPath, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	onC := amendOn(t, cst, rec, "amended on C", "Nurse Cy")
	if out, stderr, err := execute(laptopApp(cPath, srv.Base), (*app).pushCmd, ""); err != nil {
		t.Fatalf("C's push: %v\n%s%s", err, out, stderr)
	}
	short := shortOf(ast, onA.ID)
	for _, run := range []struct {
		name string
		mk   func(*app) *cobra.Command
		args []string
	}{
		{"show", (*app).showCmd, []string{short}},
	} {
		out, stderr, err := execute(a, run.mk, "", run.args...)
		said := flat(out + stderr + errText(err))
		if testing.Verbose() {
			t.Logf("%s:\n%s%s%v", run.name, out, stderr, err)
		}
		for _, want := range []string{"made since on another machine", onC.ID.String()[:13], "Nurse Cy", "digicheck push --conflicts"} {
			if !strings.Contains(said, want) {
				t.Errorf("%s does not say %q:\n%s", run.name, want, said)
			}
		}
		if strings.Contains(out+"\n", "--resolve "+short+" --keep-mine\n") {
			t.Errorf("%s offers the plain settle before the conflict is noted with C's version:\n%s", run.name, said)
		}
		known, err := ast.Conflicts(srv.Base)
		if k, ok := store.ConflictOf(known, onA.ID); err != nil || !ok || k.ServerRecord != onB.ID {
			t.Errorf("after %s A's conflict is noted with record %s (%v, %v), not still with B's %s: a read wrote to the store", run.name, k.ServerRecord, ok, err, onB.ID)
		}
	}
	if out, stderr, err := execute(a, (*app).pushCmd, "", "--conflicts"); err != nil && !strings.Contains(out+stderr, onC.ID.String()[:13]) {
		t.Fatalf("push --conflicts: %v\n%s%s", err, out, stderr)
	}
	out, stderr, err := execute(a, (*app).pushCmd, "", "--resolve", short, "--keep-mine")
	if err != nil {
		t.Fatalf("the plain --keep-mine after push --conflicts: %v\n%s%s", err, out, stderr)
	}
}
