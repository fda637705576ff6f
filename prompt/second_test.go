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
// a second assessment; at a terminal, a "1" typed ahead with the one that
// chose Save answered that question too, and a second, unlinked
// assessment was saved past a warning never read.
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
	// Save, and a 1 typed with it; then, the question read, 1 again.
	bs := []burst{{after: 3 * typedAhead, text: "1\n1\n"}, {after: 3 * typedAhead, text: "1\n"}}
	p := &prompter{in: bufio.NewReader(&keys{bursts: bs}), out: &out, tty: true, fd: -1,
		second: "This patient was assessed after this draft was started."}
	p.o.Save = func(*record.Record) error { saves++; return nil }
	var saved record.Record
	if err := (&flow{p: p, s: s, gate: map[int]bool{}}).save(&saved); err != nil {
		t.Fatalf("save: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "Not taken: that answer was typed before this question was shown.") {
		t.Errorf("the answer typed ahead of the second-assessment question was taken:\n%s", out.String())
	}
	if saves != 1 {
		t.Errorf("%d saves, want 1", saves)
	}
}
