package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// copyNotTakenIn sets up, as TestAReaderTakesInTheServersVersionsBetweenOverACopyItRead
// does, a ward PC (the reader) that only read a patient's assessment from
// server A, the laptop's amendment (mine) current then, where A now holds
// the ward's second amendment (w2) resting on a first the reader never
// had, and A's history cannot be read: the reader holds the laptop's
// amendment as a copy, in conflict with A as not taken in. It returns the
// reader, A and the records; faults makes A's history unreadable again.
func copyNotTakenIn(t *testing.T) (reader *app, A *fhirserver.Server, first, mine, w2 record.Record, faults func()) {
	t.Helper()
	A, B := fhirserver.Start(t), fhirserver.Start(t)
	laptop, lst, first := agreedToEverything(t)
	pushWith(t, A.Base, lst)
	pushWith(t, B.Base, lst)
	mine = amendOn(t, lst, first, "amended on the laptop", "Dr Lap")
	pushWith(t, A.Base, lst)
	reader = laptopApp(filepath.Join(t.TempDir(), "reader.db"), A.Base)
	if _, errs, err := execute(reader, (*app).historyCmd, "", first.Patient.Value); err != nil {
		t.Fatalf("history on the reader: %v\n%s", err, errs)
	}
	_, wst := wardReading(t, B.Base, first)
	w1 := amendOn(t, wst, first, "age was wrong", "Sister One")
	// The ward's second amendment made in the same millisecond as its
	// first, as two can be: their ids then share the 13 characters a
	// record id is shown by, and a command offered with only those
	// would name both (one run in twenty did so by chance).
	w2 = w1
	w2.ID, w2.Amends, w2.AmendReason, w2.Clinician = sameMillisecond(t, w1.ID), w1.ID, "skills were wrong", "Sister Two"
	if err := wst.Amend(&w2); err != nil {
		t.Fatal(err)
	}
	pushWith(t, B.Base, wst)
	a := laptopApp(laptop, A.Base)
	if _, _, err := execute(a, (*app).pushCmd, "", "--server", B.Base); err == nil {
		t.Fatal("the laptop's push to B met no conflict with the ward's amendments")
	}
	out, errs, err := execute(a, (*app).pushCmd, "", "--server", B.Base, "--resolve", mine.ID.String(), "--keep-server")
	if err != nil {
		t.Fatalf("keep-server on B: %v\n%s%s", err, out, errs)
	}
	for _, c := range regexp.MustCompile(`(?m)^ +digicheck push.*$`).FindAllString(pasted(out+errs), -1) {
		execute(a, (*app).pushCmd, "", strings.Fields(strings.TrimPrefix(strings.TrimSpace(c), "digicheck push"))...)
	}
	if lineA := serverLine(t, A.Base, first.ID); lineA[len(lineA)-1].ID != w2.ID {
		t.Fatalf("A's current version is %s: not the ward's second amendment; the set-up failed", lineA[len(lineA)-1].ID)
	}
	faults = func() {
		path := "/QuestionnaireResponse/" + first.ID.String() + "/_history"
		A.Control(t, fhirserver.Control{ClearFaults: true})
		A.Faults(t, fhirserver.Fault{Method: "GET", Path: path, Times: 1}, fhirserver.Fault{Method: "GET", Path: path, Status: 500, Times: 1000})
	}
	faults()
	if out, errs, err := execute(reader, (*app).historyCmd, "", first.Patient.Value); err != nil || !strings.Contains(strings.Join(strings.Fields(out+errs), " "), "could not take in") {
		t.Fatalf("the reader, A's history unreadable, does not hold the server's newer state as not taken in: %v\n%s%s", err, out, errs)
	}
	return reader, A, first, mine, w2, faults
}

// TestAVoidOfACopyNotTakenInOffersOnlyWhatSettlesIt: a reader holding a
// copy read from the server, whose newer state it could not take in, was
// told on `void` to "See both" and offered `--keep-mine`, which push
// refuses for a copy (it would send another machine's older version
// again, in its maker's name), and push --conflicts called the copy
// "kept locally and not sent". The refusal now names the copy as read
// from the server, offers the one command that settles it, and every
// command it offers works: run, the server's version is taken in and the
// void then goes on it.
func TestAVoidOfACopyNotTakenInOffersOnlyWhatSettlesIt(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	reader, A, first, mine, w2, _ := copyNotTakenIn(t)
	out, errs, err := execute(reader, (*app).voidCmd, "", mine.ID.String(), "--reason", "wrong patient", "--clinician", "Dr B Jones")
	said := strings.Join(strings.Fields(out+errs+errText(err)), " ")
	if testing.Verbose() {
		t.Logf("void of the copy:\n%s%s%s", out, errs, errText(err))
	}
	if err == nil {
		t.Fatalf("void of a copy in conflict with the server was taken:\n%s", said)
	}
	for _, wrong := range []string{"--keep-mine", "See both", "this machine's amendment", "not sent"} {
		if strings.Contains(said, wrong) {
			t.Errorf("the refusal to void a copy read from the server says %q:\n%s", wrong, said)
		}
	}
	for _, want := range []string{"read from the server", "Dr Lap", "Nothing was saved"} {
		if !strings.Contains(said, want) {
			t.Errorf("the refusal to void a copy read from the server does not say %q:\n%s", want, said)
		}
	}
	// An amendment and a follow-up are refused in the same words.
	for _, tried := range []struct {
		what string
		run  func() (string, string, error)
	}{
		{"amend", func() (string, string, error) {
			return execute(reader, (*app).amendCmd, "", mine.ID.String(), "--reason", "typo", "--clinician", "Dr B Jones")
		}},
		{"followup", func() (string, string, error) {
			return execute(reader, (*app).followupCmd, "", first.Patient.Value)
		}},
	} {
		o, e, err := tried.run()
		all := strings.Join(strings.Fields(o+e+errText(err)), " ")
		if err == nil || !strings.Contains(all, "copy read from the server") || !strings.Contains(all, "--keep-server") {
			t.Errorf("%s of a copy in conflict with the server: %v; want it refused, naming the copy and --keep-server:\n%s", tried.what, err, all)
		}
		for _, wrong := range []string{"--keep-mine", "See both"} {
			if strings.Contains(all, wrong) {
				t.Errorf("the refusal to %s a copy read from the server says %q:\n%s", tried.what, wrong, all)
			}
		}
	}
	cout, cerrs, _ := execute(reader, (*app).pushCmd, "", "--conflicts")
	listed := strings.Join(strings.Fields(cout+cerrs), " ")
	if testing.Verbose() {
		t.Logf("push --conflicts:\n%s%s", cout, cerrs)
	}
	for _, wrong := range []string{"not sent", "this machine's amendment", "--keep-mine"} {
		if strings.Contains(listed, wrong) {
			t.Errorf("push --conflicts says %q of a copy read from the server:\n%s", wrong, listed)
		}
	}
	if !strings.Contains(listed, "copy read from a FHIR server") {
		t.Errorf("push --conflicts does not say the version held is a copy read from a server:\n%s", listed)
	}

	// Every command the refusal offers works, the server's history
	// readable again.
	A.Control(t, fhirserver.Control{ClearFaults: true})
	cmds := regexp.MustCompile(`(?m)^ +digicheck push.*$`).FindAllString(pasted(errText(err)), -1)
	if len(cmds) == 0 {
		t.Fatalf("the refusal offers no command to settle the conflict:\n%s", errText(err))
	}
	for _, c := range cmds {
		if out, errs, err := execute(reader, (*app).pushCmd, "", strings.Fields(strings.TrimPrefix(strings.TrimSpace(c), "digicheck push"))...); err != nil {
			t.Errorf("%s, as the refusal offers it: %v\n%s%s", strings.TrimSpace(c), err, out, errs)
		}
	}
	st, serr := store.Open(reader.settings.DB, store.Options{})
	if serr != nil {
		t.Fatal(serr)
	}
	cur, cerr := st.Current(first.ID)
	if cerr != nil || cur.ID != w2.ID {
		t.Fatalf("after the commands offered, the reader's current version is %s (%v), not the server's %s", cur.ID, cerr, w2.ID)
	}
	if out, errs, err := execute(reader, (*app).voidCmd, "", w2.ID.String(), "--reason", "wrong patient", "--clinician", "Dr B Jones"); err != nil {
		t.Errorf("void of the server's version, taken in: %v\n%s%s", err, out, errs)
	}
}

// TestAnotherServersCopyNotTakenInIsNotCalledThisMachines: the same copy,
// its conflict with A, where the site's server is now another: history's
// note of A's conflict called the copy "this machine's amendment", not
// sent there, and offered --keep-mine, which push refuses for a copy. It
// now names the copy as read from A, with the one command that takes A's
// version in, and that command works.
func TestAnotherServersCopyNotTakenInIsNotCalledThisMachines(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	reader, A, first, _, w2, _ := copyNotTakenIn(t)
	other := fhirserver.Start(t)
	moved := laptopApp(reader.settings.DB, other.Base)
	out, errs, err := execute(moved, (*app).historyCmd, "", first.Patient.Value)
	if err != nil {
		t.Fatalf("history with another site server: %v\n%s%s", err, out, errs)
	}
	said := strings.Join(strings.Fields(out+errs), " ")
	if testing.Verbose() {
		t.Logf("history, the site's server another:\n%s%s", out, errs)
	}
	if !strings.Contains(said, "could not take in") {
		t.Fatalf("history with another site server does not note A's conflict:\n%s", out+errs)
	}
	for _, wrong := range []string{"this machine's amendment", "--keep-mine", "NOT SENT THERE"} {
		if strings.Contains(said, wrong) {
			t.Errorf("history says %q of a copy read from A:\n%s", wrong, out+errs)
		}
	}
	A.Control(t, fhirserver.Control{ClearFaults: true})
	cmds := regexp.MustCompile(`(?m)^ +digicheck push.*--server.*$`).FindAllString(pasted(out+errs), -1)
	if len(cmds) == 0 {
		t.Fatalf("history offers no command to settle A's conflict:\n%s", out+errs)
	}
	for _, c := range cmds {
		if o, e, err := execute(moved, (*app).pushCmd, "", strings.Fields(strings.TrimPrefix(strings.TrimSpace(c), "digicheck push"))...); err != nil {
			t.Errorf("%s, as history offers it: %v\n%s%s", strings.TrimSpace(c), err, o, e)
		}
	}
	st, serr := store.Open(moved.settings.DB, store.Options{})
	if serr != nil {
		t.Fatal(serr)
	}
	if cur, err := st.Current(first.ID); err != nil || cur.ID != w2.ID {
		t.Errorf("after the command history offers, the current version is %s (%v), not A's %s", cur.ID, err, w2.ID)
	}
}

// sameMillisecond is a fresh record id made in the millisecond id was:
// its first 13 characters are id's.
func sameMillisecond(t *testing.T, id record.ID) record.ID {
	t.Helper()
	n, err := record.NewID()
	if err != nil {
		t.Fatal(err)
	}
	copy(n[:6], id[:6])
	if n == id || n.String()[:record.ShownIDLen] != id.String()[:record.ShownIDLen] {
		t.Fatalf("%s is not another id of %s's millisecond", n, id)
	}
	return n
}
