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

// heldDraftOf is a draft of patient p, kept by another clinician.
func heldDraftOf(t *testing.T, p record.PatientID) Resume {
	t.Helper()
	id, err := record.NewID()
	if err != nil {
		t.Fatal(err)
	}
	d := assess.Draft{ID: id, Patient: p, Clinician: "Nurse K", Team: "Ward 3", InstrumentVersion: questionnaire.V1.Version,
		Started: time.Date(2026, 12, 6, 4, 0, 0, 0, time.Local), Section: "skills"}
	return Resume{Label: fmt.Sprintf("Patient %s, kept 6 Dec 04:09 by Nurse K, stopped in Skills (2 of 5), 3 answers", p), Draft: d}
}

// A run started while another program held the store never looked drafts
// up, even once the store was free: a patient with a kept draft went
// straight to the first question, and the prompts went on saying the
// answers were not kept as a draft. Once the store is free, the patient's
// draft is said, and offered to resume, before the first question.
func TestAPromptRunStartedOnAHeldStoreSaysAPatientsDraftOnceTheStoreIsFree(t *testing.T) {
	r := testkit.Assessed(t, testkit.Included(nil))
	s := assess.Start(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Clinician: "Dr A", Team: "Ward 1"})
	if err := s.SetPatient(r.Patient, "Dr A", "Ward 1"); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	p := &prompter{in: bufio.NewReader(&keys{bursts: typist("2")}), out: &out, fd: -1, tty: true}
	p.o.Now = time.Now
	dr := heldDraftOf(t, r.Patient)
	looks := 0
	p.o.LookDrafts = func() ([]Resume, []Elsewhere, error) {
		looks++
		return []Resume{dr}, nil, nil
	}
	if err := p.keptDraft(s, false); err != nil {
		t.Fatalf("keptDraft = %v\n%s", err, out.String())
	}
	o := strings.Join(strings.Fields(out.String()), " ")
	if !strings.Contains(o, fmt.Sprintf("Patient %s has an unfinished assessment kept as a draft", r.Patient)) || !strings.Contains(o, "1. Resume the draft") {
		t.Fatalf("a patient with a draft, given once the store was free, is not told of it:\n%s", out.String())
	}
	if looks != 1 || len(p.o.Drafts) != 1 {
		t.Fatalf("%d reads, %d drafts on offer after them; want 1 and 1", looks, len(p.o.Drafts))
	}
}

// Still held as the patient is given, the prompts say that the patient's
// unfinished assessments cannot be looked up either, as they say of the
// earlier ones; the save looks again and names the patient's draft on the
// read-back, before its question.
func TestAPromptRunOnAHeldStoreSaysDraftsCannotBeLookedUpAndNamesThemAtTheSave(t *testing.T) {
	r := testkit.Assessed(t, testkit.Included(nil))
	s := assess.Start(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Clinician: "Dr A", Team: "Ward 1"})
	if err := s.SetPatient(r.Patient, "Dr A", "Ward 1"); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	p := &prompter{in: bufio.NewReader(strings.NewReader("1\n")), out: &out, fd: -1}
	dr := heldDraftOf(t, r.Patient)
	held := true
	locked := fmt.Errorf("reading the drafts: %w", store.ErrLocked)
	p.o.LookDrafts = func() ([]Resume, []Elsewhere, error) {
		if held {
			return nil, nil, locked
		}
		return []Resume{dr}, nil, nil
	}
	p.o.Assessed = func(record.PatientID) ([]assess.Assessed, error) {
		if held {
			return nil, locked
		}
		return nil, nil
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
	for _, w := range []string{"earlier assessments, and any unfinished one kept as a draft, cannot be looked up now", "looked up again when you save"} {
		if !strings.Contains(o, w) {
			t.Fatalf("a patient given while the store is held is not told %q:\n%s", w, out.String())
		}
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
