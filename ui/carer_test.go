package ui

import (
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
)

// TestTheResultNamesTheCarerAsTheOneAskedAboutReferrals: where a carer
// answered for the patient, the referrals heading says to ask the carer,
// as the choice is called the carer's; otherwise the patient.
func TestTheResultNamesTheCarerAsTheOneAskedAboutReferrals(t *testing.T) {
	for _, c := range []struct{ respondent, want, not string }{
		{questionnaire.RespondentCarer, "ask the carer about each one", "ask the patient about each one"},
		{questionnaire.RespondentPatient, "ask the patient about each one", "ask the carer about each one"},
		{questionnaire.RespondentInterpreter, "ask the patient about each one", "ask the carer about each one"},
	} {
		t.Run(c.respondent, func(t *testing.T) {
			old := testkit.AssessedV2(t, testkit.Offline(questionnaire.Answers{questionnaire.LinkRespondent: {c.respondent}}))
			if n := len(old.Recommendation.Referrals); n == 0 || n > firstReferrals {
				t.Fatalf("%d referrals: the heading is said with 1 to %d", n, firstReferrals)
			}
			o := testOptions((&memStore{}).Save)
			o.Instrument = questionnaire.Current
			o.Clinician, o.Team = old.Clinician, old.Team
			o.Amend, o.AmendReason = &old, "checked again"
			d := newDriver(t, o, 80, 24)
			d.waitFor("Amend assessment", "Clinician")
			d.press("enter", "enter")
			d.waitFor("Amendment · Review")
			d.press("enter")
			d.waitFor("Amendment · Result", c.want)
			if strings.Contains(d.screen(), c.not) {
				t.Errorf("the result says %q:\n%s", c.not, d.screen())
			}
		})
	}
}

// TestTheOptionalQuestionsGateAdvisesOnlyAfterEnter: the question whether
// to ask the optional questions shows no "Choose an answer" advice before
// any key is pressed on it (it read as an answer refused); an enter with
// nothing chosen is refused with it.
func TestTheOptionalQuestionsGateAdvisesOnlyAfterEnter(t *testing.T) {
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	toEquity(d)
	d.waitFor(gateQuestion, "( ) Yes, ask them", "( ) No, skip them")
	if strings.Contains(d.screen(), choiceHelp) {
		t.Fatalf("the gate advises before any key was pressed on it:\n%s", d.screen())
	}
	d.press("enter")
	d.waitFor(gateQuestion, choiceHelp)
}
