package main

import (
	"testing"

	"digicheck/assess"
	"digicheck/questionnaire"
)

// A save refused after m showed the referrals after the first few, one of
// them left unanswered, kept its record: shown, that referral is in it as
// not discussed. No draft holds it so (it has no answer), and the file of
// the refused save, written again from the draft kept straight after the
// refusal, lost its note while the screen said "The answers and note are
// kept … Paste the note into the patient record". The answers are the
// same: worked out again they give the same record and note.
func TestARefusedSavesReferralShownAndLeftUnansweredIsTheSameAnswersAsADraftWithoutIt(t *testing.T) {
	refused := assess.Draft{Answers: questionnaire.Answers{questionnaire.LinkWorry: {"very"}},
		Consent: map[string]string{"rnib": questionnaire.Agreed, "age-uk": questionnaire.NotDiscussed}}
	draft := refused
	draft.Consent = map[string]string{"rnib": questionnaire.Agreed}
	if !assess.SameAnswers(refused, draft) {
		t.Errorf("a draft without an answer to a referral the refused save has as not discussed is said to hold other answers")
	}
	for name, c := range map[string]map[string]string{
		"a referral answered since":           {"rnib": questionnaire.Agreed, "age-uk": questionnaire.NotDiscussed, "nhs-app": questionnaire.NotDiscussed},
		"a referral answered otherwise since": {"rnib": questionnaire.Agreed, "age-uk": questionnaire.Declined},
		"an answer taken back":                {},
	} {
		d := refused
		d.Consent = c
		if assess.SameAnswers(refused, d) {
			t.Errorf("%s: the draft is said to hold the refused save's answers", name)
		}
	}
}
