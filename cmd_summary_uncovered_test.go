package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/report"
	"digicheck/site"
)

// A summary given no dates counts the last whole month; of a team's
// export made for dates to the end of the month before (or a store whose
// assessments stop there), it printed a page of * for a month no input
// covers, with status 0 and nothing on standard error, which read as a
// month of fewer than 10. It now says, on standard error and in its
// notes, that no input covers the month it counts, and gives the --from
// and --to of the last whole month they do cover; of inputs read after
// it, that none of their assessments is in it is said on standard error
// alone, and only with --exact (with disclosure control, the output and
// standard error say the same of a month of none as of a few).
func TestASummaryGivenNoDatesOfInputsThatEndBeforeTheLastWholeMonthSaysSo(t *testing.T) {
	t.Parallel()
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no time zone data")
	}
	from, to := report.LastWholePeriod(time.Now(), report.Month, loc)
	bfrom, bto := report.LastWholePeriod(from, report.Month, loc)
	dir := t.TempDir()
	db := filepath.Join(dir, "ends early.db")
	if _, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).syntheticCmd, "--count", "200", "--seed", "5",
		"--from", bfrom.AddDate(0, -2, 0).Format(time.DateOnly), "--to", bto.Format(time.DateOnly)); err != nil {
		t.Fatalf("synthetic: %v\n%s", err, errOut)
	}
	csvFile := filepath.Join(dir, "to last month.csv")
	if _, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).exportCmd, "--format", "csv", "--key-file", siteKey(t),
		"--to", bto.Format(time.DateOnly), "-o", csvFile); err != nil {
		t.Fatalf("export: %v\n%s", err, errOut)
	}
	span := report.PeriodLabel(from, report.Month) + ", the last whole month (" + from.Format("2 Jan 2006") + " to " + to.Format("2 Jan 2006") + ")"
	ask := "--from " + bfrom.Format(time.DateOnly) + " --to " + bto.Format(time.DateOnly)
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	for _, c := range []struct {
		name string
		args []string
		says string // what the note says of the month counted
		out  bool   // said in the output too, not only on standard error
	}{
		{"an export made for dates that end before the month", []string{csvFile}, "No input covers " + span, true},
		{"a store whose assessments end before the month", []string{"--exact"}, "None of the assessments read is in " + span, false},
	} {
		for _, format := range []string{"table", "csv", "json", "markdown"} {
			out, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).summaryCmd, append([]string{"--format", format}, c.args...)...)
			if err != nil {
				t.Fatalf("%s, --format %s: %v\n%s", c.name, format, err, errOut)
			}
			for where, text := range map[string]string{"standard error": errOut, "the output's notes": out} {
				text = flat(text)
				if where != "standard error" && !c.out {
					if strings.Contains(text, "None of the assessments read") {
						t.Errorf("%s, --format %s: the output says the inputs hold none of the month:\n%.1500s", c.name, format, text)
					}
					continue
				}
				if !strings.Contains(text, c.says) {
					t.Errorf("%s, --format %s: %s does not say %q:\n%.1500s", c.name, format, where, c.says, text)
				}
				if !strings.Contains(text, ask) {
					t.Errorf("%s, --format %s: %s does not say how to count the month the inputs cover (%s):\n%.1500s", c.name, format, where, ask, text)
				}
			}
		}
	}
	// The month the inputs cover, asked for, says nothing of it.
	out, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).summaryCmd, csvFile, "--from", bfrom.Format(time.DateOnly), "--to", bto.Format(time.DateOnly))
	if err != nil {
		t.Fatalf("%s: %v\n%s", ask, err, errOut)
	}
	for _, text := range []string{out, errOut} {
		if t2 := flat(text); strings.Contains(t2, "No input covers") || strings.Contains(t2, "None of the assessments read is in") {
			t.Errorf("%s says the inputs do not cover the span:\n%.1500s", ask, t2)
		}
	}
}

// Inputs that hold assessments of the last whole month are said to cover
// it: no word of a month no input covers.
func TestASummaryGivenNoDatesOfInputsThatHoldTheLastWholeMonthSaysNothingOfCover(t *testing.T) {
	t.Parallel()
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no time zone data")
	}
	from, to := report.LastWholePeriod(time.Now(), report.Month, loc)
	db := filepath.Join(t.TempDir(), "whole.db")
	if _, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).syntheticCmd, "--count", "200", "--seed", "5",
		"--from", from.AddDate(0, -2, 0).Format(time.DateOnly), "--to", to.Format(time.DateOnly)); err != nil {
		t.Fatalf("synthetic: %v\n%s", err, errOut)
	}
	out, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).summaryCmd)
	if err != nil {
		t.Fatalf("summary: %v\n%s", err, errOut)
	}
	for _, text := range []string{out, errOut} {
		if t2 := strings.Join(strings.Fields(text), " "); strings.Contains(t2, "No input covers") || strings.Contains(t2, "None of the assessments read is in") {
			t.Errorf("a summary of a store that holds the last whole month says it is not covered:\n%.1500s", t2)
		}
	}
}
