package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/report"
	"digicheck/site"
)

// withoutEndRow is rows, a CSV export's, without its end mark's row.
func withoutEndRow(rows [][]string) [][]string {
	if len(rows) < 2 {
		return rows
	}
	i := slices.Index(rows[0], report.EndMarkColumn)
	if last := rows[len(rows)-1]; i >= 0 && i < len(last) && last[i] != "" {
		return rows[:len(rows)-1]
	}
	return rows
}

// exportLines are the lines of an NDJSON export without its first and
// last, its end mark's ({"digicheck_export":...}), and without blank ones.
func exportLines(out string) []string {
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if _, fhirEnd := testkit.EndMarkCount([]byte(l)); l != "" && !strings.HasPrefix(l, `{"`+report.MarkField+`":`) && !fhirEnd {
			lines = append(lines, l)
		}
	}
	return lines
}

// TestSummaryRefusesAnExportCutShortAtALineEndAndNotesAnEarlierBuildsOne:
// a QI lead summarises an export file that a full disk cut short at a
// row's end: summary fails, naming the file as incomplete, where it
// counted what was left with no word. An export of an earlier build, with
// no end mark, is counted, and standard error notes that whether it is
// complete cannot be checked.
func TestSummaryRefusesAnExportCutShortAtALineEndAndNotesAnEarlierBuildsOne(t *testing.T) {
	t.Parallel()
	db := syntheticDB(t)
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole.csv")
	settings := site.Settings{DB: db}
	if _, stderr, err := runReportCmd(t, settings, (*app).exportCmd, "--format", "csv", "--identifiable", "-o", whole); err != nil {
		t.Fatalf("export: %v\n%s", err, stderr)
	}
	b, err := os.ReadFile(whole)
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(dir, "cut.csv")
	end := bytes.LastIndex(b[:len(b)-2], []byte("\r\n")) + 2 // without the end mark's row
	end = bytes.LastIndex(b[:end-2], []byte("\r\n")) + 2     // and a record's
	if err := os.WriteFile(cut, b[:end], 0o600); err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, "--from", "2000-01-01", "--exact", whole); err != nil || strings.Contains(stderr, "end mark") {
		t.Fatalf("summary of the whole export: %v\n%s", err, stderr)
	}
	_, _, err = runReportCmd(t, site.Settings{}, (*app).summaryCmd, "--from", "2000-01-01", "--exact", cut)
	if err == nil || !strings.Contains(err.Error(), cut) || !strings.Contains(err.Error(), "incomplete") {
		t.Errorf("summary of the export cut short at a row's end: %v; want it refused, naming the file as incomplete", err)
	}
	earlier := filepath.Join("report", "testdata", "export-before-fingerprints.ndjson")
	_, stderr, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, "--from", "2000-01-01", "--exact", earlier)
	if err != nil || !strings.Contains(stderr, "note: "+earlier+" has no end mark") || !strings.Contains(stderr, "cannot be checked") {
		t.Errorf("summary of an earlier build's export: %v; want it counted, with a note that it cannot be checked:\n%s", err, stderr)
	}
}
