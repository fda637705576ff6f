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
	// The revision before a patient who says No was offered support
	// alone; the one after it still offered them NHS App help.
	before, err := questionnaire.V2.Earlier().Earlier().Assess(r.Answers, dir)
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

// TestVerifyShowsARecordSavedBeforeNHSAppHelpWasLeftOutForAPatientWhoSaysNo:
// a smartphone owner who said No to doing health tasks online was offered
// NHS App help and support until it was left out for them (hazard H51). A
// record saved before then holds it: it is shown as saved, not refused as
// edited, as one saved now is; a record with NHS App help added to one
// whose rules never gave it is still refused.
func TestVerifyShowsARecordSavedBeforeNHSAppHelpWasLeftOutForAPatientWhoSaysNo(t *testing.T) {
	dir := questionnaire.National
	r := assessedV2(t, questionnaire.Answers{questionnaire.LinkWant: {questionnaire.No},
		questionnaire.LinkDevices: {questionnaire.DevSmartphone}, questionnaire.LinkInternet: {questionnaire.NetHome},
		questionnaire.LinkTasks: {questionnaire.TaskText}})
	r.DirectoryVersion = dir.Version()
	if r.Recommendation.HasReferral(questionnaire.ProgrammeNHSApp) {
		t.Fatalf("NHS App help is offered now: %v", referralIDsOf(r))
	}
	if err := Verify(&r, questionnaire.V2, &dir); err != nil {
		t.Fatalf("the record as saved now: %v", err)
	}
	before, err := questionnaire.V2.Earlier().Assess(r.Answers, dir)
	if err != nil {
		t.Fatal(err)
	}
	old := r
	old.Result = before
	if !old.Recommendation.HasReferral(questionnaire.ProgrammeNHSApp) {
		t.Fatalf("the rules before did not offer NHS App help either: %v", referralIDsOf(old))
	}
	if err := Verify(&old, questionnaire.V2, &dir); err != nil {
		t.Errorf("a record saved by the rules before is refused: %v", err)
	}
	// Boundary: NHS App help added to a patient with no device of their
	// own, whom no revision offers it.
	none := assessedV2(t, questionnaire.Answers{questionnaire.LinkWant: {questionnaire.No},
		questionnaire.LinkDevices: {questionnaire.DevLandline}, questionnaire.LinkInternet: {questionnaire.NetNone},
		questionnaire.LinkTasks: {questionnaire.TaskNone}, questionnaire.LinkTelecare: {questionnaire.No}})
	none.DirectoryVersion = dir.Version()
	for _, f := range old.Recommendation.Referrals {
		if f.ProgrammeID == questionnaire.ProgrammeNHSApp {
			none.Recommendation.Referrals = append(slices.Clone(none.Recommendation.Referrals), f)
		}
	}
	if err := Verify(&none, questionnaire.V2, &dir); err == nil {
		t.Errorf("NHS App help added to a landline patient's record verifies: %v", referralIDsOf(none))
	}
}
