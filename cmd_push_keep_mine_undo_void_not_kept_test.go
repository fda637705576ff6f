package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/store"
)

// TestKeepMineUndoingAVoidListsTheCorrectionMadeBeforeTheVoid: the ward
// corrected an answer of the assessment and then voided it; the laptop's
// amendment met that void as a conflict. --keep-mine --undo-void printed
// no "Not kept" list: the ward's correction was dropped without a word.
// Now every change of the ward's line since the version both lines
// amended is listed, the correction (with what it was before) and the
// void (by whom, and why), with both versions named.
func TestKeepMineUndoingAVoidListsTheCorrectionMadeBeforeTheVoid(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	_, wst, first := agreedToEverything(t)
	pushWith(t, srv.Base, wst)
	laptop := filepath.Join(t.TempDir(), "laptop.db")
	if _, stderr, err := runStoreCmd(t, laptop, (*app).historyCmd, first.Patient.Value, "--server", srv.Base); err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	lst, err := store.Open(laptop, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	corrected := changedOn(t, wst, first, questionnaire.LinkEthnicity, "R", "ethnic group corrected", "Sister Okafor")
	voided := voidOn(t, wst, corrected.ID, "Dr Nwosu")
	pushWith(t, srv.Base, wst)
	onLaptop := amendOn(t, lst, first, "amended on the laptop", "Nurse Bea")
	a := laptopApp(laptop, srv.Base)
	if _, _, err := execute(a, (*app).pushCmd, ""); err == nil {
		t.Fatal("the laptop's push met no conflict")
	}
	if _, stderr, err := execute(a, (*app).pushCmd, "", "--conflicts"); err != nil {
		t.Fatalf("--conflicts: %v\n%s", err, stderr)
	}
	out, stderr, err := execute(a, (*app).pushCmd, "", "--resolve", onLaptop.ID.String()[:13], "--keep-mine", "--undo-void")
	if err != nil {
		t.Fatalf("--keep-mine --undo-void: %v\n%s%s", err, out, stderr)
	}
	if testing.Verbose() {
		t.Logf("settled:\n%s", out)
	}
	all := flat(out)
	if !strings.Contains(all, "Not kept:") {
		t.Fatalf("the settle lists nothing not kept, though the ward corrected an answer before its void:\n%s", out)
	}
	notKept := all[strings.Index(all, "Not kept:"):]
	want := append(fieldsChanged(t, first, corrected),
		first.ID.String()[:13], corrected.ID.String()[:13], voided.ID.String()[:13],
		"Sister Okafor", "Dr Nwosu", "wrong patient", "entered in error")
	for _, w := range want {
		if !strings.Contains(notKept, w) {
			t.Errorf("\"Not kept\" does not say %q:\n%s", w, out)
		}
	}
}
