package main

import (
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// TestTheFileOfAnUnkeptDraftSaysTheAnswersNotConfirmed: a draft the store
// refuses is written to a file for the clinician to enter again. A tick
// given and not confirmed before the stop ("must not contact: Text
// messages", Draft.Unconfirmed) was left out of it, so what the patient
// said was lost with the draft. The file now writes it under its
// question, marked as not confirmed, and never as the answer.
func TestTheFileOfAnUnkeptDraftSaysTheAnswersNotConfirmed(t *testing.T) {
	t.Parallel()
	d := &store.Draft{Draft: assess.Draft{
		Patient:           record.PatientID{Kind: record.NHSNumber, Value: "9434765919"},
		Clinician:         "Dr Ada Lee",
		InstrumentVersion: questionnaire.V2.Version,
		Answers: questionnaire.Answers{
			questionnaire.LinkDevices:      {questionnaire.DevSmartphone},
			questionnaire.LinkContactAvoid: {questionnaire.AvoidNone},
		},
		Unconfirmed: questionnaire.Answers{questionnaire.LinkContactAvoid: {questionnaire.AvoidSMS}},
	}}
	text := unkeptText(d, questionnaire.National)
	_, at, ok := strings.Cut(text, "Is there a way we must not contact you? No.")
	if !ok {
		t.Fatalf("the answer confirmed is not written:\n%s", text)
	}
	line, _, _ := strings.Cut(strings.TrimLeft(at, "\n"), "\n")
	if !strings.Contains(line, "Not confirmed before the stop: Text messages.") {
		t.Errorf("the tick not confirmed is not written under its question, marked as not confirmed:\n%s", text)
	}

	// A question with no answer confirmed, only a tick not confirmed.
	delete(d.Answers, questionnaire.LinkContactAvoid)
	text = unkeptText(d, questionnaire.National)
	if !strings.Contains(text, "Is there a way we must not contact you? Not answered.\n    Not confirmed before the stop: Text messages.") {
		t.Errorf("a question with only a tick not confirmed is not written as not answered, with the tick:\n%s", text)
	}
}
