package record

import (
	"slices"
	"testing"

	"digicheck/questionnaire"
)

// TestVerifyShowsARecordSavedBeforeTheRulesChanged: a version 2 record
// saved before the clinical review of December 2026 holds what the rules
// then gave: no trust-check adjustment (H54), and texting counted for a
// patient with no mobile phone (H52). A record saved then was refused as
// "edited or damaged" by the digicheck after it (found by showing, with
// the new build, a store an earlier build had filled). It verifies; at the
// boundary, a result neither revision gives is still refused. So does one
// saved between that review and the check of understanding beside every
// written route for a patient who needs help reading often (H39).
func TestVerifyShowsARecordSavedBeforeTheRulesChanged(t *testing.T) {
	dir := questionnaire.National
	for _, tc := range []struct {
		name   string
		change questionnaire.Answers
		before func(r *Record) // what the earlier rules saved
	}{
		{"a significant trust barrier, saved without trust-check",
			questionnaire.Answers{questionnaire.LinkWorry: {"very"}, questionnaire.LinkBadExperience: {"put-off"}},
			func(r *Record) {
				r.Recommendation.Adjustments = slices.DeleteFunc(r.Recommendation.Adjustments, func(a questionnaire.Adjustment) bool { return a.Code == "trust-check" })
			}},
		// Saved after the review, before every written route for a patient
		// who needs help reading often came with a check of understanding:
		// trust-check, and no check behind a call with a letter fallback.
		{"reading help often and a significant trust barrier, saved with a call first and no check of understanding",
			questionnaire.Answers{questionnaire.LinkReadingHelp: {questionnaire.ReadOften}, questionnaire.LinkWorry: {"very"}, questionnaire.LinkBadExperience: {"put-off"}},
			func(r *Record) {
				r.Recommendation.Adjustments = slices.DeleteFunc(r.Recommendation.Adjustments, func(a questionnaire.Adjustment) bool { return a.Code == "check-understanding" })
			}},
		{"a tablet and no mobile, saved with texting counted",
			questionnaire.Answers{questionnaire.LinkDevices: {questionnaire.DevComputer}, questionnaire.LinkInternet: {questionnaire.NetHome},
				questionnaire.LinkTasks: {questionnaire.TaskEmail, questionnaire.TaskApp, questionnaire.TaskLogin, questionnaire.TaskForm, questionnaire.TaskVideo}},
			func(r *Record) { r.Bands.Skills = questionnaire.SomeBarrier }},
	} {
		r := assessedV2(t, tc.change)
		// The record as saved now verifies; as saved before, too.
		if err := Verify(&r, questionnaire.V2, &dir); err != nil {
			t.Fatalf("%s: the record as saved now: %v", tc.name, err)
		}
		old := r
		old.Recommendation.Adjustments = slices.Clone(r.Recommendation.Adjustments)
		tc.before(&old)
		if old.Bands == r.Bands && len(old.Recommendation.Adjustments) == len(r.Recommendation.Adjustments) {
			t.Fatalf("%s: the case does not differ between the revisions", tc.name)
		}
		old.Recommendation.Referrals = nil // the directory version is not the one saved with
		old.DirectoryVersion = "earlier"
		if err := Verify(&old, questionnaire.V2, &dir); err != nil {
			t.Errorf("%s: a record saved by the earlier rules is refused: %v", tc.name, err)
		}
		// Boundary: a band neither revision gives is refused.
		bad := old
		bad.Bands.Trust = questionnaire.NoBarrier
		if err := Verify(&bad, questionnaire.V2, &dir); err == nil {
			t.Errorf("%s: a record neither revision gives is verified", tc.name)
		}
	}
}
