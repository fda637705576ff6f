package record

import (
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// TestAFollowUpInVersion2OfAVersion1CheckNeverSaysAnAdjustmentStillMadeStops:
// version 1 records a British Sign Language interpreter and contact
// through a carer under codes of its own ("bsl", "via-carer"); version 2
// makes the same adjustments under its codes ("bsl-interpreter",
// "contact-carer"). A version 2 follow-up of a version 1 check that still
// needs them listed "Book a British Sign Language interpreter for
// appointments" among the adjustments that stop with this follow-up, in
// the note and on the result, beside the same words among those made: a
// clinician could stop booking the interpreter. They stop only when the
// follow-up no longer makes them.
func TestAFollowUpInVersion2OfAVersion1CheckNeverSaysAnAdjustmentStillMadeStops(t *testing.T) {
	first := assessed(t, questionnaire.Answers{questionnaire.LinkCommNeeds: {questionnaire.NeedBSL, questionnaire.NeedTextRelay, questionnaire.NeedCarer}})
	for _, tc := range []struct {
		name      string
		now       questionnaire.Answers
		stopCodes []string
	}{
		{"still signs, with text relay, through the carer", questionnaire.Answers{questionnaire.LinkCommNeeds: {questionnaire.NeedBSLInterpreter},
			questionnaire.LinkContactNeeds: {questionnaire.ContactTextRelay, questionnaire.ContactCarer}}, nil},
		{"needs none of it", questionnaire.Answers{questionnaire.LinkCommNeeds: {questionnaire.NeedNone},
			questionnaire.LinkContactNeeds: {questionnaire.ContactNone}},
			[]string{questionnaire.NeedBSL, questionnaire.NeedTextRelay, questionnaire.NeedCarer}},
	} {
		later := assessedV2(t, withAnswers(tc.now, questionnaire.Answers{questionnaire.LinkPrintSize: nil, questionnaire.LinkChoice: {questionnaire.ChoiceNone}}))
		later.ID, later.Time, later.FollowsUp = MustParseID("01890a5d-ac96-774b-bcce-b302099a9999"), first.Time.AddDate(0, 1, 0), first.ID
		c := Compare(first, later)
		later.Change = &c
		var got []string
		for _, a := range c.Stopped {
			got = append(got, a.Code)
		}
		for _, code := range tc.stopCodes {
			if !strings.Contains(" "+strings.Join(got, " ")+" ", " "+code+" ") {
				t.Errorf("%s: %s, no longer made, is not said to stop (stopped: %v)", tc.name, code, got)
			}
		}
		note := NoteWith(later, NoteOptions{})
		for _, a := range c.Stopped {
			for _, now := range later.Recommendation.Adjustments {
				if now.Text == a.Text {
					t.Errorf("%s: %q is said to stop and is made:\n%s", tc.name, a.Text, note)
				}
			}
		}
		if tc.stopCodes == nil && strings.Contains(note, "stop with this follow-up") {
			t.Errorf("%s: the note says adjustments stop that the follow-up makes:\n%s", tc.name, note)
		}
	}
}
