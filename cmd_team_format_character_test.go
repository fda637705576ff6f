package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/site"
	"digicheck/store"
)

// TestATeamSavedWithAnInvisibleMarkIsCountedAsItselfAndShownApart: a team
// typed with a left-to-right mark (pasted from an e-mail, say) is another
// team than the same name without it. The summary counts each under the
// name as saved, and shows the one with the mark escaped, so that the two
// rows do not read alike; --team finds it by the name as saved, and due
// lists it as saved.
func TestATeamSavedWithAnInvisibleMarkIsCountedAsItselfAndShownApart(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "digicheck.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	marked := "Ward 7\u200e"
	for _, team := range []string{marked, marked, "Ward 7"} {
		r := testkit.Assessed(t, testkit.Offline(nil))
		r.Team = team
		if err := st.Save(&r); err != nil {
			t.Fatal(err)
		}
	}
	out, _, err := runReportCmd(t, site.Settings{DB: path}, (*app).summaryCmd, "--exact", "--from", "2000-01-01", "--format", "markdown")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "\u200e") {
		t.Errorf("the summary holds the mark raw: the two teams read alike:\n%s", out)
	}
	for _, row := range []string{`\| Ward 7\\u200e \|\s+2 \|`, `\| Ward 7 +\|\s+1 \|`} {
		if !regexp.MustCompile(row).MatchString(out) {
			t.Errorf("the summary by team has no row %s:\n%s", row, out)
		}
	}
	out, _, err = runReportCmd(t, site.Settings{DB: path}, (*app).summaryCmd, "--exact", "--from", "2000-01-01", "--format", "json", "--team", marked)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`"breakdown": "all",\s*"group": "all",\s*"measure": "assessed",\s*"count": 2\s*}`).MatchString(out) {
		t.Errorf("--team with the name as saved does not count its two assessments:\n%s", out)
	}
}
