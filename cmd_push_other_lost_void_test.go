package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// otherSideLostOverAVoid is otherSideLostForGood where the version the
// server falls back to is a void: B marked the assessment entered in
// error; A kept its correction over the void (--keep-mine --undo-void),
// and B, reading it, amended it again; A's next correction met B's as a
// conflict. Then the server was restored from a backup taken just after
// B's void: it holds the assessment entered in error, a version on A's
// line, and B's amendment is gone for good.
func otherSideLostOverAVoid(t *testing.T, srv *fhirserver.Server) (a *app, ast *store.Store, first, void, onA2 record.Record) {
	t.Helper()
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
	b := laptopApp(bPath, srv.Base)
	void = voidOn(t, bst, first.ID, "Nurse Bea")
	if out, stderr, err := execute(b, (*app).pushCmd, ""); err != nil {
		t.Fatalf("B's push: %v\n%s%s", err, out, stderr)
	}
	srv.Control(t, fhirserver.Control{Backup: true})
	onA := changedOn(t, ast, first, questionnaire.LinkDisability, questionnaire.PreferNotSay, "disability answer corrected", "Nurse Al")
	a = laptopApp(aPath, srv.Base)
	if out, stderr, err := execute(a, (*app).pushCmd, ""); err == nil {
		t.Fatalf("A's push met no conflict:\n%s%s", out, stderr)
	}
	if out, stderr, err := execute(a, (*app).pushCmd, "", "--resolve", onA.ID.String()[:13], "--keep-mine", "--undo-void"); err != nil {
		t.Fatalf("A's --keep-mine --undo-void: %v\n%s%s", err, out, stderr)
	}
	if _, stderr, err := runStoreCmd(t, bPath, (*app).historyCmd, first.Patient.Value, "--server", srv.Base); err != nil {
		t.Fatalf("history on B: %v\n%s", err, stderr)
	}
	onBCur, err := bst.Current(first.ID)
	if err != nil || onBCur.Status == record.EnteredInError {
		t.Fatalf("B's current version %s (%v) is not A's kept amendment", onBCur.ID, err)
	}
	changedOn(t, bst, onBCur, questionnaire.LinkEthnicity, "R", "ethnic group corrected", "Nurse Bea")
	if out, stderr, err := execute(b, (*app).pushCmd, ""); err != nil {
		t.Fatalf("B's second push: %v\n%s%s", err, out, stderr)
	}
	aCur, err := ast.Current(first.ID)
	if err != nil {
		t.Fatal(err)
	}
	onA2 = changedOn(t, ast, aCur, questionnaire.LinkEthnicity, "A", "ethnic group corrected again", "Nurse Al")
	if out, stderr, err := execute(a, (*app).pushCmd, ""); err == nil {
		t.Fatalf("A's second push met no conflict:\n%s%s", out, stderr)
	}
	srv.Control(t, fhirserver.Control{RestoreBackup: true})
	if got := serverCurrent(t, srv.Base, first.ID); got != void.ID {
		t.Fatalf("restored, the server's current version carries %s, not B's void %s", got, void.ID)
	}
	return a, ast, first, void, onA2
}

// TestKeepingMineWithoutTheLostVersionDoesNotUndoTheServersVoidUnasked:
// the server's version this machine's line would be sent on is a void;
// --keep-mine --other-version-lost sent the line over it, the assessment
// counting again, with no --undo-void, which every other settle asks for.
func TestKeepingMineWithoutTheLostVersionDoesNotUndoTheServersVoidUnasked(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	a, ast, first, void, onA2 := otherSideLostOverAVoid(t, srv)
	short := onA2.ID.String()[:13]
	out, stderr, err := execute(a, (*app).pushCmd, "", "--resolve", short, "--keep-mine", "--other-version-lost")
	if err == nil || !strings.Contains(flat(err.Error()), "--resolve "+short+" --keep-mine --other-version-lost --undo-void") {
		t.Fatalf("--keep-mine --other-version-lost over the server's void, without --undo-void: %v\n%s%s", err, out, stderr)
	}
	if known, err := ast.Conflicts(srv.Base); err != nil || len(known) != 1 {
		t.Errorf("A's store holds %d conflicts after the refusal, not the 1 standing (%v)", len(known), err)
	}
	if got := serverCurrent(t, srv.Base, first.ID); got != void.ID {
		t.Errorf("the server's void %s was undone by %s without --undo-void", void.ID, got)
	}
	out, stderr, err = execute(a, (*app).pushCmd, "", "--resolve", short, "--keep-mine", "--other-version-lost", "--undo-void")
	if err != nil {
		t.Fatalf("--keep-mine --other-version-lost --undo-void: %v\n%s%s", err, out, stderr)
	}
	if got := serverCurrent(t, srv.Base, first.ID); got != onA2.ID {
		t.Errorf("after --undo-void the server's current version carries %s, not A's %s", got, onA2.ID)
	}
}

// TestKeepingTheServersVoidWithoutTheLostVersionKeepsTheAssessmentEnteredInError:
// --keep-server --other-version-lost saved the server's version again as
// an amendment; a void is refused as one, so the settle always failed, and
// were it saved the assessment would count again. The server's void is
// kept now: this machine's current version is a void, and so is the
// server's after the push.
func TestKeepingTheServersVoidWithoutTheLostVersionKeepsTheAssessmentEnteredInError(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	a, ast, first, _, onA2 := otherSideLostOverAVoid(t, srv)
	out, stderr, err := execute(a, (*app).pushCmd, "", "--resolve", onA2.ID.String()[:13], "--keep-server", "--other-version-lost")
	if testing.Verbose() {
		t.Logf("--keep-server --other-version-lost:\n%s%s%v", out, stderr, err)
	}
	if err != nil {
		t.Fatalf("--keep-server --other-version-lost over the server's void: %v\n%s%s", err, out, stderr)
	}
	cur, err := ast.Current(first.ID)
	if err != nil || cur.Status != record.EnteredInError {
		t.Fatalf("A's current version %s (%v) is %s, not the server's void kept", cur.ID, err, cur.Status)
	}
	if known, err := ast.Conflicts(srv.Base); err != nil || len(known) != 0 {
		t.Errorf("A's store holds %d conflicts after the settle (%v)", len(known), err)
	}
	if got := serverCurrent(t, srv.Base, first.ID); got != cur.ID {
		t.Errorf("after the settle the server's current version carries %s, not A's void %s", got, cur.ID)
	}
}
