package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/report"
	"digicheck/site"
)

// TestAnEmptyCSVSummarySaysSoOnStandardError: a selection that holds no
// assessments gives a CSV of its header only, which a script reads
// without a word; standard error says why, and the exit status is 0.
// (The input, an export of its header only, is refused without
// --allow-empty: TestAnExportOfNoRecordsIsRefusedUnlessAllowed.)
// A selection with assessments gets no such note.
func TestAnEmptyCSVSummarySaysSoOnStandardError(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.csv")
	if err := os.WriteFile(empty, []byte(strings.Join(earlierCSVColumns(), ",")+"\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, empty, "--allow-empty", "--format", "csv")
	if err != nil {
		t.Fatalf("exit with %v; want 0 (nothing wrong, only nothing counted)", err)
	}
	if !strings.Contains(errOut, "no assessments were counted") {
		t.Errorf("standard error %q: want a note that no assessments were counted", errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) == 0 || strings.Join(rows[0], ",") != strings.Join(report.SummaryCSVColumns, ",") {
		t.Errorf("standard output %q (%v): want a valid CSV with its header", out, err)
	}

	db := syntheticDB(t)
	_, errOut, err = runReportCmd(t, site.Settings{DB: db}, (*app).summaryCmd, "--format", "csv", "--from", "2025-01-01", "--to", "2025-06-30")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(errOut, "no assessments were counted") {
		t.Errorf("standard error %q for a summary that counted some", errOut)
	}
}

// TestAnExportOfNoRecordsIsRefusedUnlessAllowed: a 0-byte export beside a
// store (a copy that failed) was summarised as an export holding nothing,
// exit 0, with no word. It is refused, naming the file; --allow-empty,
// which the README documents, counts it as nothing.
func TestAnExportOfNoRecordsIsRefusedUnlessAllowed(t *testing.T) {
	t.Parallel()
	db := syntheticDB(t)
	empty := filepath.Join(t.TempDir(), "team b.ndjson")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, "--from", "2000-01-01", db, empty, "--exact", "--format", "csv")
	if err == nil || !strings.Contains(err.Error(), empty+" holds no records") || !strings.Contains(err.Error(), "a failed copy?") {
		t.Errorf("a 0-byte export beside a store: %v; want it refused, naming it", err)
	}
	if _, _, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, "--from", "2000-01-01", db, empty, "--exact", "--format", "csv", "--allow-empty"); err != nil {
		t.Errorf("with --allow-empty: %v", err)
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "--allow-empty") {
		t.Error("the README does not document --allow-empty")
	}
}
