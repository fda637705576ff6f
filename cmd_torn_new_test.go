package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
)

// Damaged stores, re-test fault 2: a store file cut short in a page no
// record is on (its freelist): every reader read it, but new refused it
// at once, so no patient could be assessed. As on any damaged store, the
// assessment goes on and its answers are kept in a file beside the store;
// the file cut short is never written, and the copy it is read from is
// never named and not left behind.
func TestAnAssessmentOnAStoreCutShortIsKeptInAFile(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 3)
	p, size := cutInLastPage(t, path)
	a := testkit.V2(testkit.Included(questionnaire.Answers{
		questionnaire.LinkTasks: {questionnaire.TaskText}, questionnaire.LinkChoice: {string(questionnaire.RouteApp)},
	}))
	res, err := questionnaire.Current.Assess(a, questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	lines := append(append(append([]string{}, pipedPatient...), pipedAccess...), pipedRest...)
	lines = append(lines, declineShown(len(res.Recommendation.Referrals))...)
	lines = append(lines, "1")
	out, _ := runNewPiped(t, p, strings.Join(lines, "\n")+"\n")
	if !strings.Contains(out, "cannot be saved in the store") {
		t.Errorf("no warning before the assessment that it cannot be saved:\n%s", out)
	}
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(p), "digicheck-not-saved-*.txt"))
	if len(kept) != 1 {
		t.Fatalf("%d files keep the assessment, want 1:\n%s", len(kept), out)
	}
	if b := fileBytes(t, kept[0]); !strings.Contains(b, "9434765919") || !strings.Contains(b, `"answers"`) || strings.Contains(b, ".digicheck-") {
		t.Errorf("the kept file lacks the patient or the answers, or names the padded copy:\n%s", b)
	}
	if strings.Contains(out, ".digicheck-") {
		t.Errorf("the run names the padded copy, not the store:\n%s", out)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(p), ".digicheck-*")); len(left) > 0 {
		t.Errorf("a padded copy was left behind: %v", left)
	}
	if fi, err := os.Stat(p); err != nil || fi.Size() != int64(size) {
		t.Errorf("the store cut short was changed: %v", err)
	}
}

// And an assessment stopped part way there is kept in a file that names
// the store, not the padded copy it was read from.
func TestAStoppedAssessmentOnAStoreCutShortNamesTheStore(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 3)
	p, _ := cutInLastPage(t, path)
	lines := append(append(append([]string{}, pipedPatient...), pipedAccess...), "q")
	out, _ := runNewPiped(t, p, strings.Join(lines, "\n")+"\n")
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(p), "digicheck-not-saved-*.txt"))
	if len(kept) != 1 {
		t.Fatalf("%d files keep the stopped assessment, want 1:\n%s", len(kept), out)
	}
	if b := fileBytes(t, kept[0]); strings.Contains(b, ".digicheck-") || !strings.Contains(b, p) {
		t.Errorf("the kept file names the padded copy, not the store %s:\n%s", p, b)
	}
}
