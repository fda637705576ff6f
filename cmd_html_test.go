package main

import (
	"strings"
	"testing"

	"digicheck/site"
)

// TestSummaryWritesTheBoardReport: --format html names the site, the
// version and the directory in force, and never the store's path.
func TestSummaryWritesTheBoardReport(t *testing.T) {
	t.Parallel()
	db := syntheticDB(t)
	s := site.Settings{DB: db}
	s.Config.SiteName = "Example Community Healthcare NHS Trust"
	out, errOut, err := runReportCmd(t, s, (*app).summaryCmd, "--format", "html", "--from", "2025-01-01", "--to", "2025-06-30", "--change", "2025-03-03:Text reminders")
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	for _, want := range []string{"<!DOCTYPE html>", "<p class=\"site\">Example Community Healthcare NHS Trust</p>",
		"<dt>Versions</dt><dd>digicheck ", "referral directory ", "Change 1 (3 Mar 2025): Text reminders."} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if strings.Contains(out, db) || strings.Contains(out, "synthetic.db") {
		t.Error("the report names the store's path")
	}
	if _, _, err := runReportCmd(t, s, (*app).summaryCmd, "--format", "pdf"); err == nil || !strings.Contains(err.Error(), "markdown or html") {
		t.Errorf("--format pdf: %v", err)
	}
}
