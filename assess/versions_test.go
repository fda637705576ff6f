package assess

import (
	"testing"

	"digicheck/questionnaire"
	"digicheck/record"
)

// TestEachAssessmentAsksTheRightVersion: a new assessment and a follow-up
// ask the current questions; an amendment corrects the answers to the
// questions that were asked, so it keeps the amended record's version; a
// draft is finished with the version it was begun with.
func TestEachAssessmentAsksTheRightVersion(t *testing.T) {
	if questionnaire.Current == questionnaire.V1 {
		t.Fatal("this test needs a current version other than 1")
	}
	v1 := saved(t, answers)
	if v1.InstrumentVersion != "1" {
		t.Fatalf("fixture record of version %s", v1.InstrumentVersion)
	}
	cur := Options{Directory: questionnaire.National, Clinician: "Dr A"}

	if s := Start(cur); s.Instrument() != questionnaire.Current {
		t.Errorf("a new assessment asks version %s", s.Instrument().Version)
	}
	fo := cur
	fo.FollowUp = &v1
	if s := Start(fo); s.Instrument() != questionnaire.Current {
		t.Errorf("a follow-up of a v1 record asks version %s", s.Instrument().Version)
	}
	ao := cur
	ao.Amend, ao.AmendReason = &v1, "misheard"
	s := Start(ao)
	if err := s.SetPatient(v1.Patient, "Dr A", ""); err != nil {
		t.Fatal(err)
	}
	if s.Instrument() != questionnaire.V1 {
		t.Fatalf("an amendment of a v1 record asks version %s", s.Instrument().Version)
	}
	if err := s.Assess(); err != nil {
		t.Fatalf("the amended v1 answers do not assess: %v", err)
	}
	consentAll(t, s)
	r, err := s.Record()
	if err != nil || r.InstrumentVersion != "1" {
		t.Errorf("amendment saved as version %q (%v)", r.InstrumentVersion, err)
	}

	// A draft of version 1 kept before version 2 came resumes as version 1.
	d := DraftOf(&record.Record{ID: v1.ID, Patient: v1.Patient, Clinician: "Dr A", Answers: v1.Answers,
		Result: questionnaire.Result{InstrumentVersion: "1"}})
	d.Section = questionnaire.V1.Sections[1].ID
	rs, err := Resume(cur, d)
	if err != nil || rs.Instrument() != questionnaire.V1 {
		t.Errorf("a v1 draft resumed with %v (%v)", rs, err)
	}
}
