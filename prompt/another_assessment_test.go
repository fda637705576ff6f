package prompt

import (
	"bufio"
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// answeredToSave gives s every answer of r and declines each referral,
// so that it is ready to save.
func answeredToSave(t *testing.T, s *assess.Session, r record.Record) {
	t.Helper()
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
}

// The plain prompts asked twice before saving what makes another
// assessment of the patient (the read-back's question, then "Save these
// answers as a second assessment?"), where the full screen asks once, on
// the read-back, and the same keys must save the same; and they said
// "second" of a patient with two current assessments already. The
// read-back's one question asks it, with the count left to the words
// before it.
func TestThePromptsAskOnceOnTheReadBackBeforeSavingAnotherAssessment(t *testing.T) {
	r := testkit.Assessed(t, testkit.Included(nil))
	first := assessedOne(t, r.Patient, time.Date(2026, 12, 1, 9, 0, 0, 0, time.Local))
	second := assessedOne(t, r.Patient, time.Date(2026, 12, 3, 9, 0, 0, 0, time.Local))
	s := assess.Start(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Clinician: "Dr A", Team: "Ward 1"})
	if err := s.SetPatient(r.Patient, "Dr A", "Ward 1"); err != nil {
		t.Fatal(err)
	}
	s.NotLookedUp() // the store held as the patient was given
	answeredToSave(t, s, r)
	var out strings.Builder
	p := &prompter{in: bufio.NewReader(strings.NewReader("1\n")), out: &out, fd: -1}
	p.o.Assessed = func(record.PatientID) ([]assess.Assessed, error) { return []assess.Assessed{first, second}, nil }
	saves := 0
	p.o.Save = func(*record.Record) error { saves++; return nil }
	var saved record.Record
	if err := (&flow{p: p, s: s, gate: map[int]bool{}}).save(&saved); err != nil {
		t.Fatalf("save: %v (%d saves)\n%s", err, saves, out.String())
	}
	o := strings.Join(strings.Fields(out.String()), " ")
	if saves != 1 {
		t.Fatalf("%d saves after one 1 at the read-back; want 1:\n%s", saves, o)
	}
	if strings.Contains(o, "second assessment") || !strings.Contains(o, "has 2 assessments that count") || !strings.Contains(o, "another assessment of this patient") {
		t.Fatalf("the read-back of a patient with 2 current assessments does not say another is made:\n%s", o)
	}
	if n := strings.Count(o, "Type a number from 1 to 2"); n != 1 {
		t.Fatalf("asked %d times before the save; want once:\n%s", n, o)
	}
}
