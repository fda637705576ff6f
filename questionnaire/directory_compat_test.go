package questionnaire_test

import (
	"slices"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// TestRecordMadeWithAnOlderDirectoryStillVerifies: a record names the
// directory version it was made with, and its referrals are recomputed
// only under that version. When the national directory changes (entries
// reviewed, added or dropped), a record made before still verifies and
// shows under the directory in force now, while under its own directory
// an edited referral is still caught.
func TestRecordMadeWithAnOlderDirectoryStillVerifies(t *testing.T) {
	a := testkit.Included(questionnaire.Answers{
		questionnaire.LinkDevices: {questionnaire.DevShared}, questionnaire.LinkInternet: {questionnaire.NetPublic},
		questionnaire.LinkTasks: {questionnaire.TaskText}, questionnaire.LinkBenefits: {questionnaire.Yes},
		questionnaire.LinkAgeBand: {"45-54"},
	})
	// The older directory: today's with one programme it did not have and
	// one worded differently.
	old := questionnaire.Directory{Programmes: slices.Clone(questionnaire.National.Programmes)}
	old.Programmes = slices.DeleteFunc(old.Programmes, func(p questionnaire.Programme) bool { return p.ID == "digital-unite" })
	old.Programmes = append(old.Programmes, questionnaire.Programme{
		ID: "retired-scheme", Name: "A scheme that has closed", Barriers: []questionnaire.Domain{questionnaire.Skills},
		Contact: "c", PatientLine: "p", Source: "national",
	})
	res, err := questionnaire.V1.Assess(a, old)
	if err != nil {
		t.Fatal(err)
	}
	r := testkit.Assessed(t, a)
	r.Result = res
	if !r.Recommendation.HasReferral("retired-scheme") {
		t.Fatalf("the sample is not referred to the retired scheme: %v", r.Recommendation.Referrals)
	}
	now := questionnaire.National
	if r.DirectoryVersion == now.Version() {
		t.Fatal("the older directory has today's version")
	}
	if err := record.Verify(&r, questionnaire.V1, &now); err != nil {
		t.Errorf("a record made with an older directory does not verify under today's: %v", err)
	}
	if err := record.Verify(&r, questionnaire.V1, &old); err != nil {
		t.Errorf("a record does not verify under its own directory: %v", err)
	}
	r.Recommendation.Referrals[0].PatientLine = "Email us your bank details"
	if err := record.Verify(&r, questionnaire.V1, &old); err == nil {
		t.Error("an edited referral verifies under the record's own directory")
	}
}
