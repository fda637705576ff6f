package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"digicheck/store"
)

// TestTheAmendingMachinesSettleLeavesItsStoreSound (issue 13): the ward
// voided an assessment on server A; the laptop's amendment went to server
// B; the ward settled on B with --keep-mine --void-server-version, a void
// on the laptop's amendment there. The laptop's push to A met the ward's
// void, settled with --keep-server, and ran the two commands printed for
// B: the first took B's void in over the ward's void on A. Every push to
// A after them then said the store was damaged ("amends ..., which is
// neither in the store nor pushed"), which check found sound: B's void
// was to be sent to A on the laptop's amendment, set aside for A. A holds
// the assessment voided already: the store stays sound, push to A sends
// nothing and is clean, and A's void stays current.
func TestTheAmendingMachinesSettleLeavesItsStoreSound(t *testing.T) {
	t.Setenv("COLUMNS", "80")
	A, B, laptop, lst, first := laptopOnTwoServers(t)
	wardPath := filepath.Join(t.TempDir(), "ward.db")
	if _, stderr, err := runStoreCmd(t, wardPath, (*app).historyCmd, first.Patient.Value, "--server", A.Base); err != nil {
		t.Fatalf("history on the ward: %v\n%s", err, stderr)
	}
	wst, err := store.Open(wardPath, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	void := voidOn(t, wst, first.ID, "Sister Okafor")
	pushWith(t, A.Base, wst)
	amended := amendOn(t, lst, first, "amended on the laptop", "Dr Lap")
	lap := laptopApp(laptop, A.Base)
	if out, errs, err := execute(lap, (*app).pushCmd, "", "--server", B.Base); err != nil {
		t.Fatalf("the laptop's push to B: %v\n%s%s", err, out, errs)
	}
	ward := laptopApp(wardPath, A.Base)
	if _, _, err := execute(ward, (*app).pushCmd, "", "--server", B.Base); err == nil {
		t.Fatal("the ward's push to B met no conflict with the laptop's amendment")
	}
	if out, errs, err := execute(ward, (*app).pushCmd, "", "--server", B.Base, "--resolve", void.ID.String()[:13], "--keep-mine", "--void-server-version"); err != nil {
		t.Fatalf("the ward's settle on B: %v\n%s%s", err, out, errs)
	}
	if _, _, err := execute(lap, (*app).pushCmd, ""); err == nil {
		t.Fatal("the laptop's push to A met no conflict with the ward's void")
	}
	out, errs, err := execute(lap, (*app).pushCmd, "", "--resolve", amended.ID.String()[:13], "--keep-server")
	if err != nil {
		t.Fatalf("the laptop's settle on A: %v\n%s%s", err, out, errs)
	}
	settle := out + errs
	var ran []string
	cmds := regexp.MustCompile(`(?m)^ +digicheck push.*$`).FindAllString(pasted(settle), -1)
	if len(cmds) == 0 {
		t.Fatalf("the settle on A printed no command for B:\n%s", settle)
	}
	for _, c := range cmds {
		args := strings.Fields(strings.TrimPrefix(strings.TrimSpace(c), "digicheck push"))
		o, e, err := execute(lap, (*app).pushCmd, "", args...)
		ran = append(ran, c, o+e)
		if err != nil {
			ran = append(ran, err.Error())
		}
	}
	defer func() {
		if t.Failed() {
			t.Logf("the settle on A said:\n%s\nthe commands it printed, and what they said:\n%s", settle, strings.Join(ran, "\n"))
		}
	}()
	for i := range 2 {
		o, e, err := execute(lap, (*app).pushCmd, "")
		if err != nil {
			t.Fatalf("push %d to A after the printed commands: %v\n%s%s", i+1, err, o, e)
		}
		if strings.Contains(o+e, "damaged") {
			t.Fatalf("push %d to A calls the store damaged:\n%s%s", i+1, o, e)
		}
	}
	if o, e, err := execute(lap, (*app).checkCmd, ""); err != nil {
		t.Fatalf("check: %v\n%s%s", err, o, e)
	}
	lineA := voidedThroughout(t, A.Base, first.ID)
	if cur := lineA[len(lineA)-1]; cur.ID != void.ID {
		t.Errorf("A's current version is %s (%s), not the ward's void %s: a second void was sent over it", cur.ID.String()[:13], cur.Status, void.ID.String()[:13])
	}
	for _, r := range lineA {
		if r.ID == amended.ID {
			t.Errorf("A holds the laptop's amendment %s, set aside for A", amended.ID.String()[:13])
		}
	}
	voidedThroughout(t, B.Base, first.ID)
}
