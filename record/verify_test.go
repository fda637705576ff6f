package record

import (
	"testing"

	"digicheck/questionnaire"
)

// A record whose unshown referrals are kept apart from those offered is
// what the result screen saves: it verifies, and an edit of either does
// not.
func TestVerifyTakesReferralsKeptApartAsUnshown(t *testing.T) {
	r := assessed(t, nil)
	dir := questionnaire.National
	rec := &r.Recommendation
	if len(rec.Referrals) < 2 {
		t.Skip("the sample has too few referrals")
	}
	if err := Verify(&r, questionnaire.V1, &dir); err != nil {
		t.Fatalf("Verify of an assessed record: %v", err)
	}
	rec.Unshown = append(rec.Unshown, rec.Referrals[len(rec.Referrals)-1])
	rec.Referrals = rec.Referrals[:len(rec.Referrals)-1]
	if err := Verify(&r, questionnaire.V1, &dir); err != nil {
		t.Errorf("Verify with a referral kept apart as unshown: %v", err)
	}
	rec.Unshown[0].PatientLine = "Email us at once"
	if err := Verify(&r, questionnaire.V1, &dir); err == nil {
		t.Error("Verify passed an edited unshown referral")
	}
	rec.Unshown = nil
	if err := Verify(&r, questionnaire.V1, &dir); err == nil {
		t.Error("Verify passed a record with a referral removed")
	}
	r2 := assessed(t, nil)
	r2.Recommendation.Fallback = questionnaire.RouteEmail
	if err := Verify(&r2, questionnaire.V1, &dir); err == nil {
		t.Error("Verify passed a digital fallback")
	}
}
