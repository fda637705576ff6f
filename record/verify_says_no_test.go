package record

import (
	"slices"
	"testing"

	"digicheck/questionnaire"
)

// TestVerifyShowsARecordSavedBeforeAPatientWhoSaysNoWasOfferedSupportAlone:
// a patient who said No to doing health tasks online was offered every
// programme that fits, the National Device Bank, Digital Champions and
// the library among them, until such a patient was offered support alone.
// A record saved before then, with the same directory, holds those
// referrals: it is shown as saved, not refused as edited, and so is one
// saved now. At the boundary, a referral neither revision gives is still
// refused.
func TestVerifyShowsARecordSavedBeforeAPatientWhoSaysNoWasOfferedSupportAlone(t *testing.T) {
	dir := questionnaire.National
	r := assessedV2(t, questionnaire.Answers{questionnaire.LinkWant: {questionnaire.No}, questionnaire.LinkHelp: {questionnaire.HelpNobody}})
	r.DirectoryVersion = dir.Version()
	if err := Verify(&r, questionnaire.V2, &dir); err != nil {
		t.Fatalf("the record as saved now: %v", err)
	}
	before, err := questionnaire.V2.Earlier().Assess(r.Answers, dir)
	if err != nil {
		t.Fatal(err)
	}
	old := r
	old.Result = before
	if len(old.Recommendation.Referrals) <= len(r.Recommendation.Referrals) {
		t.Fatalf("the case does not differ between the revisions: %d referrals before, %d now",
			len(old.Recommendation.Referrals), len(r.Recommendation.Referrals))
	}
	if err := Verify(&old, questionnaire.V2, &dir); err != nil {
		t.Errorf("a record saved by the rules before is refused: %v", err)
	}
	// Boundary: one more referral than either revision gives is refused.
	bad := r
	bad.Recommendation.Referrals = slices.Clone(r.Recommendation.Referrals)
	for _, f := range old.Recommendation.Referrals {
		if !r.Recommendation.HasReferral(f.ProgrammeID) {
			bad.Recommendation.Referrals = append(bad.Recommendation.Referrals, f)
			break
		}
	}
	if err := Verify(&bad, questionnaire.V2, &dir); err == nil {
		t.Errorf("a record neither revision gives is verified: %v", referralIDsOf(bad))
	}
}

func referralIDsOf(r Record) []string {
	var out []string
	for _, f := range r.Recommendation.Referrals {
		out = append(out, f.ProgrammeID)
	}
	return out
}
