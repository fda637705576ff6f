package ui

import (
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
)

// TestTheResultNamesTheCarerAsTheOneAskedAboutReferrals: where a carer
// answered for the patient, the review says to check every answer with
// the carer, and the result's heading and its referrals
// heading say to go through it with the carer and ask the carer, as the
// choice is called the carer's; otherwise the patient.
func TestTheResultNamesTheCarerAsTheOneAskedAboutReferrals(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ respondent, want, not string }{
		{questionnaire.RespondentCarer, "carer", "patient"},
		{questionnaire.RespondentPatient, "patient", "carer"},
		{questionnaire.RespondentInterpreter, "patient", "carer"},
	} {
		t.Run(c.respondent, func(t *testing.T) {
			t.Parallel()
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
			d.waitFor("Amendment · Review", "Check every answer with the "+c.want+".")
			d.press("end", "enter")
			d.waitFor("Amendment · Result", "Go through the result with the "+c.want+", and ask", "ask the "+c.want+" about each one")
			for _, not := range []string{"with the " + c.not, "ask the " + c.not} {
				if strings.Contains(d.screen(), not) {
					t.Errorf("the result says %q:\n%s", not, d.screen())
				}
			}
		})
	}
}

// TestTheOptionalQuestionsGateAdvisesOnlyAfterEnter: the question whether
// to ask the optional questions shows no "Choose an answer" advice before
// any key is pressed on it (it read as an answer refused); an enter with
// nothing chosen is refused with it.
func TestTheOptionalQuestionsGateAdvisesOnlyAfterEnter(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	toEquity(d)
	d.waitFor(gateQuestion, "( ) Yes, ask them", "( ) No, skip them")
	if strings.Contains(d.screen(), choiceHelp) {
		t.Fatalf("the gate advises before any key was pressed on it:\n%s", d.screen())
	}
	d.press("enter")
	d.waitFor(gateQuestion, choiceHelp)
}
