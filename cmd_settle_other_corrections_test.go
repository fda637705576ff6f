package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// twoCorrections is a laptop whose amendment of an assessment (its
// reason only) is in conflict with the ward's, which changed the answers
// (by Sister Okafor): the laptop's app, store, and the two amendments.
func twoCorrections(t *testing.T) (a *app, lst *store.Store, onWard, onLaptop record.Record) {
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
	onLaptop = amendOn(t, lst, first, "amended on the laptop", "Nurse Bea")
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
		other, whose := onWard, "Sister Okafor's"
		if keep == "--keep-server" {
			other, whose = onLaptop, "this machine's"
		}
		d := answerDiffs(cur, other)
		if len(d) == 0 {
			t.Fatalf("%s: the version kept has the answers of the one not kept", keep)
		}
		for _, want := range []string{"Not kept: " + whose + " version, which answered differently", d[0].field, "not current: " + d[0].theirs, "digicheck amend " + cur.ID.String()[:13]} {
			if !strings.Contains(all, want) {
				t.Errorf("%s: the settle does not say %q:\n%s", keep, want, out)
			}
		}
	}
}
