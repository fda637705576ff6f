package prompt

import (
	"bufio"
	"fmt"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// A run that read the drafts as it began, given a patient while another
// program holds the store, said only that the patient's earlier
// assessments cannot be looked up: a draft of theirs kept in another
// window since the run began could not be looked up either, and was never
// named. The prompts now say the drafts cannot be looked up too, and the
// save reads the patient's drafts again and names one on the read-back,
// before its question.
func TestAPatientGivenWhileTheStoreIsHeldIsToldTheirDraftsCannotBeLookedUpAndTheSaveNamesOne(t *testing.T) {
	r := testkit.Assessed(t, testkit.Included(nil))
	s := assess.Start(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Clinician: "Dr A", Team: "Ward 1"})
	if err := s.SetPatient(r.Patient, "Dr A", "Ward 1"); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	p := &prompter{in: bufio.NewReader(strings.NewReader("1\n")), out: &out, fd: -1}
	held := true
	locked := fmt.Errorf("reading the patient's assessments: %w", store.ErrLocked)
	p.o.Assessed = func(record.PatientID) ([]assess.Assessed, error) {
		if held {
			return nil, locked
		}
		return nil, nil
	}
	dr := heldDraftOf(t, r.Patient) // kept in another window after the run began
	p.o.DraftsOf = func(pt record.PatientID) ([]Resume, error) {
		if held {
			return nil, locked
		}
		if pt != r.Patient {
			return nil, nil
		}
		return []Resume{dr}, nil
	}
	saves := 0
	p.o.Save = func(*record.Record) error { saves++; return nil }
	if err := p.keptDraft(s, false); err != nil {
		t.Fatalf("keptDraft = %v\n%s", err, out.String())
	}
	if err := p.assessedBefore(s); err != nil {
		t.Fatalf("assessedBefore = %v\n%s", err, out.String())
	}
	o := strings.Join(strings.Fields(out.String()), " ")
	if !strings.Contains(o, "earlier assessments, and any unfinished one kept as a draft, cannot be looked up now") {
		t.Fatalf("a patient given while the store is held is not told their drafts cannot be looked up either:\n%s", out.String())
	}
	answeredToSave(t, s, r)
	held = false
	out.Reset()
	var saved record.Record
	if err := (&flow{p: p, s: s, gate: map[int]bool{}}).save(&saved); err != nil {
		t.Fatalf("save: %v\n%s", err, out.String())
	}
	o = strings.Join(strings.Fields(out.String()), " ")
	said := strings.Index(o, "This patient has an unfinished assessment kept as a draft")
	ask := strings.Index(o, "Save these answers as another assessment of this patient?")
	if said < 0 || ask < 0 || said > ask || !strings.Contains(o, "Nurse K") {
		t.Fatalf("the read-back does not name, before its question, the draft the held store hid:\n%s", o)
	}
	if saves != 1 {
		t.Fatalf("%d saves; want 1", saves)
	}
}
