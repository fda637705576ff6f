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

// TestAReaderTakesTheServersVoidOverACopyItRead (issue 13): a ward PC on
// server A only read a patient's assessments, the laptop's amendment
// current then. The laptop settled a conflict with the ward's void on
// server B by keeping B's void, and gave A that void as printed; A's void
// rests on the version before the amendment, as B holds it. The reader's
// next history called the laptop's amendment "this machine's amendment",
// current here only, "not sent", in conflict, and the reader could neither
// amend nor void it. A copy read from the server is not this machine's:
// the server's void is taken in over it, with no conflict, and the reader
// holds the assessment entered in error, as A does.
func TestAReaderTakesTheServersVoidOverACopyItRead(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	A, B := fhirserver.Start(t), fhirserver.Start(t)
	laptop, lst, first := agreedToEverything(t)
	pushWith(t, A.Base, lst)
	pushWith(t, B.Base, lst)
	mine := amendOn(t, lst, first, "amended on the laptop", "Dr Lap")
	pushWith(t, A.Base, lst)
	readerPath := filepath.Join(t.TempDir(), "reader.db")
	reader := laptopApp(readerPath, A.Base)
	if _, errs, err := execute(reader, (*app).historyCmd, "", first.Patient.Value); err != nil {
		t.Fatalf("history on the reader: %v\n%s", err, errs)
	}
	_, wst := wardReading(t, B.Base, first)
	voidOn(t, wst, first.ID, "Sister Okafor")
	pushWith(t, B.Base, wst)
	a := laptopApp(laptop, A.Base)
	if _, _, err := execute(a, (*app).pushCmd, "", "--server", B.Base); err == nil {
		t.Fatal("the laptop's push to B met no conflict with the ward's void")
	}
	out, errs, err := execute(a, (*app).pushCmd, "", "--server", B.Base, "--resolve", mine.ID.String()[:13], "--keep-server")
	if err != nil {
		t.Fatalf("keep-server on B: %v\n%s%s", err, out, errs)
	}
	said := out + errs
	for _, c := range regexp.MustCompile(`(?m)^ +digicheck push.*$`).FindAllString(pasted(said), -1) {
		execute(a, (*app).pushCmd, "", strings.Fields(strings.TrimPrefix(strings.TrimSpace(c), "digicheck push"))...)
	}
	lineA := serverLine(t, A.Base, first.ID)
	if cur := lineA[len(lineA)-1]; cur.Status != record.EnteredInError {
		t.Fatalf("A's current version is %s (%s), not the ward's void: the set-up failed", cur.ID, cur.Status)
	}
	out, errs, err = execute(reader, (*app).historyCmd, "", first.Patient.Value)
	if err != nil {
		t.Fatalf("history on the reader after A took the void: %v\n%s", err, errs)
	}
	if testing.Verbose() {
		t.Logf("the reader's history:\n%s%s", out, errs)
	}
	all := strings.Join(strings.Fields(out+errs), " ")
	for _, wrong := range []string{"this machine's amendment", "IN CONFLICT", "NOT CURRENT", "could not take in", "not sent", "never sent"} {
		if strings.Contains(all, wrong) {
			t.Errorf("the reader's history says %q of the laptop's amendment it read from A:\n%s%s", wrong, out, errs)
		}
	}
	rst, err := store.Open(readerPath, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cur, err := rst.Current(first.ID)
	if err != nil || cur.Status != record.EnteredInError {
		t.Errorf("the reader's current version is %s (%s), %v: not A's void", cur.ID, cur.Status, err)
	}
	if known, err := rst.Conflicts(A.Base); err != nil || len(known) != 0 {
		t.Errorf("the reader holds conflicts with A: %v, %v", known, err)
	}
}
