package questionnaire_test

import (
	"regexp"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
)

// TestV2ACarerContactIsNeverAPhoneCallToThePatient: a patient who must be
// contacted through their carer (dementia, the carer answering) was told
// "explain what they say in person, or by phone where possible": a call to
// the patient direct. Every adjustment says a call goes to the carer, and
// with no such requirement the plain "by phone" stands.
func TestV2ACarerContactIsNeverAPhoneCallToThePatient(t *testing.T) {
	base := testkit.ScriptedPatients[3].Answers // cared for, the carer answers
	if !base.Has(questionnaire.LinkContactNeeds, questionnaire.ContactCarer) {
		t.Fatal("the scripted carer patient no longer needs contact through the carer")
	}
	phone := regexp.MustCompile(`by phone(?: to their carer)?`)
	for _, c := range []struct {
		name      string
		carer     bool
		needs     []string
		wantPhone string
	}{
		{"through the carer, reading help", true, []string{questionnaire.NeedEasyRead}, "by phone to their carer"},
		{"through the carer, told not written", true, []string{questionnaire.NeedVerbal}, "by phone to their carer"},
		{"no carer requirement", false, []string{questionnaire.NeedVerbal}, "by phone"},
	} {
		a := base.Clone()
		a[questionnaire.LinkCommNeeds] = c.needs
		if !c.carer {
			a[questionnaire.LinkContactNeeds] = []string{questionnaire.ContactLetter}
			a[questionnaire.LinkRespondent] = []string{questionnaire.RespondentPatient}
			// A phone of their own: with none, no call is offered at all.
			a[questionnaire.LinkDevices] = []string{questionnaire.DevShared, questionnaire.DevLandline}
			a[questionnaire.LinkTelecare] = []string{questionnaire.No}
		}
		res, err := questionnaire.V2.Assess(a, questionnaire.National)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		said := 0
		for _, adj := range res.Recommendation.Adjustments {
			for _, m := range phone.FindAllString(adj.Text, -1) {
				said++
				if m != c.wantPhone {
					t.Errorf("%s: %s says %q, want %q: %s", c.name, adj.Code, m, c.wantPhone, adj.Text)
				}
			}
		}
		if said == 0 {
			t.Errorf("%s: no adjustment speaks of a phone call, so nothing is tested", c.name)
		}
	}
}
