package main

import (
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// TestDueNeverListsAPatientFromAVersionAnUnreadableRecordSuperseded: an
// assessment voided as "wrong patient", its void then made unreadable by
// one flipped bit, was listed by due as the patient's current assessment,
// an ordinary row in the table and the CSV, though the store's links say
// the void superseded it (history, export and summary know). Its patient
// is left out of the list and named on standard error, with why, and due
// ends with exit status 1; the sound patient is listed as before.
func TestDueNeverListsAPatientFromAVersionAnUnreadableRecordSuperseded(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 1)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	other := testkit.Assessed(t, testkit.Offline(nil))
	other.Patient = record.PatientID{Kind: other.Patient.Kind, Value: "9990000026"}
	if err := st.Save(&other); err != nil {
		t.Fatal(err)
	}
	v, err := st.Void(rs[0].ID, store.Voiding{Reason: "wrong patient", Clinician: "Dr V"})
	if err != nil {
		t.Fatal(err)
	}
	testkit.TamperJSON(t, path, "records", v.ID.String(), func(r *record.Record) { r.Clinician = "Someone Else" })
	voided := rs[0].Patient
	for _, format := range []string{"text", "csv"} {
		out, stderr, err := runStoreCmd(t, path, (*app).dueCmd, "--within", "3660", "--format", format)
		if err == nil {
			t.Errorf("due (%s) with an unreadable void ended as a success; want exit 1", format)
		}
		if !strings.Contains(out, other.Patient.Value) && !strings.Contains(out, other.Patient.String()) {
			t.Errorf("due (%s) does not list the sound patient:\n%s\n%s", format, out, stderr)
		}
		if strings.Contains(out, voided.Value) || strings.Contains(out, voided.String()) || strings.Contains(out, rs[0].ID.String()) {
			t.Errorf("due (%s) lists patient %s from the version an unreadable record superseded:\n%s", format, voided, out)
		}
		if !strings.Contains(stderr, voided.String()) || !strings.Contains(stderr, v.ID.String()) {
			t.Errorf("due (%s) does not name patient %s, left out for the unreadable record %s:\n%s", format, voided, v.ID, stderr)
		}
	}
}
