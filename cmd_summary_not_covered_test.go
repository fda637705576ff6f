package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"digicheck/report"
	"digicheck/site"
)

// notCoveredExport makes a store of assessments over the year before the
// last whole month and the month itself, and exports it, pseudonymised,
// for dates to `to`: a team's export made before the month's end.
func notCoveredExport(t *testing.T, dir string, to time.Time) string {
	t.Helper()
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no time zone data")
	}
	from, last := report.LastWholePeriod(time.Now(), report.Month, loc)
	db := filepath.Join(dir, "team.db")
	if _, errOut, err := runReportCmd(t, site.Settings{DB: db, Team: "Test Team"}, (*app).syntheticCmd, "--count", "400", "--seed", "7",
		"--from", from.AddDate(0, -11, 9).Format(time.DateOnly), "--to", last.Format(time.DateOnly)); err != nil {
		t.Fatalf("synthetic: %v\n%s", err, errOut)
	}
	file := filepath.Join(dir, "to "+to.Format(time.DateOnly)+".csv")
	if _, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).exportCmd, "--format", "csv", "--key-file", siteKey(t),
		"--to", to.Format(time.DateOnly), "-o", file); err != nil {
		t.Fatalf("export: %v\n%s", err, errOut)
	}
	return file
}

// dayWords finds the days a summary names: "7 Nov 2026", "7 November
// 2026", "2026-11-07".
var dayWords = regexp.MustCompile(`\b(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* (\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b`)

// daysNotMonthBounds are the days text names that are neither the first
// nor the last day of a month, nor today (the day a board report was
// made): under disclosure control a published
// summary gives a span by its periods' bounds, never by an assessment's
// day (docs/disclosure.md, rule 8).
func daysNotMonthBounds(t *testing.T, text string) []string {
	t.Helper()
	var out []string
	for _, m := range dayWords.FindAllStringSubmatch(text, -1) {
		var day time.Time
		var err error
		if m[1] != "" {
			day, err = time.Parse("2 Jan 2006", m[1]+" "+m[2]+" "+m[3])
		} else {
			day, err = time.Parse(time.DateOnly, m[4]+"-"+m[5]+"-"+m[6])
		}
		if err != nil {
			continue
		}
		if day.Day() != 1 && day.AddDate(0, 0, 1).Day() != 1 && day.Format(time.DateOnly) != time.Now().Format(time.DateOnly) {
			out = append(out, m[0])
		}
	}
	return out
}

// A summary of an export made before the end of the month it counts
// (given no dates, the last whole month; or that month asked for) counted
// the part of the month the export holds as the whole month, said only by
// "(partial)" far down its period table; given dates past the export's
// end, it said nothing, and gave the first and last assessments' days,
// each one patient's. It now says on standard error, and in every
// format's notes, that no input covers the month to its end, naming the
// month (never a day), and what to do: export again for dates to its
// end, or give --from and --to for the months the inputs cover.
func TestASummaryOfInputsThatDoNotCoverItsLastMonthToItsEndSaysSoInEveryFormat(t *testing.T) {
	t.Parallel()
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no time zone data")
	}
	from, to := report.LastWholePeriod(time.Now(), report.Month, loc)
	month := report.PeriodLabel(from, report.Month)
	_, before := report.LastWholePeriod(from, report.Month, loc)
	dir := t.TempDir()
	mid := notCoveredExport(t, dir, from.AddDate(0, 0, 14))
	early := filepath.Join(dir, "to "+before.Format(time.DateOnly)+".csv")
	if _, errOut, err := runReportCmd(t, site.Settings{DB: filepath.Join(dir, "team.db")}, (*app).exportCmd, "--format", "csv",
		"--key-file", siteKey(t), "--to", before.Format(time.DateOnly), "-o", early); err != nil {
		t.Fatalf("export: %v\n%s", err, errOut)
	}
	yearFrom := from.AddDate(0, -5, 0).Format(time.DateOnly)
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	for _, c := range []struct {
		name string
		args []string
		ask  string // the --from and --to of the months covered
	}{
		{"given no dates, an export that ends inside the month", []string{mid}, ""},
		{"the month asked for, an export that ends inside it", []string{mid, "--from", from.Format(time.DateOnly), "--to", to.Format(time.DateOnly)}, ""},
		{"the month asked for, an export that ends before it", []string{early, "--from", from.Format(time.DateOnly), "--to", to.Format(time.DateOnly)}, ""},
		{"months to the month asked for, an export that ends inside it", []string{mid, "--from", yearFrom, "--to", to.Format(time.DateOnly)},
			"--from " + yearFrom + " --to " + before.Format(time.DateOnly)},
		{"months to the month asked for, an export that ends before it", []string{early, "--from", yearFrom, "--to", to.Format(time.DateOnly)},
			"--from " + yearFrom + " --to " + before.Format(time.DateOnly)},
	} {
		for _, format := range []string{"table", "csv", "json", "markdown", "html"} {
			out, errOut, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, append([]string{"--format", format}, c.args...)...)
			if err != nil {
				t.Fatalf("%s, --format %s: %v\n%s", c.name, format, err, errOut)
			}
			if w := flat(errOut); !strings.Contains(w, "warning: No input covers "+month) {
				t.Errorf("%s, --format %s: standard error gives no warning that no input covers %s:\n%s", c.name, format, month, w)
			}
			for where, text := range map[string]string{"standard error": errOut, "the output": out} {
				text = flat(text)
				if !strings.Contains(text, "No input covers "+month) {
					t.Errorf("%s, --format %s: %s does not say that no input covers %s:\n%.3000s", c.name, format, where, month, text)
				}
				if !strings.Contains(text, "export again") {
					t.Errorf("%s, --format %s: %s does not say to export again:\n%.3000s", c.name, format, where, text)
				}
				if c.ask != "" && !strings.Contains(text, c.ask) {
					t.Errorf("%s, --format %s: %s does not give the months covered (%s):\n%.3000s", c.name, format, where, c.ask, text)
				}
				if days := daysNotMonthBounds(t, text); len(days) > 0 {
					t.Errorf("%s, --format %s: %s names days that are not a month's bounds: %v\n%.3000s", c.name, format, where, days, text)
				}
			}
		}
	}
	// The months the export covers, asked for, say nothing of cover.
	out, errOut, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, mid, "--from", yearFrom, "--to", before.Format(time.DateOnly))
	if err != nil {
		t.Fatalf("the months covered: %v\n%s", err, errOut)
	}
	for _, text := range []string{out, errOut} {
		if strings.Contains(flat(text), "No input covers") {
			t.Errorf("the months an export covers, asked for, are said not to be covered:\n%.3000s", flat(text))
		}
	}
}

// A quarter a month short (an export made to the end of a quarter's
// second month, summarised by quarter given no dates) was counted as the
// whole quarter, said only as "(partial)" in the period table.
func TestASummaryByQuarterOfAnExportThatEndsInsideTheQuarterSaysSo(t *testing.T) {
	t.Parallel()
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no time zone data")
	}
	qfrom, _ := report.LastWholePeriod(time.Now(), report.Quarter, loc)
	quarter := report.PeriodLabel(qfrom, report.Quarter)
	file := notCoveredExport(t, t.TempDir(), qfrom.AddDate(0, 2, -1))
	for _, format := range []string{"table", "csv"} {
		out, errOut, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, file, "--by", "quarter", "--format", format)
		if err != nil {
			t.Fatalf("--format %s: %v\n%s", format, err, errOut)
		}
		for where, text := range map[string]string{"standard error": errOut, "the output": out} {
			if text = strings.Join(strings.Fields(text), " "); !strings.Contains(text, "No input covers "+quarter) {
				t.Errorf("--format %s: %s does not say that no input covers %s:\n%.3000s", format, where, quarter, text)
			}
		}
	}
}
