package prompt

import (
	"strings"
	"testing"

	"digicheck/assess"
)

// TestTheReadBackNeverSaysAReferralNamedAtMoreFitsWasNotShown: the plain
// prompts name every referral after the first few ("1 more referral fits
// the patient: National Digital Inclusion Network ... Go through it
// too?"); answered No, the read-back said "1 more referral was not shown",
// though it had been named to the patient. It says they were not gone
// through; and the Yes of one says "it", as the question does.
func TestTheReadBackNeverSaysAReferralNamedAtMoreFitsWasNotShown(t *testing.T) {
	t.Parallel()
	refs := expectedResult(t).Recommendation.Referrals
	typed := []string{"1", "2", "3"}[:assess.FirstReferrals]
	in := script + strings.Join(typed, "\n") + "\n" +
		"2\n" + // not through the others
		"1\n2\n" // save; finish
	var s saver
	var out strings.Builder
	if _, err := Run(options(&s), strings.NewReader(in), &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	said := out.String()
	at := strings.Index(said, "more referrals fit the patient")
	if at < 0 || len(refs) <= len(typed) {
		t.Fatalf("the scenario needs referrals named after the first few:\n%s", said)
	}
	if strings.Contains(said[at:], "not shown") {
		t.Errorf("the read-back says referrals named to the patient were not shown:\n%s", said[at:])
	}
	if !strings.Contains(said[at:], "more referrals were not gone through with the patient, and are not offered.") {
		t.Errorf("the read-back does not say the referrals named were not gone through:\n%s", said[at:])
	}
}
