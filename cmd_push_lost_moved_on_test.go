package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/store"
)

// TestAConflictWhoseLostVersionTheServerMovedPastIsWithTheVersionItHoldsNow:
// the server lost B's version, and a third laptop, C, amended the version
// it held then (A's first, sent again); as when B comes back and settles
// its version over C's, the server's current version is one made since
// the loss, on none of A's line. A's push and push --conflicts, run before
// any read of the patient, went on saying the server no longer held B's
// version, sent the IT lead back to B, and offered only the settles
// without it, "once it is sure that machine will never send its version
// again". Each, run first on its own, now notes the conflict with the
// version the server holds, names it, and offers the plain settles, which
// work.
func TestAConflictWhoseLostVersionTheServerMovedPastIsWithTheVersionItHoldsNow(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	for _, first := range [][]string{{}, {"--conflicts"}} {
		t.Run(strings.Join(append([]string{"push"}, first...), " "), func(t *testing.T) {
			t.Parallel()
			srv := fhirserver.Start(t)
			a, ast, _, rec, _, onA := otherSideLostForGood(t, srv, false)
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
			if got := serverCurrent(t, srv.Base, rec.ID); got != onC.ID {
				t.Fatalf("the server's current version carries %s, not C's %s", got, onC.ID)
			}
			out, stderr, err := execute(a, (*app).pushCmd, "", first...)
			said := flat(out + stderr + errText(err))
			if testing.Verbose() {
				t.Logf("A's push %v:\n%s", first, said)
			}
			if strings.Contains(said, "no longer holds") || strings.Contains(said, "--other-version-lost") {
				t.Errorf("A's push %v still says the server lacks B's version, or offers the settles without it, though the server holds C's, made since:\n%s", first, said)
			}
			for _, want := range []string{onC.ID.String()[:13], serverVersionOf(t, srv.Base, rec.ID)} {
				if !strings.Contains(said, want) {
					t.Errorf("A's push %v does not name %q, C's version the server holds now:\n%s", first, want, said)
				}
			}
			known, err := ast.Conflicts(srv.Base)
			k, ok := store.ConflictOf(known, onA.ID)
			if err != nil || !ok || k.ServerRecord != onC.ID {
				t.Fatalf("A's conflict is noted with record %s (%v, %v), not C's %s", k.ServerRecord, ok, err, onC.ID)
			}
			out, stderr, err = execute(a, (*app).pushCmd, "", "--resolve", shortOf(ast, onA.ID), "--keep-server")
			if err != nil {
				t.Fatalf("the plain --keep-server over C's version: %v\n%s%s", err, out, stderr)
			}
			if cur, err := ast.Current(rec.ID); err != nil || cur.AmendReason != onC.AmendReason || cur.Clinician != "Nurse Cy" {
				t.Errorf("after --keep-server A's current version is %s by %s (%v), not C's", cur.ID, cur.Clinician, err)
			}
		})
	}
}
