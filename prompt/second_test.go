package prompt

import (
	"bufio"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// TestSavingASecondAssessmentIsTakenOnlyFromAKeyTypedAfterItsQuestion: a
// draft resumed after its patient was assessed asks before it is saved as
// another assessment; at a terminal, a "1" typed ahead with the one that
// chose Save answered that question too, and a second, unlinked
// assessment was saved past a warning never read. The read-back's one
// question now says it and asks it (as the full screen does), and takes
// only a key typed after it was shown.
func TestSavingASecondAssessmentIsTakenOnlyFromAKeyTypedAfterItsQuestion(t *testing.T) {
	r := testkit.Assessed(t, testkit.Included(nil))
	s := assess.Start(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Clinician: "Dr A", Team: "Ward 7"})
	if err := s.SetPatient(r.Patient, "Dr A", "Ward 7"); err != nil {
		t.Fatal(err)
	}
	for k := range s.Instrument().Sections {
		if err := s.SetSection(k, r.Answers); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Assess(); err != nil {
		t.Fatal(err)
	}
	s.ShowAll(true)
	for i := range s.Referrals() {
		if err := s.SetConsent(i, questionnaire.Declined); err != nil {
			t.Fatal(err)
		}
	}
	var out strings.Builder
	saves := 0
	// A 1 typed before the question was shown; then, the question
	// read, 1 again.
	bs := []burst{{after: 0, text: "1\n"}, {after: 3 * typedAhead, text: "1\n"}}
	p := &prompter{in: bufio.NewReader(&keys{bursts: bs}), out: &out, tty: true, fd: -1,
		second: "This patient was assessed after this draft was started."}
	p.o.Save = func(*record.Record) error { saves++; return nil }
	var saved record.Record
	if err := (&flow{p: p, s: s, gate: map[int]bool{}}).save(&saved); err != nil {
		t.Fatalf("save: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "Not taken: that answer was typed before this question was shown.") {
		t.Errorf("the answer typed ahead of the question that saves another assessment was taken:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "Save these answers as another assessment of this patient?") {
		t.Errorf("the read-back does not ask to save another assessment:\n%s", out.String())
	}
	if saves != 1 {
		t.Errorf("%d saves, want 1", saves)
	}
}
