package assess

import (
	"slices"
	"testing"

	"digicheck/questionnaire"
)

// TestADraftSaysTheReferralAnswersItKeeps: a draft stopped at the result
// with two referrals answered (agreed, declined) was listed "Stopped at
// the result · 16 answers", as if the patient's referral decisions were
// not kept with it; both front ends list what Holds says.
func TestADraftSaysTheReferralAnswersItKeeps(t *testing.T) {
	d := Draft{
		Answers: questionnaire.Answers{questionnaire.LinkDevices: {questionnaire.DevSmartphone}},
		Consent: map[string]string{"library": questionnaire.Agreed, "learn-my-way": questionnaire.Declined, "taken-back": ""},
		Stopped: &Stop{Step: "result"},
	}
	if got, want := d.Holds(), []string{"1 answer", "2 referral answers"}; !slices.Equal(got, want) {
		t.Errorf("holds %q, want %q", got, want)
	}
	d.Consent = map[string]string{"library": questionnaire.NotDiscussed}
	if got, want := d.Holds(), []string{"1 answer", "1 referral answer"}; !slices.Equal(got, want) {
		t.Errorf("holds %q, want %q", got, want)
	}
	d.Consent = nil
	if got, want := d.Holds(), []string{"1 answer"}; !slices.Equal(got, want) {
		t.Errorf("holds %q with no referral answered, want %q", got, want)
	}
}
