package main

import (
	"encoding/json"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// storeWithUnreadableVoid makes a store of two patients' assessments, the
// first voided as "wrong patient" and that void made unreadable (its
// bytes no longer those it was saved with), as a disk's damage leaves it.
// It returns the store's path, the voided assessment and the void.
func storeWithUnreadableVoid(t *testing.T) (string, record.Record, record.Record) {
	t.Helper()
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
	return path, rs[0], v
}

// TestASummaryNamesTheAssessmentItLeavesOutWhoseLaterVersionCannotBeRead:
// an assessment whose void cannot be read was left out of the counts
// (the store's links say a later version stands over it) and named
// nowhere: standard error named the void alone, the JSON said "skipped": 0
// and nothing else, while due named the patient left out. The summary now
// names the assessment, and the record over it that cannot be read, on
// standard error; every format says in a caveat that assessments are
// left out because the version over them cannot be read; and the JSON of
// an exact summary counts both.
func TestASummaryNamesTheAssessmentItLeavesOutWhoseLaterVersionCannotBeRead(t *testing.T) {
	t.Parallel()
	path, voided, void := storeWithUnreadableVoid(t)
	for _, format := range []string{"table", "csv", "markdown", "json"} {
		out, stderr, err := runStoreCmd(t, path, (*app).summaryCmd, "--from", "2000-01-01", "--exact", "--format", format)
		if err == nil {
			t.Errorf("summary (%s) of a store with an unreadable void ended as a success", format)
		}
		flat := strings.Join(strings.Fields(stderr), " ")
		want := "left out: record " + voided.ID.String() + " (assessment " + voided.ID.String() + "): "
		if !strings.Contains(flat, want) || !strings.Contains(flat[strings.Index(flat+want, want):], void.ID.String()) {
			t.Errorf("summary (%s) does not name the assessment left out for the unreadable record %s over it:\n%s", format, void.ID, stderr)
		}
		if !strings.Contains(strings.Join(strings.Fields(out), " "), "which version is current cannot be known") {
			t.Errorf("summary (%s) output does not say an assessment was left out as its current version cannot be known:\n%.3000s", format, out)
		}
		if format != "json" {
			continue
		}
		var js struct {
			Unreadable     *int `json:"unreadable"`
			CurrentUnknown *int `json:"current_unknown"`
		}
		if err := json.Unmarshal([]byte(out), &js); err != nil {
			t.Fatalf("summary json: %v\n%s", err, out)
		}
		if js.Unreadable == nil || *js.Unreadable != 1 || js.CurrentUnknown == nil || *js.CurrentUnknown != 1 {
			t.Errorf("summary json does not count the record that cannot be read (1) and the assessment left out under it (1): unreadable %v, current_unknown %v", js.Unreadable, js.CurrentUnknown)
		}
	}
}

// TestASummaryLeavingOutAnAmendedAssessmentNamesItsRecordAndTheAssessment:
// the line naming an assessment left out under a version that cannot be
// read said "assessment" of the newest version read, a record id: of an
// amended assessment, the amendment's id, not the assessment's. It now
// names the record as a record, and the assessment (its first version)
// beside it.
func TestASummaryLeavingOutAnAmendedAssessmentNamesItsRecordAndTheAssessment(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 1)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	amended := rs[0]
	amended.ID, amended.Amends, amended.AmendReason = record.ID{}, rs[0].ID, "skills corrected"
	if err := st.Amend(&amended); err != nil {
		t.Fatal(err)
	}
	other := testkit.Assessed(t, testkit.Offline(nil))
	other.Patient = record.PatientID{Kind: other.Patient.Kind, Value: "9990000026"}
	if err := st.Save(&other); err != nil {
		t.Fatal(err)
	}
	v, err := st.Void(amended.ID, store.Voiding{Reason: "wrong patient", Clinician: "Dr V"})
	if err != nil {
		t.Fatal(err)
	}
	testkit.TamperJSON(t, path, "records", v.ID.String(), func(r *record.Record) { r.Clinician = "Someone Else" })
	_, stderr, err := runStoreCmd(t, path, (*app).summaryCmd, "--from", "2000-01-01", "--exact")
	if err == nil {
		t.Errorf("summary of a store with an unreadable void ended as a success")
	}
	flat := strings.Join(strings.Fields(stderr), " ")
	want := "left out: record " + amended.ID.String() + " (assessment " + rs[0].ID.String() + "): a later version of it, record " + v.ID.String() + ", cannot be read"
	if !strings.Contains(flat, want) {
		t.Errorf("summary does not name the amendment left out as a record, with its assessment:\nwant %q in\n%s", want, flat)
	}
	if strings.Contains(flat, "assessment "+amended.ID.String()) {
		t.Errorf("summary calls the amendment's record id an assessment:\n%s", flat)
	}
}
