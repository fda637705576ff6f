package prompt

import (
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/record"
)

// The plain prompts' list of drafts said "saving it would make a second
// assessment of this patient" of a draft whose patient had 3 current
// assessments already (saved, it made a 4th), and so did the question
// after it was chosen. The count is not the list's to know: it says
// another assessment, as the read-back does.
func TestADraftOfAPatientAssessedThreeTimesIsNotSaidToMakeASecond(t *testing.T) {
	t.Parallel()
	pt := record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
	var s saver
	o := options(&s)
	o.DraftsFromInput = true // the list is offered to the answers piped in
	o.Assessed = func(record.PatientID) ([]assess.Assessed, error) {
		return []assess.Assessed{
			assessedOne(t, pt, time.Date(2026, 11, 1, 9, 0, 0, 0, time.Local)),
			assessedOne(t, pt, time.Date(2026, 11, 8, 9, 0, 0, 0, time.Local)),
			assessedOne(t, pt, time.Date(2026, 11, 15, 9, 0, 0, 0, time.Local)),
		}, nil
	}
	o.Drafts = []Resume{{
		Label:  "Patient 943 476 5919, kept 14 Nov 10:05 by Nurse D",
		Draft:  draft(pt, "Nurse D", "Ward D", firstTwoSections(), "skills"),
		Second: "This patient was assessed on 15 Nov 2026 at 09:00 (record 01a2), after this draft was started.",
	}}
	var out strings.Builder
	Run(o, strings.NewReader("2\n"), &out) // the draft; the input ends at what to do with it
	said := strings.Join(strings.Fields(out.String()), " ")
	if strings.Contains(said, "second assessment") {
		t.Errorf("a draft of a patient with 3 current assessments is said to make a second:\n%s", out.String())
	}
	for _, want := range []string{
		"saving it would make another assessment of this patient",
		"after this draft was started. Saving it would make another assessment of this patient.",
	} {
		if !strings.Contains(said, want) {
			t.Errorf("the draft's list or question does not say %q:\n%s", want, out.String())
		}
	}
}

// Save chosen again after a refusal, on a patient three other windows
// assessed meanwhile, said "Saving it makes a second assessment of this
// patient": it made a 4th. It says another.
func TestASaveRetriedAfterThreeAssessmentsMeanwhileIsNotSaidToMakeASecond(t *testing.T) {
	st := &heldStore{file: "/wards/digicheck-not-saved-x.txt"}
	r := testkit.Assessed(t, testkit.Included(nil))
	var others []assess.Assessed
	for i := range 3 {
		others = append(others, assessedOne(t, r.Patient, time.Now().Add(time.Duration(i+1)*time.Minute)))
	}
	said, err := retryFlow(t, st, []string{"1", "1", "1", "1", "1", "1"}, map[int]func(){
		1: func() { st.held, st.as = false, others },
	})
	if err != nil {
		t.Fatalf("save: %v\n%s", err, said)
	}
	if !strings.Contains(said, "Not saved yet.") {
		t.Fatalf("the retry does not say the assessments saved meanwhile:\n%s", said)
	}
	if strings.Contains(said, "second assessment") || !strings.Contains(said, "Saving it makes another assessment of this patient") {
		t.Errorf("the retry, on a patient with 3 current assessments, does not say it makes another:\n%s", said)
	}
}
