package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"digicheck/report"
	"digicheck/site"
)

// runReportCmd runs summary, export, synthetic or keygen with these
// settings, as fang would, and returns stdout and stderr.
func runReportCmd(t *testing.T, s site.Settings, mk func(*app) *cobra.Command, args ...string) (string, string, error) {
	t.Helper()
	if s.Config.Disclosure == (site.Disclosure{}) {
		s.Config.Disclosure = site.DefaultDisclosure
	}
	return execute(&app{settings: s}, mk, "", args...)
}

// syntheticDB makes a small synthetic store through the command (once a
// process: each test has its own copy).
func syntheticDB(t *testing.T) string {
	t.Helper()
	return madeOnce(t, "syntheticDB", "synthetic.db", func(db string) error {
		_, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).syntheticCmd,
			"--count", "1500", "--from", "2025-01-01", "--to", "2025-06-30", "--seed", "3", "--batch", "400")
		if err != nil {
			return fmt.Errorf("synthetic: %v\n%s", err, errOut)
		}
		if !strings.Contains(errOut, "Saved 1500 synthetic records") {
			return fmt.Errorf("synthetic said: %s", errOut)
		}
		return nil
	})
}

func TestSummaryNeverMakesAStoreWhereThereIsNone(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "typo.db")
	_, _, err := runReportCmd(t, site.Settings{DB: db}, (*app).summaryCmd)
	if err == nil || !strings.Contains(err.Error(), "no store") {
		t.Errorf("summary of a missing store: %v", err)
	}
	_, _, err = runReportCmd(t, site.Settings{}, (*app).summaryCmd, db)
	if err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("summary of a missing FILE: %v", err)
	}
	if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
		t.Error("summary made a store")
	}
}

func TestSummaryCommandOfASyntheticStore(t *testing.T) {
	t.Parallel()
	db := syntheticDB(t)
	out, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).summaryCmd, "--by", "month", "--from", "2025-01-01", "--to", "2025-06-30")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{report.SyntheticBanner, "Assessed", "By month", "2025-06", "By Ethnic category"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary output has no %q", want)
		}
	}
	if !strings.Contains(errOut, report.SyntheticBanner) {
		t.Error("piped output: the banner is not on stderr as well")
	}
	out, errOut, err = runReportCmd(t, site.Settings{DB: db}, (*app).summaryCmd, "--exact", "--from", "2025-01-01", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errOut, report.ExactBanner) || !strings.Contains(out, "exact counts, not for publication") {
		t.Errorf("--exact: stderr %q; the CSV rows carry no caveat", errOut)
	}
	out, _, err = runReportCmd(t, site.Settings{DB: db}, (*app).summaryCmd, "--by", "month", "--chart", "band.access/significant")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Run chart: Access: significant barrier") || !strings.Contains(out, "Median") {
		t.Errorf("chart:\n%s", out)
	}
	if _, _, err := runReportCmd(t, site.Settings{DB: db}, (*app).summaryCmd, "--chart", "band.access/significant", "--format", "csv"); err == nil {
		t.Error("--chart with --format csv was accepted")
	}
	if _, _, err := runReportCmd(t, site.Settings{DB: db}, (*app).summaryCmd, "--from", "1 March"); err == nil {
		t.Error("a date that is not YYYY-MM-DD was accepted")
	}
}

func TestExportWithoutAKeySaysHowToMakeOne(t *testing.T) {
	t.Parallel()
	db := syntheticDB(t)
	_, _, err := runReportCmd(t, site.Settings{DB: db}, (*app).exportCmd, "--format", "csv")
	if !errors.Is(err, report.ErrNoKey) || !strings.Contains(err.Error(), "digicheck keygen") || !strings.Contains(err.Error(), "pseudonym_key_file") {
		t.Errorf("export with no key: %v", err)
	}
	key := filepath.Join(t.TempDir(), "site.key")
	if _, _, err := runReportCmd(t, site.Settings{}, (*app).keygenCmd, key); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runReportCmd(t, site.Settings{}, (*app).keygenCmd, key); err == nil {
		t.Error("keygen overwrote a key")
	}
	settings := site.Settings{DB: db, Config: site.Config{PseudonymKeyFile: key}}
	out, errOut, err := runReportCmd(t, settings, (*app).exportCmd, "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(out, "\n"); lines != 1502 {
		t.Errorf("%d lines, want a header, 1500 rows and the end mark", lines)
	}
	if strings.Contains(out, ",nhs,") || !strings.Contains(errOut, "pseudonymised") {
		t.Errorf("the default export is not pseudonymised: %s", errOut)
	}
	out, errOut, err = runReportCmd(t, site.Settings{DB: db}, (*app).exportCmd, "--format", "ndjson", "--identifiable")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errOut, "IDENTIFIABLE") || !strings.Contains(out, `"kind":"nhs"`) {
		t.Errorf("--identifiable: stderr %q", errOut)
	}
	outFile := filepath.Join(t.TempDir(), "q.ndjson")
	if _, _, err := runReportCmd(t, settings, (*app).exportCmd, "--format", "fhir", "-o", outFile); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(outFile); err != nil || fi.Size() == 0 || fi.Mode().Perm()&0o077 != 0 && os.PathSeparator == '/' {
		t.Errorf("the FHIR export file: %v %v", fi, err)
	}
	if _, _, err := runReportCmd(t, settings, (*app).exportCmd); err == nil {
		t.Error("an export with no --format was accepted")
	}
}

func TestSummaryReadsStoresAndExportsTogether(t *testing.T) {
	t.Parallel()
	db := syntheticDB(t)
	ndjson := filepath.Join(t.TempDir(), "all.ndjson")
	if _, _, err := runReportCmd(t, site.Settings{DB: db}, (*app).exportCmd, "--format", "ndjson", "--identifiable", "-o", ndjson); err != nil {
		t.Fatal(err)
	}
	alone, _, err := runReportCmd(t, site.Settings{DB: db}, (*app).summaryCmd, "--from", "2000-01-01", "--exact", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	both, errOut, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, "--from", "2000-01-01", db, ndjson, "--exact", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	if alone != both {
		t.Errorf("a store and its own export counted differently from the store alone\n%s", errOut)
	}
}
