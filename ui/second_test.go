package ui

import (
	"testing"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// TestADraftThatWouldBeASecondAssessmentSaysSoAndAsksBeforeTheSave: a draft
// whose patient was assessed after it was started (or whose answers were
// kept apart from a window that took it over) says so on the list and on
// every screen once resumed, and the save asks again: resumed and saved
// without a word, it made two unlinked assessments of one patient.
func TestADraftThatWouldBeASecondAssessmentSaysSoAndAsksBeforeTheSave(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	dr := store.Draft{Draft: assess.Draft{
		Patient:           record.PatientID{Kind: record.NHSNumber, Value: validNHS},
		Clinician:         "Dr Ada Test",
		InstrumentVersion: questionnaire.V1.Version,
		Answers:           scenarioAnswers.Clone(),
	}}
	if err := st.SaveDraft(&dr); err != nil {
		t.Fatal(err)
	}
	const why = "This patient was assessed on 3 Dec 2026 at 09:14 (record 01a2-test), after this draft was started."
	o := withStore(testOptions(nil), st)
	o.Drafts = []Resumable{{Draft: dr, Second: why}}
	d := newDriver(t, o, 80, 24)
	d.waitFor("this draft was started.")
	d.press("enter")
	d.waitFor("Review", "Resumed: every section was answered")
	d.press("end", "enter")
	d.waitFor("Result", "Saving it makes another assessment of this patient")
	answerReferrals(d, firstReferrals)
	d.press("enter")
	// One question says it all: the answers read back, and that saving
	// makes a second assessment; one enter then saves (no second
	// question after it).
	d.waitFor("Saving makes another assessment of this patient.", "Enter saves, Esc goes back to change an answer.")
	if d.m.screen == savedScreen {
		t.Fatal("saved a second assessment of the patient without asking")
	}
	d.press("enter")
	d.waitFor("Saved ·")
	if _, err := st.Get(dr.ID); err != nil {
		t.Fatalf("the draft was not saved once the clinician confirmed: %v", err)
	}
}
