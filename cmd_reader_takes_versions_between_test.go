package main

import (
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/store"
)

// TestAReaderTakesInTheServersVersionsBetweenOverACopyItRead: ward PCs on
// server A only read a patient's assessment, the laptop's amendment
// current then. On server B the ward amended the baseline twice; the
// laptop, meeting that there, kept B's versions, and gave A the ward's two
// amendments as printed, so A's current version is the ward's second
// amendment, resting on its first, which no reader ever had. A reader's
// next history said that A held a newer state "that this machine could not
// take in", called the laptop's amendment its own, current here only and
// not sent, and asked the clinician to settle by hand what the program
// can take in itself: the reader now reads the versions between from A's
// history and takes the ward's line in whole. Only while A's history
// cannot be read is it still said not taken in; then the one command
// printed, or the next read once the history can be read, takes it in.
func TestAReaderTakesInTheServersVersionsBetweenOverACopyItRead(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	A, B := fhirserver.Start(t), fhirserver.Start(t)
	laptop, lst, first := agreedToEverything(t)
	pushWith(t, A.Base, lst)
	pushWith(t, B.Base, lst)
	mine := amendOn(t, lst, first, "amended on the laptop", "Dr Lap")
	pushWith(t, A.Base, lst)
	readers := map[string]*app{}
	for _, name := range []string{"fresh", "again", "command"} {
		readers[name] = laptopApp(filepath.Join(t.TempDir(), name+".db"), A.Base)
		if _, errs, err := execute(readers[name], (*app).historyCmd, "", first.Patient.Value); err != nil {
			t.Fatalf("history on the %s reader: %v\n%s", name, err, errs)
		}
	}
	_, wst := wardReading(t, B.Base, first)
	w1 := amendOn(t, wst, first, "age was wrong", "Sister One")
	w2 := amendOn(t, wst, w1, "skills were wrong", "Sister Two")
	pushWith(t, B.Base, wst)
	a := laptopApp(laptop, A.Base)
	if _, _, err := execute(a, (*app).pushCmd, "", "--server", B.Base); err == nil {
		t.Fatal("the laptop's push to B met no conflict with the ward's amendments")
	}
	out, errs, err := execute(a, (*app).pushCmd, "", "--server", B.Base, "--resolve", mine.ID.String()[:13], "--keep-server")
	if err != nil {
		t.Fatalf("keep-server on B: %v\n%s%s", err, out, errs)
	}
	for _, c := range regexp.MustCompile(`(?m)^ +digicheck push.*$`).FindAllString(pasted(out+errs), -1) {
		execute(a, (*app).pushCmd, "", strings.Fields(strings.TrimPrefix(strings.TrimSpace(c), "digicheck push"))...)
	}
	lineA := serverLine(t, A.Base, first.ID)
	if cur := lineA[len(lineA)-1]; cur.ID != w2.ID || cur.Amends != w1.ID {
		t.Fatalf("A's current version is %s, amending %s: not the ward's second amendment on its first; the set-up failed", cur.ID, cur.Amends)
	}

	history := func(name string) string {
		t.Helper()
		out, errs, err := execute(readers[name], (*app).historyCmd, "", first.Patient.Value)
		if err != nil {
			t.Fatalf("history on the %s reader: %v\n%s", name, err, errs)
		}
		if testing.Verbose() {
			t.Logf("the %s reader's history:\n%s%s", name, out, errs)
		}
		return out + errs
	}
	held := func(name string) *store.Store {
		t.Helper()
		st, err := store.Open(readers[name].settings.DB, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	takenIn := func(name, said string) {
		t.Helper()
		all := strings.Join(strings.Fields(said), " ")
		for _, wrong := range []string{"could not take in", "NOT CURRENT", "IN CONFLICT", "this machine's amendment", "not sent"} {
			if strings.Contains(all, wrong) {
				t.Errorf("the %s reader says %q, where A's versions can be read and taken in:\n%s", name, wrong, said)
			}
		}
		st := held(name)
		if cur, err := st.Current(first.ID); err != nil || cur.ID != w2.ID {
			t.Errorf("the %s reader's current version is %s, %v: not the ward's second amendment %s", name, cur.ID, err, w2.ID)
		}
		if r, err := st.Get(w1.ID); err != nil || r.Clinician != "Sister One" {
			t.Errorf("the %s reader lacks the ward's first amendment, which the second rests on: %v", name, err)
		}
		if known, err := st.Conflicts(A.Base); err != nil || len(known) != 0 {
			t.Errorf("the %s reader holds conflicts with A: %v, %v", name, known, err)
		}
	}
	// The history of the assessment on A answers the reader's first look
	// (which finds the current version's line) and then fails: the
	// versions between cannot be read for the take-in.
	unreadable := func() {
		path := "/QuestionnaireResponse/" + first.ID.String() + "/_history"
		A.Faults(t, fhirserver.Fault{Method: "GET", Path: path, Times: 1}, fhirserver.Fault{Method: "GET", Path: path, Status: 500, Times: 2})
	}
	notTakenIn := func(name, said string) {
		t.Helper()
		all := strings.Join(strings.Fields(said), " ")
		if !strings.Contains(all, "could not take in") {
			t.Errorf("the %s reader, A's history unreadable, does not say the server's newer state was not taken in:\n%s", name, said)
		}
		// A copy read from the server is no version of this machine's:
		// keeping it would send the laptop's amendment again, in Dr
		// Lap's name, over the ward's. One command takes the server's in.
		for _, wrong := range []string{"this machine's amendment", "--keep-mine", "not sent"} {
			if strings.Contains(all, wrong) {
				t.Errorf("the %s reader says %q of the laptop's amendment it read from A:\n%s", name, wrong, said)
			}
		}
		if !strings.Contains(all, "digicheck push --resolve "+mine.ID.String()[:13]+" --keep-server") {
			t.Errorf("the %s reader does not print the command that takes the server's version in:\n%s", name, said)
		}
		st := held(name)
		if cur, err := st.Current(first.ID); err != nil || cur.ID != mine.ID {
			t.Errorf("the %s reader's current version is %s, %v: not the laptop's amendment it read", name, cur.ID, err)
		}
		if known, err := st.Conflicts(A.Base); err != nil || len(known) != 1 {
			t.Errorf("the %s reader holds conflicts with A %v, %v: want the one not taken in", name, known, err)
		}
	}

	flagged := map[string]string{}
	for _, name := range []string{"again", "command"} {
		unreadable()
		flagged[name] = history(name)
		notTakenIn(name, flagged[name])
		A.Control(t, fhirserver.Control{ClearFaults: true})
	}

	takenIn("fresh", history("fresh"))
	if said := strings.Join(strings.Fields(history("fresh")), " "); !strings.Contains(said, w2.ID.String()[:13]+" amended by Sister Two") {
		t.Errorf("the fresh reader's history does not show the ward's second amendment as current:\n%s", said)
	}

	takenIn("again", history("again"))

	// Asked to keep "its" version, a reader that holds only copies sent
	// the laptop's amendment again, in Dr Lap's name, over the ward's.
	if out, errs, err := execute(readers["command"], (*app).pushCmd, "", "--resolve", mine.ID.String()[:13], "--keep-mine"); err == nil {
		t.Errorf("--keep-mine on the command reader, which holds only copies, was taken:\n%s%s", out, errs)
	}
	if lineA := serverLine(t, A.Base, first.ID); lineA[len(lineA)-1].ID != w2.ID {
		t.Fatalf("A's current version is %s by %s after --keep-mine on a reader: not the ward's second amendment", lineA[len(lineA)-1].ID, lineA[len(lineA)-1].Clinician)
	}
	// The listing and the warning each name it: one command, said twice.
	var cmds []string
	for _, c := range regexp.MustCompile(`(?m)^ +digicheck push.*$`).FindAllString(pasted(flagged["command"]), -1) {
		if c = strings.TrimSpace(c); !slices.Contains(cmds, c) {
			cmds = append(cmds, c)
		}
	}
	if len(cmds) != 1 {
		t.Errorf("the command reader printed %d commands, where one takes the server's version in:\n%s", len(cmds), flagged["command"])
	}
	for _, c := range cmds {
		if out, errs, err := execute(readers["command"], (*app).pushCmd, "", strings.Fields(strings.TrimPrefix(strings.TrimSpace(c), "digicheck push"))...); err != nil {
			t.Errorf("%s on the command reader: %v\n%s%s", strings.TrimSpace(c), err, out, errs)
		}
	}
	takenIn("command", history("command"))
}
