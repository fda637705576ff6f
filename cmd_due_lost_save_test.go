package main

import (
	"errors"
	"os"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// A store whose newer meta page is damaged is read as it was one save
// earlier: where that save was a void ("entered for wrong patient"), due
// listed the voided assessment as the patient's current one, with a review
// date, exit 0 and not a word, even after check had found the damage. Due
// now does as history and show do: it stops, naming --read-damaged, and
// with it lists what it can with the warning; a damaged older meta page,
// which loses nothing, is warned of as export warns.
func TestDueStopsWhenTheNewestSaveMayBeMissingAndNeverListsAVoidedAssessmentSilently(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 1)
	// Two patients: the second's assessment, saved first, stays sound.
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	other := testkit.Assessed(t, testkit.Offline(nil))
	other.Patient = record.PatientID{Kind: other.Patient.Kind, Value: "9990000026"}
	if err := st.Save(&other); err != nil {
		t.Fatal(err)
	}
	rs = append(rs, other)
	voided := rs[0]
	if _, _, err := runStoreCmd(t, path, (*app).voidCmd, voided.ID.String(), "--reason", "entered for wrong patient", "--clinician", "Dr Void Test"); err != nil {
		t.Fatal(err)
	}
	patient := voided.Patient.String()
	if out, _, err := runStoreCmd(t, path, (*app).dueCmd, "--within", "3660"); err != nil || strings.Contains(out, patient) {
		t.Fatalf("due of the sound store = %v, listing the voided patient %s:\n%s", err, patient, out)
	}
	pristine := fileBytes(t, path)
	testkit.FlipMetaTxidBit(t, path, true)
	// Before check and after it (its .damaged note beside the store).
	var out, stderr string
	for _, after := range []string{"before check", "after check"} {
		if after == "after check" {
			runStoreCmd(t, path, (*app).checkCmd)
		}
		for _, format := range []string{"text", "csv"} {
			out, stderr, err = runStoreCmd(t, path, (*app).dueCmd, "--within", "3660", "--format", format)
			if !errors.Is(err, store.ErrDamaged) || !strings.Contains(err.Error(), "--read-damaged") {
				t.Errorf("due (%s, %s) of a store whose newest meta page is damaged = %v; want it stopped as damaged, naming --read-damaged\n%s", format, after, err, out)
			}
			if strings.Contains(out, voided.Patient.Value) || strings.Contains(out, patient) {
				t.Errorf("due (%s, %s) listed the patient whose assessment was voided in the lost save:\n%s", format, after, out)
			}
			if !strings.Contains(stderr, "may be missing its newest save") {
				t.Errorf("due (%s, %s): no plain warning of the missing save:\n%s", format, after, stderr)
			}
			out, stderr, err = runStoreCmd(t, path, (*app).dueCmd, "--within", "3660", "--format", format, "--read-damaged")
			if err != nil || !strings.Contains(stderr, "may lack the newest save") {
				t.Errorf("due --read-damaged (%s, %s) = %v; want it listed, with a warning:\n%s", format, after, err, stderr)
			}
			if !strings.Contains(out, rs[1].Patient.Value) && !strings.Contains(out, rs[1].Patient.String()) {
				t.Errorf("due --read-damaged (%s, %s) does not list the sound patient:\n%s", format, after, out)
			}
		}
	}

	// The older page: nothing is missing, so due warns and lists.
	if err := os.WriteFile(path, []byte(pristine), 0o600); err != nil {
		t.Fatal(err)
	}
	os.Remove(store.DamageNote(path))
	testkit.FlipMetaTxidBit(t, path, false)
	out, stderr, err = runStoreCmd(t, path, (*app).dueCmd, "--within", "3660")
	if err != nil || !strings.Contains(stderr, "nothing saved is missing") {
		t.Errorf("due of a store whose older meta page is damaged = %v; want a warning that nothing is missing, and the list:\n%s", err, stderr)
	}
	if strings.Contains(out, patient) || !strings.Contains(out, rs[1].Patient.String()) {
		t.Errorf("due of a store whose older meta page is damaged does not list the sound patient alone:\n%s", out)
	}
}

// On the same store, amend and void of the version the lost save wrote
// said only 'no record with id', and followup of a patient whose every
// assessment was in the lost saves 'has no earlier assessment ... start a
// new assessment': a clinician told so may start a fresh baseline. Each
// now says the store is damaged and may be missing its newest save.
func TestAmendVoidAndFollowupOfWhatALostSaveHeldSayTheStoreIsDamaged(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 1)
	// The newer meta page is written by the last save: a second
	// patient's assessment, saved after the first's void.
	if _, _, err := runStoreCmd(t, path, (*app).voidCmd, rs[0].ID.String(), "--reason", "entered for wrong patient", "--clinician", "Dr Void Test"); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	late := testkit.Assessed(t, testkit.Offline(nil))
	late.Patient = record.PatientID{Kind: late.Patient.Kind, Value: "9990000026"}
	if err := st.Save(&late); err != nil {
		t.Fatal(err)
	}
	testkit.FlipMetaTxidBit(t, path, true)

	damaged := func(what string, err error) {
		t.Helper()
		if err == nil || !errors.Is(err, store.ErrDamaged) || !strings.Contains(err.Error(), "damaged") || !strings.Contains(err.Error(), "newest save") {
			t.Errorf("%s on a store that may be missing its newest save = %v; want it said damaged, the newest save maybe missing", what, err)
		}
		if err != nil && (strings.Contains(err.Error(), "no earlier assessment") || strings.HasPrefix(err.Error(), "no record")) {
			t.Errorf("%s says the record or patient is not there: %v", what, err)
		}
	}
	_, _, err = runStoreCmd(t, path, (*app).voidCmd, late.ID.String(), "--reason", "wrong patient", "--clinician", "Dr Void Test")
	damaged("void of the record the lost save wrote", err)
	_, _, err = runStoreCmd(t, path, (*app).amendCmd, late.ID.String(), "--reason", "wrong answer", "--clinician", "Dr Void Test")
	damaged("amend of the record the lost save wrote", err)
	_, _, err = runStoreCmdIn(t, path, "", (*app).followupCmd, late.Patient.Value)
	damaged("followup of the patient the lost save held", err)
}
