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

// twoCorrections is a laptop whose amendment of an assessment (its
// reason only) is in conflict with the ward's, which changed the answers
// (by Sister Okafor): the laptop's app, store, and the two amendments.
func twoCorrections(t *testing.T) (a *app, lst *store.Store, onWard, onLaptop record.Record) {
	t.Helper()
	return twoCorrectionsWith(t, nil)
}

// twoCorrectionsWith is twoCorrections with the laptop's amendment
// changed by change, when set, before it is saved; onWard is then the
// ward's amendment with the laptop's change too, the version both amend
// is first.
func twoCorrectionsWith(t *testing.T, change func(first, onWard record.Record) record.Record) (a *app, lst *store.Store, onWard, onLaptop record.Record) {
	t.Helper()
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
	onWard = testkit.Assessed(t, testkit.Included(nil))
	onWard.Patient, onWard.Amends, onWard.AmendReason, onWard.Clinician = first.Patient, first.ID, "answers corrected on the ward", "Sister Okafor"
	if err := wst.Amend(&onWard); err != nil {
		t.Fatal(err)
	}
	if len(answerDiffs(first, onWard)) == 0 {
		t.Fatal("the ward's amendment changes no answer")
	}
	pushWith(t, srv.Base, wst)
	if change == nil {
		onLaptop = amendOn(t, lst, first, "amended on the laptop", "Nurse Bea")
	} else {
		onLaptop = change(first, onWard)
		onLaptop.ID, onLaptop.Amends, onLaptop.AmendReason, onLaptop.Clinician = record.ID{}, first.ID, "ethnic group corrected", "Nurse Bea"
		if err := lst.Amend(&onLaptop); err != nil {
			t.Fatal(err)
		}
	}
	a = laptopApp(laptop, srv.Base)
	if _, _, err := execute(a, (*app).pushCmd, ""); err == nil {
		t.Fatal("the laptop's push met no conflict")
	}
	return a, lst, onWard, onLaptop
}

// TestSettlingAConflictOfTwoCorrectionsSaysWhatTheOtherChangedAndHowToApplyIt:
// the nurse's and the ward's amendments of one assessment were in
// conflict; --keep-mine saved the nurse's over the ward's, whose
// correction (a trust barrier, a referral) then stood in history only, and
// nothing after the settle said so. Either settle now lists the answers of
// the version not kept that differ from those now current, whose they
// are, and the amend command that would apply them.
func TestSettlingAConflictOfTwoCorrectionsSaysWhatTheOtherChangedAndHowToApplyIt(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	for _, keep := range []string{"--keep-mine", "--keep-server"} {
		a, lst, onWard, onLaptop := twoCorrections(t)
		out, stderr, err := execute(a, (*app).pushCmd, "", "--resolve", onLaptop.ID.String()[:13], keep)
		all := strings.Join(strings.Fields(strings.ReplaceAll(out, "\\\n", " ")), " ")
		if err != nil {
			t.Fatalf("%s: %v\n%s%s", keep, err, out, stderr)
		}
		if testing.Verbose() {
			t.Logf("%s:\n%s", keep, out)
		}
		cur, err := lst.Current(onLaptop.ID)
		if err != nil {
			t.Fatal(err)
		}
		if keep == "--keep-server" {
			// The laptop's amendment changed its reason only: it
			// changed no answer of the version both amended, and so
			// nothing of it is to be applied again.
			if strings.Contains(all, "Not kept:") {
				t.Errorf("%s: the settle lists answers of a version that changed none:\n%s", keep, out)
			}
			continue
		}
		d := answerDiffs(cur, onWard)
		if len(d) == 0 {
			t.Fatalf("%s: the version kept has the answers of the one not kept", keep)
		}
		for _, want := range []string{"Not kept: Sister Okafor's version, which changed what is below from the version it amended", d[0].field, "not current: " + d[0].theirs, "digicheck amend " + cur.ID.String()[:13]} {
			if !strings.Contains(all, want) {
				t.Errorf("%s: the settle does not say %q:\n%s", keep, want, out)
			}
		}
	}
}

// TestSettlingTwoCorrectionsListsOnlyWhatTheVersionNotKeptChanged: the
// laptop corrected the ethnic group, the ward other answers; kept over
// the ward's, the settle listed the ethnic group too, as the ward's
// "not current" answer, though the ward never changed it (it was the
// answer both had before), and amending as advised put the stale answer
// back over the laptop's correction. Only what the ward's version changed
// from the version both amended is listed, each with what it was before.
func TestSettlingTwoCorrectionsListsOnlyWhatTheVersionNotKeptChanged(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	a, lst, onWard, onLaptop := twoCorrectionsWith(t, func(first, onWard record.Record) record.Record {
		if !slices.Equal(first.Answers[questionnaire.LinkEthnicity], onWard.Answers[questionnaire.LinkEthnicity]) {
			t.Fatal("the ward changed the ethnic group too")
		}
		r := first
		r.Answers = maps.Clone(first.Answers)
		r.Answers[questionnaire.LinkEthnicity] = []string{"R"} // Other: Chinese
		return r
	})
	out, stderr, err := execute(a, (*app).pushCmd, "", "--resolve", onLaptop.ID.String()[:13], "--keep-mine")
	if err != nil {
		t.Fatalf("%v\n%s%s", err, out, stderr)
	}
	all := strings.Join(strings.Fields(strings.ReplaceAll(out, "\\\n", " ")), " ")
	cur, err := lst.Current(onLaptop.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := cur.Answers[questionnaire.LinkEthnicity]; !slices.Equal(got, []string{"R"}) {
		t.Fatalf("the laptop's version kept has ethnic group %v", got)
	}
	if strings.Contains(all, "What is your ethnic group?") {
		t.Errorf("the settle lists the ethnic group, which the ward's version never changed, as the ward's:\n%s", out)
	}
	d := answerDiffs(cur, onWard)
	listed := 0
	for _, x := range d {
		if strings.Contains(all, x.field+" current: "+x.mine+" not current: "+x.theirs+" before it:") {
			listed++
		}
	}
	if listed == 0 {
		t.Errorf("the settle does not list the ward's changes with what they were before (%d answers differ):\n%s", len(d), out)
	}
}
