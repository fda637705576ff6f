package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/site"
)

// A summary whose inputs hold assessments that disclosure control's rule
// 10 leaves out (a small team's 9 in a month) said on standard error "no
// assessments were counted: the inputs hold none in the period and teams
// asked for": false, and a QI lead in a pipeline took the export for empty
// or the wrong file. The note says they were read and left out, as too
// few to show; a selection that holds none still says it holds none.
func TestASummaryWhoseAssessmentsAreAllLeftOutAsTooFewSaysSoNotThatThereAreNone(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "team d.db")
	if _, errOut, err := runReportCmd(t, site.Settings{DB: db, Team: "Team D"}, (*app).syntheticCmd,
		"--count", "9", "--from", "2025-05-01", "--to", "2025-05-31", "--seed", "4"); err != nil {
		t.Fatalf("synthetic: %v\n%s", err, errOut)
	}
	for _, format := range []string{"csv", "json", "html"} {
		_, errOut, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, db, "--format", format, "--from", "2025-05-01", "--to", "2025-05-31")
		if err != nil {
			t.Fatalf("--format %s: %v\n%s", format, err, errOut)
		}
		flat := strings.Join(strings.Fields(errOut), " ")
		if strings.Contains(flat, "the inputs hold none") || !strings.Contains(flat, "no assessments were counted") ||
			!strings.Contains(flat, "left out") || !strings.Contains(flat, "too few to show") {
			t.Errorf("--format %s: the note does not say the assessments read were left out as too few to show:\n%s", format, errOut)
		}
	}
	_, errOut, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, db, "--format", "csv", "--exact", "--from", "2025-01-01", "--to", "2025-01-31")
	if err != nil || !strings.Contains(errOut, "the inputs hold none") {
		t.Errorf("a month with no assessments (%v): the note does not say the inputs hold none:\n%s", err, errOut)
	}
}
