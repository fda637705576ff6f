package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/report"
	"digicheck/site"
	"digicheck/store"
)

// The summary of an export --server file marked SERVER SHORT said
// "DAMAGED STORE ... (run digicheck check)" in every format: the words
// SERVER SHORT, and what to do (push --check-server on the machines that
// sent the lost versions, then export the server again), were on standard
// error alone, and digicheck check on the QI lead's machine found nothing
// wrong. Every format now says SERVER SHORT with what to do, and no
// DAMAGED STORE for it.
func TestASummaryOfAnExportOfAServerFoundShortSaysServerShort(t *testing.T) {
	t.Parallel()
	short := serverShort{Missing: make([]string, 800), Noticed: time.Date(2026, 12, 6, 7, 0, 0, 0, time.UTC), name: "http://127.0.0.1:18716/fhir"}
	st, err := store.Open(syntheticDB(t), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	london, err := time.LoadLocation("Europe/London") // the site's zone, as summary counts in
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, format := range []string{report.FormatCSV, report.FormatNDJSON} {
		file := filepath.Join(dir, "server."+format)
		f, err := os.Create(file)
		if err != nil {
			t.Fatal(err)
		}
		o := report.ExportOptions{Identifiable: true, Location: london, Damaged: short.mark()}
		if format == report.FormatCSV {
			_, err = report.ExportCSV(f, st, o)
		} else {
			_, err = report.ExportNDJSON(f, st, o)
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, out := range []string{report.FormatTable, report.FormatCSV, report.FormatJSON, report.FormatMarkdown} {
			got, errOut, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, "--format", out, "--from", "2025-01-01", "--to", "2025-06-30", file)
			if err != nil {
				t.Fatalf("summary of the %s export: %v\n%s", format, err, errOut)
			}
			flat := strings.Join(strings.Fields(got), " ")
			if strings.Contains(flat, "DAMAGED") || strings.Contains(strings.ToLower(flat), "damaged store") {
				t.Errorf("%s export, %s summary: calls the server found short a damaged store:\n%.1500s", format, out, got)
			}
			for _, want := range []string{"SERVER SHORT", "push --check-server", "export the server again"} {
				if !strings.Contains(flat, want) {
					t.Errorf("%s export, %s summary: does not say %q:\n%.1500s", format, out, want, got)
				}
			}
			if !strings.Contains(errOut, "SERVER SHORT") || strings.Contains(errOut, "run digicheck check") {
				t.Errorf("%s export, %s summary: standard error does not say SERVER SHORT alone:\n%s", format, out, errOut)
			}
		}
	}
}
