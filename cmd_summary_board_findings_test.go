package main

import (
	"strings"
	"testing"
	"time"

	"digicheck/site"
)

// The board report of a small team (about 25 assessments a month, some
// of them in the month under way) printed a literal \x0a in a chart's
// findings, where the chart's note held two sentences on lines of their
// own: "... chart a longer period (--by).\x0aAssessments from 1 Dec 2026
// on are not counted". Each line of a note is a finding of its own.
func TestTheBoardReportsFindingsHoldNoEscapedLineBreak(t *testing.T) {
	t.Parallel()
	db := t.TempDir() + "/small.db"
	now := time.Now()
	if _, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).syntheticCmd, "--count", "300", "--seed", "43",
		"--from", now.AddDate(-1, 0, 0).Format(time.DateOnly), "--to", now.Format(time.DateOnly)); err != nil {
		t.Fatalf("synthetic: %v\n%s", err, errOut)
	}
	out, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).summaryCmd, "--format", "html")
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if strings.Contains(out, `\x0a`) || strings.Contains(out, `\n`) {
		i := max(strings.Index(out, `\x0a`), strings.Index(out, `\n`))
		t.Errorf("the board report holds an escaped line break:\n%s", out[max(0, i-300):min(len(out), i+300)])
	}
	if !strings.Contains(out, "<li>Assessments from ") {
		t.Errorf("the note that the month under way is not counted is not a finding of its own")
	}
}
