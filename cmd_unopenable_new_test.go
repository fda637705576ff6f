package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
)

// A store cut short so deep that it cannot be read even from a copy
// padded to its length (its root, or its header, among the pages cut
// off), or a store file left empty: every new assessment was refused
// before the first question ("restore the store from a backup"), so a
// community nurse whose laptop copy failed could assess no one, while a
// store damaged anywhere else lets the assessment go on. A new assessment
// on it now does as on any damaged store: it is warned of before the
// first question, goes on, and at the save its answers and note are kept
// in a file beside the store, which is never written to.
func TestANewAssessmentOnAStoreCutShortBeyondReadingOrEmptyIsKeptInAFile(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 3)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a := testkit.V2(testkit.Included(questionnaire.Answers{
		questionnaire.LinkTasks: {questionnaire.TaskText}, questionnaire.LinkChoice: {string(questionnaire.RouteApp)},
	}))
	res, err := questionnaire.Current.Assess(a, questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	lines := append(append(append([]string{}, pipedPatient...), pipedAccess...), pipedRest...)
	lines = append(lines, declineShown(len(res.Recommendation.Referrals))...)
	lines = append(lines, "1", "1") // save; finish, with the answers kept in the file
	for _, size := range []int{0, 100, 4096, 8192} {
		p := filepath.Join(t.TempDir(), "digicheck.db")
		if err := os.WriteFile(p, b[:size], 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := runNewPiped(t, p, strings.Join(lines, "\n")+"\n")
		warn := strings.Index(out, "Warning: this assessment cannot be saved in the store")
		first := strings.Index(out, "Patient identifier")
		if warn < 0 || first < 0 || warn > first {
			t.Errorf("cut to %d bytes: no warning before the first question (at %d, the question at %d): %v\n%s", size, warn, first, err, out)
			continue
		}
		if err == nil || !strings.Contains(err.Error(), "not saved in the store") {
			t.Errorf("cut to %d bytes: the run ends with %v, not that the assessment was not saved\n%s", size, err, out)
		}
		kept, _ := filepath.Glob(filepath.Join(filepath.Dir(p), "digicheck-not-saved-*.txt"))
		if len(kept) != 1 || !strings.Contains(out, kept[0]) {
			t.Errorf("cut to %d bytes: %d files keep the assessment, want 1 named in the output:\n%s", size, len(kept), out)
			continue
		}
		if k := fileBytes(t, kept[0]); !strings.Contains(k, "9434765919") || !strings.Contains(k, `"answers"`) || strings.Contains(k, ".digicheck-") {
			t.Errorf("cut to %d bytes: the kept file lacks the patient or the answers, or names a temporary file:\n%s", size, k)
		}
		if strings.Contains(out, ".digicheck-") {
			t.Errorf("cut to %d bytes: the run names a temporary file, not the store:\n%s", size, out)
		}
		if left, _ := filepath.Glob(filepath.Join(filepath.Dir(p), ".digicheck-*")); len(left) > 0 {
			t.Errorf("cut to %d bytes: a temporary file was left behind: %v", size, left)
		}
		if got, err := os.ReadFile(p); err != nil || string(got) != string(b[:size]) {
			t.Errorf("cut to %d bytes: the store was changed: %v", size, err)
		}
	}
}
