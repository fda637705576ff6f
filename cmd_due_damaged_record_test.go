package main

import (
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// One record among many that fails its checksum made due refuse the whole
// review list, exit 1, until the store was restored. Due now lists the
// sound patients, names on standard error each record it could not read,
// saying that its patient's review state cannot be known and the list may
// lack a patient or show one from an assessment since changed, and ends
// with exit status 1, as an export of the store does: the review list is
// clinical, and a damaged record is never silently dropped.
func TestDueListsTheSoundPatientsAndNamesADamagedRecordNotRefusingTheWholeList(t *testing.T) {
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
	testkit.TamperJSON(t, path, "records", rs[0].ID.String(), func(r *record.Record) { r.Clinician = "Someone Else" })
	for _, format := range []string{"text", "csv"} {
		out, stderr, err := runStoreCmd(t, path, (*app).dueCmd, "--within", "3660", "--format", format)
		if err == nil {
			t.Errorf("due (%s) with a damaged record ended as a success; want exit 1, as an export does", format)
		}
		if !strings.Contains(out, other.Patient.Value) && !strings.Contains(out, other.Patient.String()) {
			t.Errorf("due (%s) does not list the sound patient:\n%s\n%s", format, out, stderr)
		}
		if !strings.Contains(stderr, rs[0].ID.String()) || !strings.Contains(stderr, "cannot be known") {
			t.Errorf("due (%s) does not name the damaged record and say its patient's review state cannot be known:\n%s", format, stderr)
		}
	}
}
