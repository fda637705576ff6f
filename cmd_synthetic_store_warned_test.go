package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/site"
)

// TestARealAssessmentOnASyntheticStoreIsWarnedAtTheStart: a real
// assessment begun on a store of synthetic test data (a trainer's store
// left in DIGICHECK_DB) ran through every question before its save was
// refused, and then said "choose Save to try again", which can never work
// there. As for a damaged or read-only store, the clinician is told before
// the first question that it cannot be saved and where the answers will be
// kept; at the refused save nothing offers to try again, and the answers
// are in the not-saved file.
func TestARealAssessmentOnASyntheticStoreIsWarnedAtTheStart(t *testing.T) {
	t.Parallel()
	path := syntheticDB(t)
	a := testkit.V2(testkit.Included(questionnaire.Answers{
		questionnaire.LinkTasks: {questionnaire.TaskText}, questionnaire.LinkChoice: {string(questionnaire.RouteApp)},
	}))
	res, err := questionnaire.Current.Assess(a, questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	lines := append(append(append([]string{}, pipedPatient...), pipedAccess...), pipedRest...)
	lines = append(lines, declineShown(len(res.Recommendation.Referrals))...)
	lines = append(lines, "1", "1", "1")
	out, errs, err := execute(&app{settings: site.Settings{DB: path}}, (*app).newCmd, strings.Join(lines, "\n")+"\n")
	if err == nil {
		t.Errorf("a refused assessment ended without an error")
	}
	warn := strings.Index(out, "Warning: this assessment cannot be saved in the store, which holds synthetic test data")
	first := strings.Index(out, "Patient identifier:")
	if warn < 0 || first < 0 || warn > first {
		t.Errorf("no warning before the first question (warning at %d, question at %d):\n%s", warn, first, out)
	}
	if strings.Contains(out+errs, "try again") {
		t.Errorf("the refused save offers to try again, which cannot work in a store of synthetic data:\n%s%s", out, errs)
	}
	if !strings.Contains(out, "saving again cannot work") {
		t.Errorf("the refused save does not say that saving again cannot work:\n%s", out)
	}
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "digicheck-not-saved-*.txt"))
	if len(kept) != 1 {
		t.Fatalf("%d files keep the refused assessment, want 1:\n%s%s", len(kept), out, errs)
	}
	if b := fileBytes(t, kept[0]); !strings.Contains(b, "9434765919") || !strings.Contains(b, `"answers"`) {
		t.Errorf("the kept file lacks the patient or the answers:\n%s", b)
	}
}
