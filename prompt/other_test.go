package prompt

import (
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// TestResultTextCountsTheReferralsLeftInWords: "The other 1 are offered"
// read wrongly; one left is "The other one is", more are "The other N are",
// none says nothing.
func TestResultTextCountsTheReferralsLeftInWords(t *testing.T) {
	for _, tc := range []struct {
		refs, shown int
		want        string
	}{
		{4, 3, "The other one is offered once these are answered."},
		{5, 3, "The other 2 are offered once these are answered."},
		{3, 3, ""},
	} {
		var res questionnaire.Result
		for i := range tc.refs {
			res.Recommendation.Referrals = append(res.Recommendation.Referrals,
				questionnaire.Referral{ProgrammeID: string(rune('a' + i)), Name: "Programme " + string(rune('A'+i))})
		}
		got := resultText(res, tc.shown, nil)
		if tc.want == "" {
			if strings.Contains(got, "The other") {
				t.Errorf("%d of %d shown: %q", tc.shown, tc.refs, got)
			}
		} else if !strings.Contains(got, tc.want) {
			t.Errorf("%d of %d shown: no %q in\n%s", tc.shown, tc.refs, tc.want, got)
		}
	}
}

// TestTheResultHeadingNamesTheCarer: where a carer gave the answers, the
// result's heading says so and to check it with the carer, as the choice
// is called the carer's; where the patient or an interpreter answered, it
// is the plain heading.
func TestTheResultHeadingNamesTheCarer(t *testing.T) {
	for _, c := range []struct {
		respondent string
		carer      bool
	}{
		{questionnaire.RespondentCarer, true},
		{questionnaire.RespondentPatient, false},
		{questionnaire.RespondentInterpreter, false},
	} {
		a := questionnaire.Answers{questionnaire.LinkRespondent: {c.respondent}}
		got := resultText(questionnaire.Result{}, 3, a)
		head, _, _ := strings.Cut(got, "\n")
		if says := strings.Contains(head, "the carer gave for the patient (check it with the carer)"); says != c.carer {
			t.Errorf("%s: the heading is %q", c.respondent, head)
		}
		if !c.carer && head != "Result:" {
			t.Errorf("%s: the heading is %q, want Result:", c.respondent, head)
		}
	}
}
