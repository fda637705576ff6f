package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"digicheck/fhirclient"
	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// otherSideLostForGood: laptop A made an assessment and sent it; laptop B
// read it, amended it (by Nurse Bea) and sent that; A amended its own
// version (its ethnic group corrected, by Nurse Al), and its push was
// refused as a conflict with B's. Then the server lost B's version:
// emptied, or (backup) restored from a copy older than it. A's push
// --check-server, the first step of a rebuild, sends A's first version
// again, and the conflict stands. B is never heard from again.
func otherSideLostForGood(t *testing.T, srv *fhirserver.Server, backup bool) (a *app, ast *store.Store, bPath string, first, onB, onA record.Record) {
	t.Helper()
	aPath, ast, first := agreedToEverything(t)
	pushWith(t, srv.Base, ast)
	if backup {
		srv.Control(t, fhirserver.Control{Backup: true})
	}
	B := readingLaptop(t, "B", srv, first.Patient)
	onB = amendOn(t, B.st, first, "amended on B", "Nurse Bea")
	B.pushes(t)
	onA = changedOn(t, ast, first, questionnaire.LinkEthnicity, "R", "ethnic group corrected", "Nurse Al")
	A := laptop{name: "A", path: aPath, st: ast, app: laptopApp(aPath, srv.Base)}
	A.meetsConflict(t)
	a = A.app
	if backup {
		srv.Control(t, fhirserver.Control{RestoreBackup: true})
	} else {
		srv.Control(t, fhirserver.Control{Reset: true})
	}
	out, stderr, err := execute(a, (*app).pushCmd, "", "--check-server")
	if err == nil {
		t.Fatalf("A's push --check-server ends 0 with its conflict unsettled:\n%s%s", out, stderr)
	}
	if testing.Verbose() {
		t.Logf("A's push --check-server:\n%s%s%v", out, stderr, err)
	}
	if got := serverCurrent(t, srv.Base, first.ID); got != first.ID {
		t.Fatalf("after A's push --check-server the server's current version carries %s, not A's first version %s", got, first.ID)
	}
	return a, ast, B.path, first, onB, onA
}

// TestALaptopWhoseConflictsOtherSideIsLostForGoodKeepsItsOwnVersion: the
// server no longer held B's version, and B was lost: every settle on A
// was refused until B sent its version again, which it never would, so
// A's correction was stuck for good, and nothing said a way out. Now the
// refusal names one, and --keep-mine --other-version-lost, checked against
// the server, sends A's version on the version the server holds and says
// what it does not keep: B's version, gone, which A never held whole.
func TestALaptopWhoseConflictsOtherSideIsLostForGoodKeepsItsOwnVersion(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	for _, backup := range []bool{false, true} {
		name := "emptied"
		if backup {
			name = "restored"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := fhirserver.Start(t)
			a, ast, _, first, onB, onA := otherSideLostForGood(t, srv, backup)
			short := onA.ID.String()[:13]
			for _, settle := range []string{"--keep-mine", "--keep-server"} {
				out, stderr, err := execute(a, (*app).pushCmd, "", "--resolve", short, settle)
				if err == nil {
					t.Fatalf("%s settled without --other-version-lost:\n%s%s", settle, out, stderr)
				}
				if testing.Verbose() {
					t.Logf("%s refused:\n%s%s%v", settle, out, stderr, err)
				}
				said := flat(out + stderr + err.Error())
				for _, want := range []string{"--resolve " + short + " --keep-mine --other-version-lost", "--resolve " + short + " --keep-server --other-version-lost", "lost, stolen or wiped"} {
					if !strings.Contains(said, want) {
						t.Errorf("%s's refusal does not name the way out %q:\n%s", settle, want, said)
					}
				}
			}

			out, stderr, err := execute(a, (*app).pushCmd, "", "--resolve", short, "--keep-mine", "--other-version-lost")
			if err != nil {
				t.Fatalf("--keep-mine --other-version-lost: %v\n%s%s", err, out, stderr)
			}
			said := flat(out)
			if testing.Verbose() {
				t.Logf("--keep-mine --other-version-lost:\n%s%s", out, stderr)
			}
			for _, want := range []string{"Not kept", "Nurse Bea", onB.ID.String()[:13], "never held", "no longer holds"} {
				if !strings.Contains(said, want) {
					t.Errorf("the settle does not say %q:\n%s", want, out)
				}
			}
			if got := serverCurrent(t, srv.Base, first.ID); got != onA.ID {
				t.Errorf("after A kept its version the server's current version carries %s, not A's %s", got, onA.ID)
			}
			if known, err := ast.Conflicts(srv.Base); err != nil || len(known) != 0 {
				t.Errorf("A's store holds %d conflicts after the settle (%v)", len(known), err)
			}
			if cur, err := ast.Current(first.ID); err != nil || cur.ID != onA.ID {
				t.Errorf("A's current version is %s (%v), not its own %s", cur.ID, err, onA.ID)
			}
			out, stderr, err = execute(a, (*app).pushCmd, "")
			if err != nil {
				t.Errorf("A's push after the settle: %v\n%s%s", err, out, stderr)
			}
		})
	}
}

// TestALaptopWhoseConflictsOtherSideIsLostForGoodKeepsTheServersVersion:
// the same, settled the other way: the server's current version (A's own
// first, sent again) is kept, saved again on A's amendment and sent with
// it, so the server and A hold one line with the first version's answers
// current; the settle lists what A's amendment changed, and B's version,
// gone, as not kept either.
func TestALaptopWhoseConflictsOtherSideIsLostForGoodKeepsTheServersVersion(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	a, ast, _, first, onB, onA := otherSideLostForGood(t, srv, false)
	short := onA.ID.String()[:13]
	out, stderr, err := execute(a, (*app).pushCmd, "", "--resolve", short, "--keep-server", "--other-version-lost")
	if err != nil {
		t.Fatalf("--keep-server --other-version-lost: %v\n%s%s", err, out, stderr)
	}
	if testing.Verbose() {
		t.Logf("--keep-server --other-version-lost:\n%s%s", out, stderr)
	}
	said := flat(out)
	for _, want := range []string{"Not kept", "Nurse Bea", onB.ID.String()[:13], "Other: Chinese", "never held"} {
		if !strings.Contains(said, want) {
			t.Errorf("the settle does not say %q:\n%s", want, out)
		}
	}
	if known, err := ast.Conflicts(srv.Base); err != nil || len(known) != 0 {
		t.Errorf("A's store holds %d conflicts after the settle (%v)", len(known), err)
	}
	cur, err := ast.Current(first.ID)
	if err != nil || cur.ID == onA.ID || !slices.Equal(cur.Answers[questionnaire.LinkEthnicity], first.Answers[questionnaire.LinkEthnicity]) {
		t.Fatalf("A's current version is %s (%v), ethnic group %v, not the server's version, as %s holds it", cur.ID, err, cur.Answers[questionnaire.LinkEthnicity], first.ID)
	}
	if got := serverCurrent(t, srv.Base, first.ID); got != cur.ID {
		t.Errorf("after A kept the server's version the server's current version carries %s, not A's current %s", got, cur.ID)
	}
	out, stderr, err = execute(a, (*app).pushCmd, "", "--check-server")
	if err != nil {
		t.Errorf("A's push --check-server after the settle: %v\n%s%s", err, out, stderr)
	}
	if got := serverCurrent(t, srv.Base, first.ID); got != cur.ID {
		t.Errorf("A's push after the settle sent %s", got)
	}
}

// TestSettlingWithoutTheOtherVersionIsRefusedOnceTheServerHoldsItAgain:
// --other-version-lost is checked live: B came back after all and sent
// its version again, so the settle is refused, changing nothing, and
// says to settle as any conflict, having looked at both.
func TestSettlingWithoutTheOtherVersionIsRefusedOnceTheServerHoldsItAgain(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	a, ast, bPath, first, onB, onA := otherSideLostForGood(t, srv, false)
	if out, stderr, err := execute(laptopApp(bPath, srv.Base), (*app).pushCmd, "", "--check-server"); err != nil {
		t.Fatalf("B's push --check-server: %v\n%s%s", err, out, stderr)
	}
	for _, settle := range []string{"--keep-mine", "--keep-server"} {
		out, stderr, err := execute(a, (*app).pushCmd, "", "--resolve", onA.ID.String()[:13], settle, "--other-version-lost")
		if err == nil {
			t.Fatalf("%s --other-version-lost settled with B's version held again:\n%s%s", settle, out, stderr)
		}
		said := flat(out + stderr + err.Error())
		if strings.Contains(said, "version, version") {
			t.Errorf("%s --other-version-lost's refusal says \"version\" twice:\n%s", settle, said)
		}
		for _, want := range []string{"holds", onB.ID.String()[:13], "Nurse Bea", "Nothing was changed", "digicheck push --conflicts"} {
			if !strings.Contains(said, want) {
				t.Errorf("%s --other-version-lost's refusal does not say %q:\n%s", settle, want, said)
			}
		}
		if got := serverCurrent(t, srv.Base, first.ID); got != onB.ID {
			t.Fatalf("the server's current version carries %s, not B's %s", got, onB.ID)
		}
		if known, err := ast.Conflicts(srv.Base); err != nil || len(known) != 1 {
			t.Fatalf("A's store holds %d conflicts (%v), not the one standing", len(known), err)
		}
	}
}

// TestOtherVersionLostGoesOnlyWithASettle: the flag alone is a usage
// error, sending nothing.
func TestOtherVersionLostGoesOnlyWithASettle(t *testing.T) {
	a := laptopApp(filepath.Join(t.TempDir(), "a.db"), "http://127.0.0.1:9/fhir")
	_, _, err := execute(a, (*app).pushCmd, "", "--other-version-lost")
	if err == nil || exitStatus(err) != 2 || !strings.Contains(err.Error(), "--other-version-lost goes with --resolve") {
		t.Errorf("--other-version-lost alone: %v (exit %d)", err, exitStatus(err))
	}
}

// TestAmendOfAVersionInConflictWithALostVersionSaysSoAndTheWayOut: amend
// of A's version said the server "holds another machine's version ...
// (server version ...)", a version it no longer held, and offered the two
// settles that were refused. It now says the server no longer holds it,
// and names the settles that go without it.
func TestAmendOfAVersionInConflictWithALostVersionSaysSoAndTheWayOut(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	a, _, _, _, onB, onA := otherSideLostForGood(t, srv, false)
	_, stderr, err := execute(a, (*app).amendCmd, "", onA.ID.String(), "--reason", "again", "--clinician", "Nurse Al")
	if err == nil {
		t.Fatalf("amend of a version in conflict was not refused:\n%s", stderr)
	}
	said := flat(stderr + err.Error())
	for _, want := range []string{"no longer holds", onB.ID.String()[:13], "Nurse Bea", "--other-version-lost", "on that machine run digicheck push --check-server"} {
		if !strings.Contains(said, want) {
			t.Errorf("amend's refusal does not say %q:\n%s", want, said)
		}
	}
	if testing.Verbose() {
		t.Logf("amend:\n%s%s", stderr, err)
	}
	if strings.Contains(said, "which holds another machine's version") {
		t.Errorf("amend's refusal says the server holds the version it lost:\n%s", said)
	}
}

// TestAConflictWhoseOtherSideIsSentAgainNamesTheVersionTheServerHoldsNow:
// B sent its version again after the server lost it, and the server gave
// it a new version id; A's push and push --conflicts went on naming the
// id it had before, which the server no longer has, and an IT lead
// comparing with the server's history found no such version. Each is run
// first, on a scenario of its own: run after the push, which notes the
// new id, push --conflicts passed whatever it did itself.
func TestAConflictWhoseOtherSideIsSentAgainNamesTheVersionTheServerHoldsNow(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	for _, args := range [][]string{{}, {"--conflicts"}} {
		t.Run(strings.Join(append([]string{"push"}, args...), " "), func(t *testing.T) {
			t.Parallel()
			srv := fhirserver.Start(t)
			a, ast, bPath, first, _, onA := otherSideLostForGood(t, srv, false)
			known, err := ast.Conflicts(srv.Base)
			k, ok := store.ConflictOf(known, onA.ID)
			if err != nil || !ok {
				t.Fatalf("A's conflict is not held (%v)", err)
			}
			old := k.ServerVersion
			if out, stderr, err := execute(laptopApp(bPath, srv.Base), (*app).pushCmd, "", "--check-server"); err != nil {
				t.Fatalf("B's push --check-server: %v\n%s%s", err, out, stderr)
			}
			now := serverVersionOf(t, srv.Base, first.ID)
			if now == old {
				t.Fatalf("the server gave B's version sent again its old version id %s", old)
			}
			out, stderr, err := execute(a, (*app).pushCmd, "", args...)
			said := flat(out + stderr + errText(err))
			if strings.Contains(said, old) {
				t.Errorf("A's push %v names version %s, which the server no longer has:\n%s", args, old, said)
			}
			if !strings.Contains(said, now) {
				t.Errorf("A's push %v does not name version %s, B's as the server holds it now:\n%s", args, now, said)
			}
		})
	}
}

// serverVersionOf is the server's current version id of assessment id, or
// "".
func serverVersionOf(t *testing.T, base string, id record.ID) string {
	t.Helper()
	c, err := fhirclient.New(fhirclient.Config{Base: base, Timeout: 5 * time.Second, Attempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Read(t.Context(), "QuestionnaireResponse", id.String())
	if err != nil {
		return ""
	}
	return res.VersionID
}
