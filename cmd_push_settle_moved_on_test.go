package main

import (
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// changedOn saves on st, as clinician, an amendment of prev for reason,
// its answer link set to value (which must differ from prev's).
func changedOn(t *testing.T, st *store.Store, prev record.Record, link, value, reason, clinician string) record.Record {
	t.Helper()
	if slices.Equal(prev.Answers[link], []string{value}) {
		t.Fatalf("%s is %s already", link, value)
	}
	r := prev
	r.Answers = maps.Clone(prev.Answers)
	r.Answers[link] = []string{value}
	r.ID, r.Amends, r.AmendReason, r.Clinician = record.ID{}, prev.ID, reason, clinician
	if err := st.Amend(&r); err != nil {
		t.Fatal(err)
	}
	return r
}

// fieldsChanged is the questions (as the settle names them) whose
// answers differ between from and to.
func fieldsChanged(t *testing.T, from, to record.Record) []string {
	t.Helper()
	var out []string
	for _, d := range answerDiffs(from, to) {
		out = append(out, d.field)
	}
	if len(out) == 0 {
		t.Fatalf("record %s changes no answer of %s", to.ID, from.ID)
	}
	return out
}

// flat is out with its lines joined and its spaces single, as a reader
// reads it whatever the width.
func flat(out string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(out, "\\\n", " ")), " ")
}

// TestKeepMineAfterTheServerMovedOnSinceItWasShownIsRefusedAndListsEveryCorrection:
// the laptop's amendment met the ward's correction as a conflict, and
// push --conflicts showed the ward's version; the ward then amended
// again. --keep-mine settled over that newer version, never shown, and
// "Not kept" listed only its own change, not the ward's first correction
// it overrode too. Now the settle refuses, changing nothing, naming the
// newer version, who made it, and the command to look again; once it is
// shown, the settle lists every change of the ward's line from the
// version both lines amended.
func TestKeepMineAfterTheServerMovedOnSinceItWasShownIsRefusedAndListsEveryCorrection(t *testing.T) {
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
	onWard := testkit.Assessed(t, testkit.Included(nil))
	onWard.Patient, onWard.Amends, onWard.AmendReason, onWard.Clinician = first.Patient, first.ID, "answers corrected on the ward", "Sister Okafor"
	if err := wst.Amend(&onWard); err != nil {
		t.Fatal(err)
	}
	pushWith(t, srv.Base, wst)
	onLaptop := amendOn(t, lst, first, "amended on the laptop", "Nurse Bea")
	a := laptopApp(laptop, srv.Base)
	if _, _, err := execute(a, (*app).pushCmd, ""); err == nil {
		t.Fatal("the laptop's push met no conflict")
	}
	shown, stderr, err := execute(a, (*app).pushCmd, "", "--conflicts")
	if err != nil {
		t.Fatalf("--conflicts: %v\n%s", err, stderr)
	}
	if !strings.Contains(shown, "Sister Okafor") {
		t.Fatalf("--conflicts does not show the ward's version:\n%s", shown)
	}

	// The ward corrects the ethnic group too, and sends it.
	again := changedOn(t, wst, onWard, questionnaire.LinkEthnicity, "R", "ethnic group corrected", "Dr Nwosu")
	pushWith(t, srv.Base, wst)

	out, stderr, err := execute(a, (*app).pushCmd, "", "--resolve", onLaptop.ID.String()[:13], "--keep-mine")
	all := flat(out + stderr)
	if err != nil {
		all += " " + flat(err.Error())
	}
	if err == nil {
		t.Errorf("--keep-mine settled over a server version --conflicts never showed:\n%s", all)
	} else if testing.Verbose() {
		t.Logf("refused:\n%v", err)
	}
	for _, want := range []string{again.ID.String()[:13], "Dr Nwosu", "digicheck push --conflicts", "Nothing was changed"} {
		if !strings.Contains(all, want) {
			t.Errorf("the refusal does not say %q:\n%s", want, all)
		}
	}
	if cur, err := lst.Current(onLaptop.ID); err != nil || cur.ID != onLaptop.ID {
		t.Errorf("after the refusal the current version here is %s (%v), want the laptop's %s unchanged", cur.ID, err, onLaptop.ID)
	}
	if _, ok := conflictOf(lst, srv.Base, onLaptop.ID); !ok {
		t.Error("after the refusal the conflict no longer stands")
	}

	// Shown now, it is settled, and every correction of the ward's line
	// overridden is listed, each with what it was before both.
	if _, stderr, err := execute(a, (*app).pushCmd, "", "--conflicts"); err != nil {
		t.Fatalf("--conflicts: %v\n%s", err, stderr)
	}
	out, stderr, err = execute(a, (*app).pushCmd, "", "--resolve", onLaptop.ID.String()[:13], "--keep-mine")
	if err != nil {
		t.Fatalf("--keep-mine once shown: %v\n%s%s", err, out, stderr)
	}
	if testing.Verbose() {
		t.Logf("settled:\n%s", out)
	}
	all = flat(out)
	notKept := all[max(strings.Index(all, "Not kept:"), 0):]
	if !strings.Contains(all, "Not kept:") {
		t.Fatalf("the settle lists nothing not kept:\n%s", out)
	}
	for _, f := range append(fieldsChanged(t, first, onWard), fieldsChanged(t, onWard, again)...) {
		if !strings.Contains(notKept, f) {
			t.Errorf("\"Not kept\" leaves out %q, which the ward's line changed and the kept version overrides:\n%s", f, out)
		}
	}
	if !strings.Contains(notKept, first.ID.String()[:13]) {
		t.Errorf("\"Not kept\" does not name the version both lines amended, %s:\n%s", first.ID.String()[:13], out)
	}
}

// TestKeepServerListsEveryChangeOfThisMachinesLineNotKept: the laptop
// amended an assessment twice before its push met the ward's correction
// as a conflict. --keep-server set both aside but listed only what the
// second changed from the first, not the first's own correction: it too
// is overridden, and is listed, from the version both lines amended.
func TestKeepServerListsEveryChangeOfThisMachinesLineNotKept(t *testing.T) {
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
	onWard := amendOn(t, wst, first, "amended on the ward", "Sister Okafor")
	pushWith(t, srv.Base, wst)
	one := changedOn(t, lst, first, questionnaire.LinkEthnicity, "R", "ethnic group corrected", "Nurse Bea")
	two := changedOn(t, lst, one, questionnaire.LinkDisability, questionnaire.PreferNotSay, "disability answer corrected", "Nurse Bea")
	a := laptopApp(laptop, srv.Base)
	if _, _, err := execute(a, (*app).pushCmd, ""); err == nil {
		t.Fatal("the laptop's push met no conflict")
	}
	if _, stderr, err := execute(a, (*app).pushCmd, "", "--conflicts"); err != nil {
		t.Fatalf("--conflicts: %v\n%s", err, stderr)
	}
	out, stderr, err := execute(a, (*app).pushCmd, "", "--resolve", two.ID.String()[:13], "--keep-server")
	if err != nil {
		t.Fatalf("--keep-server: %v\n%s%s", err, out, stderr)
	}
	if cur, err := lst.Current(two.ID); err != nil || cur.ID != onWard.ID {
		t.Fatalf("current here is %s (%v), want the ward's %s", cur.ID, err, onWard.ID)
	}
	all := flat(out)
	if !strings.Contains(all, "Not kept:") {
		t.Fatalf("the settle lists nothing not kept:\n%s", out)
	}
	notKept := all[strings.Index(all, "Not kept:"):]
	for _, f := range append(fieldsChanged(t, first, one), fieldsChanged(t, one, two)...) {
		if !strings.Contains(notKept, f) {
			t.Errorf("\"Not kept\" leaves out %q, which this machine's line changed and the server's version kept overrides:\n%s", f, out)
		}
	}
}
