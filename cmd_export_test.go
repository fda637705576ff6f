package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/site"
)

// TestExportRefusesFromAfterTo: a period that ends before it starts holds
// no day; an export of it used to write only a header and exit 0, which a
// warehouse load would take for "no assessments".
func TestExportRefusesFromAfterTo(t *testing.T) {
	db := syntheticDB(t)
	out, _, err := runReportCmd(t, site.Settings{DB: db}, (*app).exportCmd,
		"--format", "csv", "--identifiable", "--from", "2025-03-31", "--to", "2025-01-01")
	if err == nil || !strings.Contains(err.Error(), "--from 2025-03-31 is after --to 2025-01-01") {
		t.Errorf("--from after --to: err %v", err)
	}
	if out != "" {
		t.Errorf("something was written: %q", out)
	}
	// One day is a period.
	if _, _, err := runReportCmd(t, site.Settings{DB: db}, (*app).exportCmd,
		"--format", "csv", "--identifiable", "--from", "2025-03-31", "--to", "2025-03-31", "-o", filepath.Join(t.TempDir(), "day.csv")); err != nil {
		t.Errorf("--from and --to the same day: %v", err)
	}
}
