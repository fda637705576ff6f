package main

import (
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// Two windows on one patient, and a new assessment where a follow-up was
// meant, left three assessments of one patient current, disagreeing on
// the contact route: history listed them without a word, and due and
// followup used the newest silently. history now names each that counts
// and whether their routes differ; due marks the row it lists from the
// latest made, and followup says which it follows up.
func TestSeveralCurrentAssessmentsOfOnePatientAreSaidByHistoryDueAndFollowup(t *testing.T) {
	t.Parallel()
	now := time.Now().AddDate(-1, 0, 0)
	path, st, saved := dueStore(t, []duePatient{
		{"TWICE", "Ward 1", now.Add(-2 * time.Hour), dueIn(-1)},
		{"ONCE", "Ward 7", now.Add(-2 * time.Hour), dueIn(-1)},
	})
	// A second, unlinked, of another contact route.
	r := testkit.Assessed(t, testkit.Included(nil))
	r.Patient = record.PatientID{Kind: record.LocalID, Value: "TWICE"}
	r.Team, r.Clinician, r.Time, r.ReviewBy = "Ward 3", "Dr F", now.Add(-time.Hour), dueIn(-2)
	if err := st.Save(&r); err != nil {
		t.Fatal(err)
	}
	// ONCE is followed up: one line of care, nothing to say.
	f := testkit.Assessed(t, testkit.Included(nil))
	f.Patient, f.FollowsUp, f.Time, f.ReviewBy = saved["ONCE"].Patient, saved["ONCE"].ID, now.Add(-time.Hour), dueIn(-1)
	if err := st.Save(&f); err != nil {
		t.Fatal(err)
	}

	out, _, err := runStoreCmd(t, path, (*app).historyCmd, "TWICE")
	if err != nil {
		t.Fatal(err)
	}
	fl := strings.Join(strings.Fields(out), " ")
	for _, w := range []string{"MORE THAN ONE CURRENT: 2 assessments count, none a follow-up of another", "They differ on the contact route.", "followup and due use the latest made, " + r.ID.String()[:8]} {
		if !strings.Contains(fl, w) {
			t.Errorf("history does not say %q:\n%s", w, out)
		}
	}
	if out, _, _ := runStoreCmd(t, path, (*app).historyCmd, "ONCE"); strings.Contains(out, "MORE THAN ONE CURRENT") {
		t.Errorf("history of a patient followed up says more than one is current:\n%s", out)
	}

	_, errOut, _ := runStoreCmdIn(t, path, "q\n", (*app).followupCmd, "TWICE")
	if fl := strings.Join(strings.Fields(errOut), " "); !strings.Contains(fl, "has 2 assessments that count, none a follow-up of another: this uses the latest made, record "+r.ID.String()[:8]) {
		t.Errorf("followup does not say which it follows up:\n%s", errOut)
	}

	out, errOut, err = runStoreCmd(t, path, (*app).dueCmd)
	if err != nil {
		t.Fatal(err)
	}
	var twice, once string
	for _, l := range strings.Split(out, "\n") {
		switch {
		case strings.Contains(l, "TWICE"):
			twice = l
		case strings.Contains(l, "ONCE"):
			once = l
		}
	}
	if !strings.Contains(twice, r.ID.String()[:8]) || !strings.HasSuffix(strings.TrimSpace(twice), "+") || strings.HasSuffix(strings.TrimSpace(once), "+") {
		t.Errorf("due does not mark the row of the patient with two current, from the latest made:\n%s", out)
	}
	if !strings.Contains(errOut, "+ the latest made of the patient's several assessments that count") {
		t.Errorf("due does not say what + means:\n%s", errOut)
	}
	out, _, err = runStoreCmd(t, path, (*app).dueCmd, "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || rows[0][9] != "assessments_unlinked" {
		t.Fatalf("csv: %v\n%s", err, out)
	}
	for _, row := range rows[1:] {
		if want := map[string]string{"TWICE": "2", "ONCE": "1"}[row[3]]; row[9] != want {
			t.Errorf("csv row %v: assessments_unlinked %s, want %s", row, row[9], want)
		}
	}
}
