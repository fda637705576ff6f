package prompt

import (
	"bufio"
	"fmt"
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// A new assessment begun while another program held the store said
// nothing of the patient's earlier assessments in the plain prompts: the
// read was refused and taken as "none". The full screen says before the
// first question that they cannot be looked up now; the plain prompts now
// say the same, and the save's read, with the store let go, names the
// earlier assessment and asks before a second one is saved.
func TestAPatientGivenOnAHeldStoreIsToldTheEarlierAssessmentsCannotBeLookedUp(t *testing.T) {
	r := testkit.Assessed(t, testkit.Included(nil))
	before := assessedOne(t, r.Patient, time.Date(2026, 12, 5, 9, 0, 0, 0, time.Local))
	s := assess.Start(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Clinician: "Dr A", Team: "Ward 1"})
	if err := s.SetPatient(r.Patient, "Dr A", "Ward 1"); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	p := &prompter{in: bufio.NewReader(strings.NewReader("1\n")), out: &out, fd: -1}
	held := true
	saves := 0
	p.o.Assessed = func(record.PatientID) ([]assess.Assessed, error) {
		if held {
			return nil, fmt.Errorf("reading the patient's assessments: %w", store.ErrLocked)
		}
		return []assess.Assessed{before}, nil
	}
	p.o.Save = func(*record.Record) error { saves++; return nil }
	if err := p.assessedBefore(s); err != nil {
		t.Fatalf("assessedBefore = %v\n%s", err, out.String())
	}
	o := strings.Join(strings.Fields(out.String()), " ")
	if !strings.Contains(o, assess.HeldUnreadWithDrafts) {
		t.Fatalf("a patient given while the store is held is not told the earlier assessments cannot be looked up:\n%s", out.String())
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
	held = false
	out.Reset()
	var saved record.Record
	if err := (&flow{p: p, s: s, gate: map[int]bool{}}).save(&saved); err != nil {
		t.Fatalf("save: %v\n%s", err, out.String())
	}
	o = strings.Join(strings.Fields(out.String()), " ")
	said := strings.Index(o, "(record "+before.Short+")")
	ask := strings.Index(o, "Save these answers as another assessment of this patient?")
	if said < 0 || ask < 0 || said > ask {
		t.Errorf("the read-back does not name, before its question, the assessment the held store hid, nor ask to save another:\n%s", o)
	}
	if saves != 1 {
		t.Errorf("%d saves; want one:\n%s", saves, o)
	}
}
