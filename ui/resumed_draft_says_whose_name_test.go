package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// TestAResumedDraftSaysWhoseNameItIsSavedUnderUntilSaved: at a shared ward
// workstation a draft begun by another clinician ("by Nurse Bea Draft")
// resumed at its review said only "every section was answered", and the
// name was shown as "By Nurse Bea Draft" with no sentence: one enter per
// screen saved it as hers. On resuming, on the review and on the read-back
// before the save, the full screen now says that it is recorded as done by
// her and how to change it, as the plain prompts do, until the clinician
// is changed.
func TestAResumedDraftSaysWhoseNameItIsSavedUnderUntilSaved(t *testing.T) {
	t.Parallel()
	id, _ := record.NewID()
	dr := store.Draft{Draft: assess.Draft{ID: id,
		Patient:   record.PatientID{Kind: record.NHSNumber, Value: validNHS},
		Clinician: "Nurse Bea Draft", Team: "District 3",
		InstrumentVersion: questionnaire.V1.Version, Answers: scenarioAnswers.Clone(),
	}}
	o := testOptions((&memStore{}).Save)
	o.Drafts = offered(dr)
	d := newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments", "by Nurse Bea Draft")
	d.press("enter")
	d.waitFor("Review")
	says := func(where, s string) {
		t.Helper()
		if !strings.Contains(flat(s), "recorded as done by Nurse Bea Draft") || !strings.Contains(flat(s), "if that is not you") {
			t.Errorf("%s does not say whose name the assessment is saved under:\n%s", where, s)
		}
	}
	says("resuming at the review", d.screen())
	d.press("down") // the notice of the resume is gone; the review says it still
	says("the review", ansi.Strip(d.m.reviewText(d.m.contentWidth())))
	d.press("end", "enter")
	d.waitFor("Result")
	answerReferrals(d, firstReferrals)
	d.press("enter")
	d.waitFor("as they will be saved")
	says("the read-back before the save", ansi.Strip(d.m.confirmText(d.m.contentWidth())))

	// Changed to the clinician at the keyboard, it is theirs: not said.
	d.press("esc")
	d.waitFor("Result")
	d.press("esc")
	d.waitFor("Review")
	d.press("p")
	d.waitFor("Identifier")
	d.press("enter") // the patient is right
	d.waitFor("Number")
	d.press("enter")
	d.waitFor("Clinician", "> Nurse Bea Draft")
	for range len("Nurse Bea Draft") {
		d.press("backspace")
	}
	d.typeText("Dr Kim Lee")
	d.press("enter")
	d.waitFor("Team")
	d.press("enter")
	d.waitFor("Review", "Dr Kim Lee")
	if s := flat(ansi.Strip(d.m.reviewText(d.m.contentWidth()))); strings.Contains(s, "if that is not you") {
		t.Errorf("the review still asks whether it is the clinician's, changed to Dr Kim Lee:\n%s", s)
	}
}
