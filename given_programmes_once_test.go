package main

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// A command that carries this run's flags already is left as it is: with
// --programmes the only flag given (the store named by DIGICHECK_DB, as a
// ward's shortcut names it), a refusal's "digicheck new --programmes
// p.toml" was given it again when the error was printed, and read
// "digicheck new --programmes p.toml --programmes p.toml".
func TestACommandCarryingTheRunsFlagsIsNotGivenThemAgain(t *testing.T) {
	t.Parallel()
	for _, given := range []string{" --programmes p.toml", " --db d.db --programmes p.toml", " --config site.toml"} {
		once := withGiven("start a new assessment with digicheck new (its answers are kept)", given)
		if want := "digicheck new" + given + " (its"; !strings.Contains(once, want) {
			t.Fatalf("given %q: %q, want %q in it", given, once, want)
		}
		if twice := withGiven(once, given); twice != once {
			t.Errorf("given %q, a command carrying it already is given it again:\n%s", given, twice)
		}
	}
}

// followup's refusal on a page that cannot be read, where the patient's
// history finds no record it cannot read: the clinician's words first,
// bbolt's words for IT once, after them. The part for IT was said twice,
// the first time with "Nothing was written to it" after it.
func TestFollowupSaysThePartForITOnceWhereNoRecordIsFoundUnreadable(t *testing.T) {
	t.Parallel()
	st, err := store.Open(filepath.Join(t.TempDir(), "digicheck.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := testkit.Assessed(t, testkit.Offline(nil))
	if err := st.Save(&r); err != nil {
		t.Fatal(err)
	}
	raw := errors.New("the digicheck store d.db is damaged: " + storePageUnread + " (for IT: bbolt: runtime error: slice bounds out of range [::5487737264] with length 2147483647). Nothing was written to it")
	said := latestUnreadWords(st, r.Patient, raw, "").Error()
	if n := strings.Count(said, "for IT"); n != 1 {
		t.Errorf("the part for IT is said %d times, want once:\n%s", n, said)
	}
	if i, j := strings.Index(said, "cannot be read"), strings.Index(said, "for IT"); i < 0 || j < i {
		t.Errorf("the clinician's words do not come before the part for IT:\n%s", said)
	}
	if !strings.Contains(said, record.PatientID(r.Patient).String()) {
		t.Errorf("the refusal does not name the patient whose page cannot be read:\n%s", said)
	}
}
