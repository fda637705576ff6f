package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// conflictBetweenTwoLaptops: laptop A made an assessment and sent it;
// laptop B read it and amended it ("amended on B", by Nurse Bea) and sent
// that; A then amended its own version ("amended on A", by Nurse Al), and
// its push was refused as a conflict, which stands unsettled on A. If
// backup is set, the server's contents are kept before B's amendment
// reaches it (a backup older than B's version).
func conflictBetweenTwoLaptops(t *testing.T, srv *fhirserver.Server, backup bool) (aPath string, ast *store.Store, bPath string, bst *store.Store, first, onB, onA record.Record) {
	t.Helper()
	aPath, ast, first = agreedToEverything(t)
	pushWith(t, srv.Base, ast)
	if backup {
		srv.Control(t, fhirserver.Control{Backup: true})
	}
	bPath = filepath.Join(t.TempDir(), "b.db")
	if _, stderr, err := runStoreCmd(t, bPath, (*app).historyCmd, first.Patient.Value, "--server", srv.Base); err != nil {
		t.Fatalf("history on B: %v\n%s", err, stderr)
	}
	bst, err := store.Open(bPath, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	onB = amendOn(t, bst, first, "amended on B", "Nurse Bea")
	if out, stderr, err := execute(laptopApp(bPath, srv.Base), (*app).pushCmd, ""); err != nil {
		t.Fatalf("B's push: %v\n%s%s", err, out, stderr)
	}
	onA = amendOn(t, ast, first, "amended on A", "Nurse Al")
	if out, stderr, err := execute(laptopApp(aPath, srv.Base), (*app).pushCmd, ""); err == nil {
		t.Fatalf("A's push met no conflict:\n%s%s", out, stderr)
	}
	return aPath, ast, bPath, bst, first, onB, onA
}

// aConflictWhoseOtherSideTheServerLost checks the laptop whose conflict
// stands (A) after the server lost B's version: A's push, run first as
// the way to rebuild a server says, sends A's own first version again
// and never A's amendment over it; A's push and push --conflicts say the
// conflict stands with B's version, which the server no longer holds,
// and that B is to send it again, and both settles are refused so; once
// B has (B's push meets no conflict), A's conflict is with B's version again, and is settled as
// any conflict is.
func aConflictWhoseOtherSideTheServerLost(t *testing.T, srv *fhirserver.Server, aPath string, ast *store.Store, bPath string, bst *store.Store, first, onB, onA record.Record) {
	t.Helper()
	a := laptopApp(aPath, srv.Base)
	check := func(what, said string) {
		t.Helper()
		all := flat(said)
		if testing.Verbose() {
			t.Logf("%s:\n%s", what, said)
		}
		for _, want := range []string{"no longer holds", "Nurse Bea", onB.ID.String()[:13], "on that machine run digicheck push --check-server"} {
			if !strings.Contains(all, want) {
				t.Errorf("%s does not say %q:\n%s", what, want, said)
			}
		}
		for _, wrong := range []string{"Nothing here is in conflict", "No conflicts", "(record " + first.ID.String() + ")"} {
			if strings.Contains(all, wrong) {
				t.Errorf("%s says %q while A's amendment stands in conflict with B's, lost on the server:\n%s", what, wrong, said)
			}
		}
	}
	// A dry run, first, would not send it either.
	out, stderr, err := execute(a, (*app).pushCmd, "", "--dry-run", "--check-server")
	if err == nil {
		t.Errorf("A's push --dry-run ends 0 with its conflict unsettled:\n%s%s", out, stderr)
	}
	for _, bundle := range strings.Split(out+stderr, "\n") {
		if strings.HasPrefix(bundle, "{") && strings.Contains(bundle, onA.ID.String()) {
			t.Errorf("A's push --dry-run would send A's amendment in conflict:\n%s", stderr)
			break
		}
	}
	for _, args := range [][]string{{"--check-server"}, {}} {
		out, stderr, err := execute(a, (*app).pushCmd, "", args...)
		if err == nil {
			t.Errorf("A's push %v ends 0 with its conflict unsettled:\n%s%s", args, out, stderr)
		} else {
			out += stderr + err.Error()
		}
		check("A's push "+strings.Join(args, " "), out)
		if got := serverCurrent(t, srv.Base, first.ID); got == onA.ID {
			t.Fatalf("A's push %v sent A's amendment in conflict over the first version, as if it had won", args)
		}
	}
	out, stderr, err = execute(a, (*app).pushCmd, "", "--conflicts")
	if err != nil {
		out += stderr + err.Error()
	}
	check("A's push --conflicts", out)
	if known, err := ast.Conflicts(srv.Base); err != nil || len(known) != 1 {
		t.Fatalf("A's store holds %d conflicts (%v), not the one standing", len(known), err)
	}

	// Neither settle goes on the version the server holds now, made
	// before either side's: both are refused, saying B is to send its
	// version again, and change nothing.
	before := serverCurrent(t, srv.Base, first.ID)
	for _, settle := range []string{"--keep-server", "--keep-mine"} {
		out, stderr, err := execute(a, (*app).pushCmd, "", "--resolve", onA.ID.String()[:13], settle)
		if err == nil {
			t.Errorf("A's %s settled a conflict whose other side the server lost:\n%s%s", settle, out, stderr)
			continue
		}
		said := flat(out + stderr + err.Error())
		for _, want := range []string{"no longer holds", "push --check-server"} {
			if !strings.Contains(said, want) {
				t.Errorf("A's %s refusal does not say %q:\n%s", settle, want, said)
			}
		}
		if got := serverCurrent(t, srv.Base, first.ID); got != before {
			t.Fatalf("A's %s refused, yet the server's current version is %s, not %s", settle, got, before)
		}
		if known, err := ast.Conflicts(srv.Base); err != nil || len(known) != 1 {
			t.Fatalf("after A's %s was refused A's store holds %d conflicts (%v), not the one standing", settle, len(known), err)
		}
	}

	// B sends its version again: no conflict there.
	bout, bstderr, err := execute(laptopApp(bPath, srv.Base), (*app).pushCmd, "", "--check-server")
	if err != nil {
		t.Fatalf("B's push --check-server: %v\n%s%s", err, bout, bstderr)
	}
	if strings.Contains(flat(bout+bstderr), "conflict") {
		t.Errorf("B's push speaks of a conflict on B, whose version was current before the loss:\n%s%s", bout, bstderr)
	}
	if known, err := bst.Conflicts(srv.Base); err != nil || len(known) != 0 {
		t.Errorf("B's store holds %d conflicts (%v)", len(known), err)
	}
	if got := serverCurrent(t, srv.Base, first.ID); got != onB.ID {
		t.Fatalf("the server's current version is %s after B sent its own again, not B's %s", got, onB.ID)
	}

	// A sees the conflict with B's version again, and settles it.
	out, stderr, err = execute(a, (*app).pushCmd, "", "--conflicts")
	if err != nil {
		t.Fatalf("A's push --conflicts: %v\n%s%s", err, out, stderr)
	}
	if all := flat(out); !strings.Contains(all, "Nurse Bea") || !strings.Contains(all, onB.ID.String()[:13]) || strings.Contains(all, "no longer holds") {
		t.Errorf("A's push --conflicts does not show the conflict with B's version, held again:\n%s", out)
	}
	out, stderr, err = execute(a, (*app).pushCmd, "", "--resolve", onA.ID.String()[:13], "--keep-mine")
	if err != nil {
		t.Fatalf("A's --keep-mine: %v\n%s%s", err, out, stderr)
	}
	if got := serverCurrent(t, srv.Base, first.ID); got == onB.ID || got == first.ID || got.IsZero() {
		t.Errorf("after A kept its version the server's current version is %s", got)
	}
	if known, err := ast.Conflicts(srv.Base); err != nil || len(known) != 0 {
		t.Errorf("A's store holds %d conflicts after the settle (%v)", len(known), err)
	}
}

// TestAConflictStandsWhenTheServerIsEmptiedAndTheLaptopInConflictPushesFirst:
// A's amendment stood in conflict with B's, current on the server, when
// the server was emptied. A's push, run first, sent A's amendment to the
// emptied server over A's first version as if it had won: the conflict
// vanished on A, and B's correction became the one in conflict, on B.
// Which line won depended on which laptop pushed first.
func TestAConflictStandsWhenTheServerIsEmptiedAndTheLaptopInConflictPushesFirst(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	aPath, ast, bPath, bst, first, onB, onA := conflictBetweenTwoLaptops(t, srv, false)
	srv.Control(t, fhirserver.Control{Reset: true})
	aConflictWhoseOtherSideTheServerLost(t, srv, aPath, ast, bPath, bst, first, onB, onA)
}

// TestAConflictStandsWhenTheServerIsRestoredFromABackupOlderThanTheOtherSide:
// the server restored from a backup older than B's version holds A's
// first version. A's push --conflicts noted the conflict as one with A's
// own first version, and A's push sent A's amendment on it.
func TestAConflictStandsWhenTheServerIsRestoredFromABackupOlderThanTheOtherSide(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	aPath, ast, bPath, bst, first, onB, onA := conflictBetweenTwoLaptops(t, srv, true)
	srv.Control(t, fhirserver.Control{RestoreBackup: true})
	aConflictWhoseOtherSideTheServerLost(t, srv, aPath, ast, bPath, bst, first, onB, onA)
}
