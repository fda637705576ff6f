package record

import (
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// The patient's handout after an amendment listed only the referrals the
// amended answers offered: an agreed referral the amendment kept (the
// Device Bank, Age UK) was missing from "Help you said yes to", while the
// record, its FHIR ServiceRequests and the summary hold it as agreed. The
// handout tells the patient of every referral they agreed to that stands.
func TestTheHandoutOfAnAmendmentTellsThePatientOfEveryAgreedReferralItKeeps(t *testing.T) {
	r, gone, still := amendedKeeping(t)
	for _, large := range []bool{false, true} {
		// Large print wraps a name across lines.
		h := strings.Join(strings.Fields(HandoutWith(r, HandoutOptions{LargePrint: large})), " ")
		for _, f := range []questionnaire.Referral{gone, still} {
			if !strings.Contains(h, f.Name) {
				t.Errorf("large print %v: the handout leaves out %s, agreed and kept by the amendment:\n%s", large, f.Name, h)
			}
		}
		for _, f := range r.Recommendation.Referrals {
			if in := strings.Contains(h, f.Name); in != (f.Consent == questionnaire.Agreed) {
				t.Errorf("large print %v: %s (%s) in the handout = %v", large, f.Name, f.Consent, in)
			}
		}
	}
}
