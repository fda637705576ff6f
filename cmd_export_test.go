package main

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"digicheck/record"
	"digicheck/site"
)

// TestExportRefusesFromAfterTo: a period that ends before it starts holds
// no day; an export of it used to write only a header and exit 0, which a
// warehouse load would take for "no assessments".
func TestExportRefusesFromAfterTo(t *testing.T) {
	t.Parallel()
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

// siteKey makes a key with keygen.
func siteKey(t *testing.T) string {
	t.Helper()
	key := filepath.Join(t.TempDir(), "site.key")
	if _, _, err := runReportCmd(t, site.Settings{}, (*app).keygenCmd, key); err != nil {
		t.Fatal(err)
	}
	return key
}

// TestSummaryOfAPseudonymisedExportIsTheStores: summary over the default,
// pseudonymised CSV or NDJSON export (pseudonymous ids, times to the date)
// prints what summary over the store prints: each assessment once, its
// latest version, voids left out.
func TestSummaryOfAPseudonymisedExportIsTheStores(t *testing.T) {
	t.Parallel()
	db := syntheticDB(t)
	settings := site.Settings{DB: db, Config: site.Config{PseudonymKeyFile: siteKey(t)}}
	want, _, err := runReportCmd(t, settings, (*app).summaryCmd, "--from", "2000-01-01", "--exact", "--format", "csv", "--by", "week")
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"csv", "ndjson"} {
		file := filepath.Join(t.TempDir(), "export."+format)
		_, errOut, err := runReportCmd(t, settings, (*app).exportCmd, "--format", format, "-o", file)
		if err != nil || !strings.Contains(errOut, "pseudonymised, times to the date") {
			t.Fatalf("export: %v %s", err, errOut)
		}
		got, _, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, "--from", "2000-01-01", file, "--exact", "--format", "csv", "--by", "week")
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("summary of the pseudonymised %s export differs from the store's", format)
		}
	}
}

// TestTheSiteSetsTheExportTimePrecision: export_time_precision in the site
// config is what a pseudonymised export uses, and a value it does not know
// is an error at its line.
func TestTheSiteSetsTheExportTimePrecision(t *testing.T) {
	t.Parallel()
	db := syntheticDB(t)
	settings := site.Settings{DB: db, Config: site.Config{PseudonymKeyFile: siteKey(t), ExportTimePrecision: "minute"}}
	out, errOut, err := runReportCmd(t, settings, (*app).exportCmd, "--format", "csv")
	if err != nil || !strings.Contains(errOut, "times to the minute") {
		t.Fatalf("export: %v %s", err, errOut)
	}
	rows := strings.Split(strings.TrimSpace(out), "\r\n")[1:]
	for _, row := range rows[:len(rows)-1] { // the last, the end mark
		tm := strings.Split(row, ",")[3]
		if !strings.HasSuffix(tm, ":00Z") {
			t.Fatalf("time %q is not to the minute", tm)
		}
	}
	_, err = site.ParseConfig("config.toml", []byte("site_name = \"x\"\nexport_time_precision = \"hour\"\n"), t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "config.toml:2:") || !strings.Contains(err.Error(), "export_time_precision") {
		t.Errorf("an unknown precision: %v", err)
	}
}

// TestExportRefusesATeamItCannotFilterBy: --team names the team written on
// new assessments; given to export, which writes every team's records, it
// would have been ignored and every team's patients sent. It is refused,
// and nothing is written.
func TestExportRefusesATeamItCannotFilterBy(t *testing.T) {
	db := syntheticDB(t)
	to := filepath.Join(t.TempDir(), "one-team.csv")
	_, _, err := runCLI(t, map[string]string{"DIGICHECK_DB": db}, "", "export", "--format", "csv", "--identifiable", "--team", "Ward 9", "-o", to)
	if err == nil || !strings.Contains(err.Error(), "export has no team filter") {
		t.Fatalf("export --team: %v", err)
	}
	if _, err := os.Stat(to); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("an export was written: %v", err)
	}
	// The team set for new assessments (DIGICHECK_TEAM on a ward machine)
	// does not stop an export.
	if _, _, err := runCLI(t, map[string]string{"DIGICHECK_DB": db, "DIGICHECK_TEAM": "Ward 9"}, "", "export", "--format", "csv", "--identifiable", "-o", to); err != nil {
		t.Errorf("export with the machine's team set: %v", err)
	}
}

// TestExportHelpNamesEveryColumn: export --help lists every CSV column an
// export can hold, those the later instrument versions add included, since
// the help stopped at fingerprint while the CSV had nine more.
func TestExportHelpNamesEveryColumn(t *testing.T) {
	var out bytes.Buffer
	root := newRoot(strings.NewReader(""), &out, &bytes.Buffer{})
	root.SetArgs([]string{"export", "--help"})
	if err := root.Execute(); err != nil {
		t.Fatal(err)
	}
	columns, added, err := exportedColumns()
	if err != nil {
		t.Fatal(err)
	}
	cols := append(slices.Clone(columns), added...)
	if len(added) == 0 {
		t.Fatal("no instrument version adds a column, so the test shows nothing")
	}
	for _, c := range cols {
		if !regexp.MustCompile(`(^|[\s,(])` + regexp.QuoteMeta(c) + `([\s,).]|$)`).MatchString(out.String()) {
			t.Errorf("export --help does not name the column %s", c)
		}
	}
}

// TestExportHelpListsEveryCSVColumn: the column lists in export's help,
// written out so that a start does not wrap them, are the CSV's columns in
// the CSV's order (new columns only ever go on the end, and the help says
// so), wrapped as columnList wraps them.
func TestExportHelpListsEveryCSVColumn(t *testing.T) {
	columns, added, err := exportedColumns()
	if err != nil {
		t.Fatal(err)
	}
	if want := columnList(columns); exportColumns != want {
		t.Errorf("export's help lists the CSV columns as\n  %s\nwant\n  %s", exportColumns, want)
	}
	if want := columnList(added); exportAddedColumns != want {
		t.Errorf("export's help lists the columns later instrument versions add as\n  %s\nwant\n  %s", exportAddedColumns, want)
	}
}

// columnList lists names separated by ", " in lines of 76 cells, each
// but the first starting with two spaces (the first follows two in the help).
func columnList(names []string) string {
	return strings.TrimSpace(record.Wrap(strings.Join(names, ", "), "  ", "  ", 78))
}
