package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"digicheck/report"
	"digicheck/site"
	"digicheck/store"
)

// csvExportRow is a CSV export row of an assessment made at ts.
func csvExportRow(id, ts string) string {
	set := map[string]string{
		"id": id, "patient": "RX1", "patient_kind": "local", "time": ts, "date": ts[:10], "team": "Ward 7",
		"status": "completed", "synthetic": "no", "instrument_version": "1", "directory_version": "1",
		"band_access": "none", "band_skills": "none", "band_motivation": "none", "band_trust": "none",
		"primary_route": "phone", "fallback_route": "letter",
	}
	var f []string
	for _, c := range earlierCSVColumns() {
		f = append(f, set[c])
	}
	return strings.Join(f, ",") + "\r\n"
}

// earlierCSVColumns are the CSV export's columns before the end mark
// (report.EndMarkColumn) and row checks (report.RowCheckColumn): a file of
// them, as csvExportRow's rows are, is read as an earlier build's export,
// with no end mark to check.
func earlierCSVColumns() []string {
	columns, _, err := exportedColumns()
	if err != nil {
		panic(err)
	}
	return slices.DeleteFunc(slices.Clone(columns), func(c string) bool { return c == report.EndMarkColumn || c == report.RowCheckColumn })
}

// exportedColumns are the header of a CSV export of an empty store, split
// after the row checks (report.RowCheckColumn): the columns of every CSV
// export, then those the later instrument versions add.
func exportedColumns() (columns, added []string, err error) {
	all, err := exportedHeader()
	if err != nil {
		return nil, nil, err
	}
	i := slices.Index(all, report.RowCheckColumn) + 1
	if i == 0 {
		return nil, nil, fmt.Errorf("an export's header has no %s column: %v", report.RowCheckColumn, all)
	}
	return all[:i:i], all[i:], nil
}

var exportedHeader = sync.OnceValues(func() ([]string, error) {
	dir, err := os.MkdirTemp("", "columns")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	st, err := store.Open(filepath.Join(dir, "empty.db"), store.Options{})
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if _, err := report.ExportCSV(&b, st, report.ExportOptions{Identifiable: true}); err != nil {
		return nil, err
	}
	head, _, _ := strings.Cut(b.String(), "\r\n")
	return strings.Split(head, ","), nil
})

// summary names each record it skips for its date on stderr, at its
// FILE:LINE, and says how many in the output; a typed year before 2000 is
// refused with the reason.
func TestSummaryNamesRecordsSkippedForTheirDates(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "odd.csv")
	doc := strings.Join(earlierCSVColumns(), ",") + "\r\n" +
		csvExportRow("01957a3c-0000-7000-8000-000000000001", "0001-01-01T11:00:00Z") +
		csvExportRow("01957a3c-0000-7000-8000-000000000002", "2026-01-05T11:00:00Z") +
		csvExportRow("01957a3c-0000-7000-8000-000000000003", "9999-12-31T11:00:00Z")
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, "--exact", "--from", "2026-01-01", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"warning: 2 records skipped: dated 0001-01-01, 9999-12-31", path + ":2 (dated 0001-01-01)", path + ":4 (dated 9999-12-31)"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr has no %q:\n%s", want, errOut)
		}
	}
	if !strings.Contains(out, "2 records skipped") || strings.Count(out, "2026-01") == 0 {
		t.Errorf("output:\n%s", out)
	}
	for _, bad := range []string{"0026-01-01", "9999-12-31"} {
		_, _, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, "--from", "2026-01-01", "--to", bad, path)
		if err == nil || !strings.Contains(err.Error(), "--to "+bad) {
			t.Errorf("--to %s: %v", bad, err)
		}
	}
}

// TestChartWidthComesFromTheTerminalElseCOLUMNSElse80: a chart piped or
// saved was drawn for 120 columns whatever COLUMNS said.
func TestChartWidthComesFromTheTerminalElseCOLUMNSElse80(t *testing.T) {
	var buf bytes.Buffer
	for _, tt := range []struct {
		columns string
		want    int
	}{{"", 80}, {"132", 132}, {"not a number", 80}, {"5", 80}} {
		t.Setenv("COLUMNS", tt.columns)
		if got := terminalWidth(&buf); got != tt.want {
			t.Errorf("COLUMNS=%q: width %d, want %d", tt.columns, got, tt.want)
		}
	}
}

// weeksCSV writes an export of one assessment each Monday for n weeks
// from 5 January 2026.
func weeksCSV(t *testing.T, n int) string {
	path := filepath.Join(t.TempDir(), "weeks.csv")
	doc := strings.Join(earlierCSVColumns(), ",") + "\r\n"
	monday := time.Date(2026, 1, 5, 11, 0, 0, 0, time.UTC)
	for i := range n {
		doc += csvExportRow(fmt.Sprintf("01957a3c-0000-7000-8000-%012d", i+1), monday.AddDate(0, 0, 7*i).Format(time.RFC3339))
	}
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestChartChangesComeFromTheConfigAndTheCommandLine: the config's changes
// and --change are drawn lettered on the chart, --recalculate starts the
// median afresh, and a chart option without --chart, or a change without a
// date or label, is refused with what to give.
func TestChartChangesComeFromTheConfigAndTheCommandLine(t *testing.T) {
	t.Parallel()
	path := weeksCSV(t, 24)
	settings := site.Settings{Config: site.Config{Changes: []site.Change{{Date: "2026-01-12", Label: "Leaflets"}}}}
	out, _, err := runReportCmd(t, settings, (*app).summaryCmd, "--exact", "--by", "week", "--chart", "assessed",
		"--change", "2026-03-30:Text reminders", "--recalculate", "2026-03-30", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Change 1: 2026-01-12, Leaflets", "Change 2: 2026-03-30, Text reminders (worked out afresh from here)", "from 2026-03-30"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
	out, _, err = runReportCmd(t, site.Settings{}, (*app).summaryCmd, "--exact", "--by", "week", "--chart", "assessed", "--spc", "xmr", path)
	if err != nil || !strings.Contains(out, "Method: XmR chart") {
		t.Errorf("--spc xmr: %v\n%s", err, out)
	}
	for _, args := range [][]string{
		{"--spc", "xmr"},
		{"--change", "2026-01-26:Text reminders"},
		{"--chart", "assessed", "--change", "Text reminders"},
		{"--chart", "assessed", "--change", "2026-01-26:"},
		{"--chart", "assessed", "--baseline", "1"},
		{"--chart", "assessed", "--baseline", "0"},
		{"--exact", "--by", "week", "--chart", "assessed", "--baseline", "100"},
		{"--exact", "--by", "week", "--chart", "assessed", "--change", "2020-01-06:Before the data"},
		{"--chart", "assessed", "--spc", "p"},
		{"--exact", "--by", "week", "--chart", "assessed", "--recalculate", "2026-01-26"},
	} {
		if _, _, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, append(args, path)...); err == nil {
			t.Errorf("summary %v: no error", args)
		}
	}
}

// TestARecalculationNeedsTwelveWholePeriodsEachSide: the centre and limits
// are worked out afresh from a change only with 12 or more whole periods
// before it and from it on (the threshold of NHSRplotthedots, the NHS-R
// tool for Making Data Count; fewer are "trial limits"). --recalculate
// with fewer is refused, saying how many there are; a standing change in
// the site config with fewer is drawn, not recalculated from, and the
// chart says why. At 12 on each side it is worked out afresh.
func TestARecalculationNeedsTwelveWholePeriodsEachSide(t *testing.T) {
	t.Parallel()
	path := weeksCSV(t, 24)
	for _, c := range []struct {
		date string
		ok   bool
	}{
		{"2026-03-23", false}, // 11 before, 13 on
		{"2026-03-30", true},  // 12 and 12
		{"2026-04-06", false}, // 13 and 11
		{"2026-01-12", false}, // 1 and 23
	} {
		for _, spc := range []bool{false, true} {
			args := []string{"--exact", "--by", "week", "--chart", "assessed", "--recalculate", c.date, path}
			if spc {
				args = append([]string{"--spc", "xmr"}, args...)
			}
			out, _, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, args...)
			switch {
			case c.ok && err != nil:
				t.Errorf("--recalculate %s (spc %v): %v", c.date, spc, err)
			case c.ok && !strings.Contains(out, "from "+c.date):
				t.Errorf("--recalculate %s (spc %v): not worked out afresh:\n%s", c.date, spc, out)
			case !c.ok && (err == nil || !strings.Contains(err.Error(), "12 or more on each side")):
				t.Errorf("--recalculate %s (spc %v): %v, want refused for too few periods", c.date, spc, err)
			}
		}
	}
	settings := site.Settings{Config: site.Config{Changes: []site.Change{{Date: "2026-01-12", Label: "Leaflets", Recalculate: true}}}}
	out, _, err := runReportCmd(t, settings, (*app).summaryCmd, "--exact", "--by", "week", "--chart", "assessed", path)
	if err != nil {
		t.Fatalf("a standing change with too few periods: %v", err)
	}
	flat := strings.Join(strings.Fields(out), " ")
	if !strings.Contains(flat, "Change 1 (2026-01-12) is not recalculated from: that would leave 1 whole periods before it and 23 from it on") ||
		strings.Contains(flat, "from 2026-01-12") {
		t.Errorf("the standing change is recalculated from, or not said:\n%s", out)
	}
}
