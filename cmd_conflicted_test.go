package main

import (
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// laptopInConflict: the ward PC pushes an assessment, the laptop reads
// it, the ward amends it and pushes, the laptop amends its copy and its
// push is refused as a conflict. The laptop's amendment is current there
// only, and the server may never hold it.
func laptopInConflict(t *testing.T) (a *app, lst *store.Store, first, onLaptop record.Record) {
	t.Helper()
	srv := fhirserver.Shared(t)
	_, wst, first := agreedToEverything(t)
	pushWith(t, srv.Base, wst)
	laptop := filepath.Join(t.TempDir(), "laptop.db")
	lst, err := store.Open(laptop, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runStoreCmd(t, laptop, (*app).historyCmd, first.Patient.Value, "--server", srv.Base); err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	onWard := first
	onWard.ID, onWard.Amends, onWard.AmendReason, onWard.Clinician = record.ID{}, first.ID, "amended on the ward", "Sister Okafor"
	if err := wst.Amend(&onWard); err != nil {
		t.Fatal(err)
	}
	pushWith(t, srv.Base, wst)
	onLaptop = first
	onLaptop.ID, onLaptop.Amends, onLaptop.AmendReason = record.ID{}, first.ID, "B offline"
	if err := lst.Amend(&onLaptop); err != nil {
		t.Fatal(err)
	}
	a = &app{settings: site.Settings{DB: laptop, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
	if _, _, err := execute(a, (*app).pushCmd, ""); err == nil || !strings.Contains(said(err), "changed on another machine") {
		t.Fatalf("push of the laptop's amendment: %v; want a conflict", err)
	}
	return a, lst, first, onLaptop
}

// TestAFollowUpOrVoidOfAnAssessmentInConflictIsRefusedBeforeAnything: a
// follow-up built on the laptop's amendment in conflict was saved and said
// "Sent", yet rested on a version no other machine would ever hold; a void
// printed the refusal and then "Marked entered in error". Each is now one
// outcome: refused before any question and before anything is saved,
// saying both ways to settle it and what each does, in lines whole at 80
// columns, as an amendment is.
func TestAFollowUpOrVoidOfAnAssessmentInConflictIsRefusedBeforeAnything(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	a, lst, first, onLaptop := laptopInConflict(t)
	before, err := lst.History(first.Patient)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		what string
		run  func() (string, string, error)
	}{
		{"followed up", func() (string, string, error) {
			return execute(a, (*app).followupCmd, strings.Repeat("\n", 40), first.Patient.Value)
		}},
		{"voided", func() (string, string, error) {
			return execute(a, (*app).voidCmd, "", onLaptop.ID.String(), "--reason", "wrong patient", "--clinician", "Ward Sister Wu")
		}},
		{"amended", func() (string, string, error) {
			return execute(a, (*app).amendCmd, "", onLaptop.ID.String(), "--reason", "again", "--clinician", "Dr Lap")
		}},
	} {
		out, _, err := c.run()
		if err == nil {
			t.Errorf("%s: no refusal; out:\n%s", c.what, out)
			continue
		}
		msg := said(err)
		for _, want := range []string{"cannot be " + c.what, "in conflict with the FHIR server", "Nothing was saved",
			"digicheck push --conflicts",
			"digicheck push --resolve " + onLaptop.ID.String() + " --keep-server", "the one other machines see",
			"digicheck push --resolve " + onLaptop.ID.String() + " --keep-mine", "replaces the server's for everyone"} {
			if !strings.Contains(msg, want) {
				t.Errorf("%s: the refusal does not say %q:\n%s", c.what, want, err)
			}
		}
		for _, bad := range []string{"Marked entered in error", "Sent", "Following up"} {
			if strings.Contains(out, bad) {
				t.Errorf("%s: refused, yet the output says %q:\n%s", c.what, bad, out)
			}
		}
		for i, l := range strings.Split(err.Error(), "\n") {
			limit := 80
			if i == 0 {
				limit -= len(errorPrefix)
			}
			if w := ansi.StringWidth(l); w > limit {
				t.Errorf("%s: line %d of the refusal is %d columns, over %d: %q", c.what, i+1, w, limit, l)
			}
		}
	}
	after, err := lst.History(first.Patient)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) {
		t.Errorf("the laptop holds %d versions of the patient's assessments after the refusals, had %d", len(after), len(before))
	}
	if ds, err := lst.ListDrafts(0); err == nil && len(ds) > 0 {
		t.Errorf("a refused change left %d drafts", len(ds))
	}
	if cur, err := lst.Current(first.ID); err != nil || cur.ID != onLaptop.ID {
		t.Errorf("the laptop's current version is %s, not its amendment %s (%v)", cur.ID, onLaptop.ID, err)
	}
}

// TestTheConflictsViewGivesAVoidItsOwnReason: push --conflicts showed a
// void saved with the amended version's reason under "Why amended" (a
// keep-mine reason, "kept this machine's version", read on the other
// laptop as its own). A void's reason is "Entered in error because", and
// it has no reason for an amendment.
func TestTheConflictsViewGivesAVoidItsOwnReason(t *testing.T) {
	t.Parallel()
	_, _, first := agreedToEverything(t)
	theirs := first
	theirs.Status, theirs.AmendReason = record.Amended, "corrected on the ward"
	mine := first
	mine.Status, mine.VoidReason = record.EnteredInError, "wrong patient"
	mine.AmendReason = "kept this machine's version" // as saved by the build before
	rows := map[string][2]string{}
	for _, d := range recordDiffs(mine, theirs) {
		rows[d.field] = [2]string{d.mine, d.theirs}
	}
	if got, want := rows["Why amended"], [2]string{"(none)", "corrected on the ward"}; got != want {
		t.Errorf("Why amended: this machine %q, server %q; want %q", got[0], got[1], want)
	}
	if got, want := rows["Entered in error because"], [2]string{"wrong patient", "(none)"}; got != want {
		t.Errorf("Entered in error because: this machine %q, server %q; want %q", got[0], got[1], want)
	}
}

// TestPushNamesAFollowUpRestingOnAVersionTheServerWillNeverHold: a
// follow-up saved (by the build before) on the laptop's amendment in
// conflict was sent and said sent, yet no other machine could link it to
// the patient's earlier assessment, and once the conflict was settled it
// was orphaned for good without a word. Push holds it back and names it,
// while the conflict waits and after it is settled, with what to do; once
// it is marked entered in error, push says nothing more of it.
func TestPushNamesAFollowUpRestingOnAVersionTheServerWillNeverHold(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	a, lst, first, onLaptop := laptopInConflict(t)
	fu := testkit.Assessed(t, testkit.Included(nil))
	fu.Patient, fu.FollowsUp, fu.Clinician = first.Patient, onLaptop.ID, "Nurse Bea"
	if err := lst.Save(&fu); err != nil {
		t.Fatal(err)
	}
	short := fu.ID.String()[:13]
	check := func(when string, settled bool) {
		t.Helper()
		_, stderr, err := execute(a, (*app).pushCmd, "")
		if err != nil {
			stderr += err.Error()
		}
		flat := strings.Join(strings.Fields(stderr), " ")
		want := []string{"follow-up " + fu.ID.String(), "rests on record " + onLaptop.ID.String()[:13], "no other machine could link the follow-up", "is not sent"}
		if settled {
			want = append(want, "set aside when its conflict with the FHIR server was settled", "digicheck void "+short, "digicheck followup "+first.Patient.Value)
		} else {
			want = append(want, "in conflict with the FHIR server", "Settle the conflict first")
		}
		for _, w := range want {
			if !strings.Contains(flat, w) {
				t.Errorf("push %s does not say %q:\n%s", when, w, stderr)
			}
		}
		for i, l := range strings.Split(stderr, "\n") {
			if strings.HasPrefix(l, "push: ") {
				continue // the progress line
			}
			if ansi.StringWidth(l) > 80 {
				t.Errorf("push %s: line %d is over 80 columns: %q", when, i+1, l)
			}
		}
	}
	check("while the conflict waits", false)
	if out, errs, err := execute(a, (*app).pushCmd, "", "--resolve", onLaptop.ID.String(), "--keep-server"); err != nil {
		t.Fatalf("push --resolve --keep-server: %v\n%s%s", err, out, errs)
	}
	check("after the conflict is settled", true)
	if _, _, err := execute(a, (*app).voidCmd, "", fu.ID.String(), "--reason", "followed up a version in conflict", "--clinician", "Nurse Bea"); err != nil {
		t.Fatalf("void of the follow-up: %v", err)
	}
	if _, stderr, _ := execute(a, (*app).pushCmd, ""); strings.Contains(stderr, short) {
		t.Errorf("push still names the follow-up marked entered in error:\n%s", stderr)
	}
}

// TestWhatVoidSaysIsWholeAtTheWidth: void printed what the server said,
// and its own outcome, in lines of 85 to 250 columns, which a terminal
// broke mid-word ("the se" / "rver answered 503"). Every line it prints
// is whole at COLUMNS, on the output and on standard error.
func TestWhatVoidSaysIsWholeAtTheWidth(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	first := savedPatient(t, dir)
	a := &app{settings: site.Settings{DB: filepath.Join(dir, "digicheck.db"), Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: closedServer(t)}}}}
	out, stderr, err := execute(a, (*app).voidCmd, "", first.ID.String(), "--reason", "wrong patient", "--clinician", "Ward Sister Wu")
	if err != nil {
		t.Fatalf("void: %v\n%s", err, stderr)
	}
	said := strings.Join(strings.Fields(out+stderr), " ")
	for _, want := range []string{"could not reach the FHIR server", "Marked entered in error: " + first.ID.String(), "Not sent yet (will retry)"} {
		if !strings.Contains(said, want) {
			t.Errorf("void does not say %q:\n%s%s", want, out, stderr)
		}
	}
	for _, s := range []struct{ where, text string }{{"standard error", stderr}, {"output", out}} {
		for i, l := range strings.Split(s.text, "\n") {
			if w := ansi.StringWidth(l); w > 80 {
				t.Errorf("line %d of void's %s is %d columns: %q", i+1, s.where, w, l)
			}
		}
	}
}

// savedPatient is a store in dir holding one assessment of the test
// patient, as a machine that assessed them before holds it.
func savedPatient(t *testing.T, dir string) record.Record {
	t.Helper()
	st, err := store.Open(filepath.Join(dir, "digicheck.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := testkit.Assessed(t, testkit.Interpreter(nil))
	r.Time = time.Now().AddDate(0, -1, 0)
	if err := st.Save(&r); err != nil {
		t.Fatal(err)
	}
	return r
}

// closedServer is the URL of a FHIR server nobody answers at: a port that
// was listened on and closed, so a connection is refused at once.
func closedServer(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return "http://" + addr + "/fhir"
}
