package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/fhirclient"
	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// TestAPlainPushNamesTheVersionItsAmendmentWaitsOnAfterARestore: A makes
// an assessment, B amends it, A amends B's amendment, each pushed; the
// server is restored from a backup made when it held A's first version
// only. A's plain push said "the server still holds ... as sent" (its
// check of the newest did not count a version waiting on another
// machine's lost copy) and exited 0. It says what the server lacks, whose
// it is, what to run on that machine, counts A's amendment waiting, and
// fails, as push --check-server does.
func TestAPlainPushNamesTheVersionItsAmendmentWaitsOnAfterARestore(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	srv := fhirserver.Start(t)
	pathA, rs := storeWith(t, 1)
	first := rs[0]
	if out, stderr, err := runStoreCmd(t, pathA, (*app).pushCmd, "--server", srv.Base); err != nil || !strings.Contains(out, "Sent 1 of 1") {
		t.Fatalf("A's push: %v\n%s%s", err, out, stderr)
	}
	srv.Control(t, fhirserver.Control{Backup: true})
	source, err := fhirclient.Identity(srv.Base)
	if err != nil {
		t.Fatal(err)
	}
	pathB := filepath.Join(t.TempDir(), "digicheck.db")
	b, err := store.Open(pathB, store.Options{})
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
	if out, stderr, err := runStoreCmd(t, pathB, (*app).pushCmd, "--server", srv.Base); err != nil || !strings.Contains(out, "Sent 1 of 1") {
		t.Fatalf("B's push: %v\n%s%s", err, out, stderr)
	}
	a, err := store.Open(pathA, store.Options{})
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
	if out, stderr, err := runStoreCmd(t, pathA, (*app).pushCmd, "--server", srv.Base); err != nil || !strings.Contains(out, "Sent 1 of 1") {
		t.Fatalf("A's push of its amendment: %v\n%s%s", err, out, stderr)
	}
	srv.Control(t, fhirserver.Control{RestoreBackup: true})

	for _, args := range [][]string{nil, {"--check-server"}} {
		out, stderr, err := runStoreCmd(t, pathA, (*app).pushCmd, append([]string{"--server", srv.Base}, args...)...)
		said := out + stderr
		if err != nil {
			said += err.Error()
		}
		said = unfolded(said)
		if err == nil {
			t.Errorf("A's push %v exits 0 with its amendment waiting on B's lost one:\n%s", args, said)
		}
		for _, never := range []string{"as sent", "holds every assessment", "Nothing to send"} {
			if strings.Contains(said, never) {
				t.Errorf("A's push %v says %q:\n%s", args, never, said)
			}
		}
		for _, want := range []string{theirs.ID.String(), "Nurse Bo", "digicheck push --server " + srv.Base + " --check-server", "Sent 0 of 1 record version", "1 waits on the machine that made the version it rests on"} {
			if !strings.Contains(said, want) {
				t.Errorf("A's push %v does not say %q (what the server lacks, whose, what to run there, what waits):\n%s", args, want, said)
			}
		}
	}

	// Run with this machine's --config: the command for the other
	// machine carries none of it (there, that path is no file, or
	// another store's); the one to run here again does.
	given := &app{settings: site.Settings{DB: pathA, Team: "Ward 7"}, given: " --config /laptops/a/config.toml"}
	out, _, err := execute(given, (*app).pushCmd, "", "--server", srv.Base, "--check-server")
	if err == nil {
		t.Fatal("A's push --check-server exits 0 with its amendment waiting")
	}
	// The commands are said once, with what was not sent: on standard
	// output too, they doubled what filled a screen.
	flat := unfolded(out)
	if strings.Contains(flat, "digicheck push") {
		t.Errorf("A's push prints the commands on standard output as well as with what was not sent:\n%s", flat)
	}
	said := unfolded(err.Error())
	// Every push command it prints, on either output, names the server,
	// and carries this machine's flags unless it is to run on the other;
	// and so does the plain push's.
	bare(t, flat+" "+said, given.given, srv.Base)
	if out, stderr, err := execute(given, (*app).pushCmd, "", "--server", srv.Base); err == nil {
		t.Errorf("A's plain push exits 0 with its amendment waiting")
	} else {
		bare(t, unfolded(out+stderr+err.Error()), given.given, srv.Base)
	}
	there := "on that machine, run digicheck push --server " + srv.Base + " --check-server"
	here := "then run digicheck push --config /laptops/a/config.toml --server " + srv.Base + " --check-server here again"
	for _, want := range []string{there, here} {
		if !strings.Contains(said, want) {
			t.Errorf("A's push does not say %q:\n%s", want, said)
		}
	}
}

// TestASaveWaitingBehindItsOwnHeldAmendmentSaysWhatItWaitsOn: B read
// A's amendment from the server, which was then restored from a backup
// older than it; B amended it, and its save said the amendment waits on
// A's record, whose, and what to run on A's machine. B then followed the
// patient up on its amendment, and that save said only "Not sent yet
// (will retry): record …, run digicheck push to see why". It says what
// the follow-up rests on, that that waits on A's record, whose it is,
// and what to run on A's machine.
func TestASaveWaitingBehindItsOwnHeldAmendmentSaysWhatItWaitsOn(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	srv := fhirserver.Start(t)
	pathA, rs := storeWith(t, 1)
	first := rs[0]
	if out, stderr, err := runStoreCmd(t, pathA, (*app).pushCmd, "--server", srv.Base); err != nil || !strings.Contains(out, "Sent 1 of 1") {
		t.Fatalf("A's push: %v\n%s%s", err, out, stderr)
	}
	srv.Control(t, fhirserver.Control{Backup: true})
	ast, err := store.Open(pathA, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	theirs := first
	theirs.ID, theirs.Amends, theirs.AmendReason, theirs.Clinician = record.ID{}, first.ID, "A's fix", "Nurse Ann"
	if err := ast.Amend(&theirs); err != nil {
		t.Fatal(err)
	}
	pushWith(t, srv.Base, ast)
	source, err := fhirclient.Identity(srv.Base)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(filepath.Join(t.TempDir(), "b.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []record.Record{first, theirs} {
		if err := st.SaveCopy(&r, source); err != nil {
			t.Fatal(err)
		}
	}
	srv.Control(t, fhirserver.Control{RestoreBackup: true})
	mine := theirs
	mine.ID, mine.Amends, mine.AmendReason, mine.Clinician = record.ID{}, theirs.ID, "B's fix", "Nurse Bo"
	if err := st.Amend(&mine); err != nil {
		t.Fatal(err)
	}
	a := &app{settings: site.Settings{Team: "Ward 7"}}
	if sent, why := a.pushRecord(st, srv.Base, mine, 15*time.Second, time.Second); sent || !strings.Contains(why, "the FHIR server lacks record "+theirs.ID.String()) {
		t.Fatalf("the save of B's amendment: sent %v, %s", sent, why)
	}
	fu := testkit.Assessed(t, testkit.Included(nil))
	fu.Patient, fu.FollowsUp, fu.Clinician = first.Patient, mine.ID, "Nurse Bo"
	if err := st.Save(&fu); err != nil {
		t.Fatal(err)
	}
	sent, why := a.pushRecord(st, srv.Base, fu, 15*time.Second, time.Second)
	if sent {
		t.Fatal("the follow-up of an amendment waiting on another machine's version was sent")
	}
	why = unfolded(why)
	for _, want := range []string{
		"it follows up record " + mine.ID.String() + ", this machine's amendment, which waits on record " + theirs.ID.String(),
		"made by Nurse Ann on another machine",
		"on that machine run digicheck push --check-server, and the next save or push here sends both",
	} {
		if !strings.Contains(why, want) {
			t.Errorf("the save's push does not say %q:\n%s", want, why)
		}
	}
	if strings.Contains(why, "to see why") {
		t.Errorf("the save's push sends the nurse to push to see why:\n%s", why)
	}
}
