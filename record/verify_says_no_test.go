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
	// The first earlier revision that offers them more.
	old := r
	old.Result = earliestWith(t, r, func(res questionnaire.Result) bool {
		return len(res.Recommendation.Referrals) > len(r.Recommendation.Referrals)
	})
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
	old := r
	old.Result = earliestWith(t, r, func(res questionnaire.Result) bool {
		return res.Recommendation.HasReferral(questionnaire.ProgrammeNHSApp)
	})
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

// TestVerifyShowsARecordSavedBeforeADeviceWasRankedByTheDevicesOfThePatientsOwn:
// a patient with a smartphone and a computer of their own, on benefits,
// who runs out of data often, was offered the National Device Bank first
// until a device was ranked by the devices the patient has of their own
// (hazard H51). A record saved before then holds it: it is shown as
// saved, as one saved now is.
func TestVerifyShowsARecordSavedBeforeADeviceWasRankedByTheDevicesOfThePatientsOwn(t *testing.T) {
	dir := questionnaire.National
	r := assessedV2(t, questionnaire.Answers{questionnaire.LinkDevices: {questionnaire.DevSmartphone, questionnaire.DevComputer},
		questionnaire.LinkInternet: {questionnaire.NetHome}, questionnaire.LinkAfford: {"often"},
		questionnaire.LinkBenefits: {questionnaire.Yes}, questionnaire.LinkAgeBand: {"35-44"}})
	r.DirectoryVersion = dir.Version()
	if r.Recommendation.HasReferral("national-device-bank") {
		t.Fatalf("the Device Bank is offered now: %v", referralIDsOf(r))
	}
	if err := Verify(&r, questionnaire.V2, &dir); err != nil {
		t.Fatalf("the record as saved now: %v", err)
	}
	old := r
	old.Result = earliestWith(t, r, func(res questionnaire.Result) bool { return res.Recommendation.HasReferral("national-device-bank") })
	if ids := referralIDsOf(old); len(ids) == 0 || ids[0] != "national-device-bank" {
		t.Fatalf("the rules before did not offer the Device Bank first: %v", ids)
	}
	if err := Verify(&old, questionnaire.V2, &dir); err != nil {
		t.Errorf("a record saved by the rules before is refused: %v", err)
	}
}

// earliestWith is the result of r's answers by the newest earlier revision
// of version 2's rules whose result is such (questionnaire.Instrument.Earlier),
// or the rules' own result when none is.
func earliestWith(t *testing.T, r Record, such func(questionnaire.Result) bool) questionnaire.Result {
	t.Helper()
	for ins := questionnaire.V2.Earlier(); ins != nil; ins = ins.Earlier() {
		res, err := ins.Assess(r.Answers, questionnaire.National)
		if err != nil {
			t.Fatal(err)
		}
		if such(res) {
			return res
		}
	}
	return r.Result
}
