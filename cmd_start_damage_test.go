package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// Issue 15 (damaged stores, item 3): in a small store the records' only
// page is the one a start looks each draft up in. Zeroed, it stopped the
// nurse starting any assessment: exit 1 at once with bbolt's assertion.
// A start must do as it does for damage anywhere else: warn before the
// first question that the assessment cannot be saved, and keep the answers
// in a file beside the store.
func TestADamagedRecordsPageOfASmallStoreStillLetsAnAssessmentStart(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 6)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := store.Draft{}
	d.Patient = record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
	d.Clinician, d.InstrumentVersion, d.Section = "Nurse Bea", questionnaire.Current.Version, "skills"
	if err := st.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	if err := st.ReleaseDrafts(); err != nil {
		t.Fatal(err)
	}
	zeroRecordsRoot(t, path)

	a := testkit.V2(testkit.Included(questionnaire.Answers{
		questionnaire.LinkTasks: {questionnaire.TaskText}, questionnaire.LinkChoice: {string(questionnaire.RouteApp)},
	}))
	res, err := questionnaire.Current.Assess(a, questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	lines := append(append(append([]string{}, pipedPatient...), pipedAccess...), pipedRest...)
	lines = append(lines, declineShown(len(res.Recommendation.Referrals))...)
	lines = append(lines, "1")
	out, _ := runNewPiped(t, path, strings.Join(lines, "\n")+"\n")
	warn := strings.Index(out, "Warning: this assessment cannot be saved in the store, which is damaged")
	first := strings.Index(out, "Patient identifier")
	if warn < 0 || first < 0 || warn > first {
		t.Fatalf("no warning before the first question (at %d, the question at %d):\n%s", warn, first, out)
	}
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "digicheck-not-saved-*.txt"))
	if len(kept) != 1 || !strings.Contains(out, kept[0]) {
		t.Fatalf("%d files keep the assessment, want 1 named in the output:\n%s", len(kept), out)
	}
	if b := fileBytes(t, kept[0]); !strings.Contains(b, "9434765919") || !strings.Contains(b, `"answers"`) {
		t.Errorf("the kept file lacks the patient or the answers:\n%s", b)
	}
}

// zeroRecordsRoot zeroes the page the records bucket's root is on, a leaf
// in a small store.
func zeroRecordsRoot(t *testing.T, path string) {
	t.Helper()
	f, root, size := openRecordsRoot(t, path)
	if _, err := f.WriteAt(make([]byte, size), root*size); err != nil {
		t.Fatal(err)
	}
}
