package main

import (
	"encoding/csv"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"digicheck/report"
	"digicheck/site"
)

// A summary given no --from or --to counted every assessment read, a year
// to date at a QI lead's store, and run each month two such releases
// overlapped: what differed in their rows by postcode district and equity
// answer was the month's patients, one by one (the one White Irish patient
// of November: access "some", skills "significant", phone, Age UK). Given
// no dates it now counts the last whole period that has ended, in every
// format, with --exact, --team and --by, and says so; the same span asked
// for with --from and --to counts the same.
func TestASummaryGivenNoDatesCountsTheLastWholeMonthInEveryFormat(t *testing.T) {
	t.Parallel()
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no time zone data")
	}
	from, to := report.LastWholePeriod(time.Now(), report.Month, loc)
	before, _ := report.LastWholePeriod(from, report.Month, loc)
	db := filepath.Join(t.TempDir(), "two months.db")
	if _, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).syntheticCmd, "--count", "400", "--seed", "7",
		"--from", before.Format(time.DateOnly), "--to", to.Format(time.DateOnly)); err != nil {
		t.Fatalf("synthetic: %v\n%s", err, errOut)
	}
	month := from.Format("2006-01")
	span := from.Format("2 Jan 2006") + " to " + to.Format("2 Jan 2006")
	periods := func(out string) []string {
		t.Helper()
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatalf("the CSV: %v\n%.600s", err, out)
		}
		var ps []string
		for _, r := range rows[1:] {
			if r[0] != "all" && r[0] != "period" && !slices.Contains(ps, r[0]) {
				ps = append(ps, r[0])
			}
		}
		return ps
	}
	// counts is the CSV without its caveat column, which says how the
	// span was chosen.
	counts := func(out string) string {
		rows, _ := csv.NewReader(strings.NewReader(out)).ReadAll()
		var b strings.Builder
		for _, r := range rows {
			b.WriteString(strings.Join(r[:8], ",") + "\n")
		}
		return b.String()
	}
	asked := []string{"--from", from.Format(time.DateOnly), "--to", to.Format(time.DateOnly)}
	for _, extra := range [][]string{nil, {"--exact"}, {"--team", "Synthetic outpatients"}} {
		s := site.Settings{DB: db}
		out, errOut, err := runReportCmd(t, s, (*app).summaryCmd, append([]string{"--format", "csv"}, extra...)...)
		if err != nil {
			t.Fatalf("summary %v: %v\n%s", extra, err, errOut)
		}
		if ps := periods(out); !slices.Equal(ps, []string{month}) {
			t.Errorf("summary %v given no dates counts the periods %v, want the last whole month, %s", extra, ps, month)
		}
		if !strings.Contains(out, "No --from or --to was given: this counts the last whole month that has ended, "+span) {
			t.Errorf("summary %v: the CSV's notes do not say it counts the last whole month, %s:\n%.800s", extra, span, out)
		}
		want, _, err := runReportCmd(t, s, (*app).summaryCmd, append(append([]string{"--format", "csv"}, extra...), asked...)...)
		if err != nil {
			t.Fatal(err)
		}
		if counts(out) != counts(want) {
			t.Errorf("summary %v given no dates counts otherwise than with %v", extra, asked)
		}
		if strings.Contains(want, "last whole month") {
			t.Errorf("summary %v %v is said to be of the last whole month, a span not asked for", extra, asked)
		}
	}
	for _, format := range []string{"table", "markdown", "html", "json"} {
		out, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).summaryCmd, "--format", format)
		if err != nil {
			t.Fatalf("--format %s: %v\n%s", format, err, errOut)
		}
		flat := strings.Join(strings.Fields(out), " ")
		heading := span + " (the last whole month), by month"
		if format == "html" {
			// Its equity rows; its charts draw every month read.
			heading = "<dt>Equity rows</dt><dd>" + from.Format("2 January 2006") + " to " + to.Format("2 January 2006") + " (the last whole month)</dd>"
		}
		if format == "json" {
			heading = "No --from or --to was given: this counts the last whole month that has ended, " + span
		}
		if !strings.Contains(flat, heading) {
			t.Errorf("--format %s does not say %q:\n%.1200s", format, heading, out)
		}
	}
	// By week (off this site's grid, so exact): the last whole week.
	wfrom, wto := report.LastWholePeriod(time.Now(), report.Week, loc)
	out, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).summaryCmd, "--exact", "--by", "week")
	if err != nil {
		t.Fatalf("--by week: %v\n%s", err, errOut)
	}
	if want := wfrom.Format("2 Jan 2006") + " to " + wto.Format("2 Jan 2006") + " (the last whole week), by week"; !strings.Contains(strings.Join(strings.Fields(out), " "), want) {
		t.Errorf("--by week does not say %q:\n%.800s", want, out)
	}
	// A chart draws each period's own counts: the periods read.
	out, errOut, err = runReportCmd(t, site.Settings{DB: db}, (*app).summaryCmd, "--chart", "assessed")
	if err != nil {
		t.Fatalf("--chart: %v\n%s", err, errOut)
	}
	if !strings.Contains(out, before.Format("2006-01")) || !strings.Contains(out, month) {
		t.Errorf("the chart given no dates does not draw %s and %s:\n%s", before.Format("2006-01"), month, out)
	}
}
