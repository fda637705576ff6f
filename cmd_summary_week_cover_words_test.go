package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/report"
	"digicheck/site"
)

// On a site that publishes by week, an export made for dates that end
// inside the last whole week was told to "export again for dates to the
// end of 2026-11-30": a week is labelled by its Monday, so that read as
// the Monday, and an export to it would leave the week short still. It
// says the last day of the week: "for dates to 2026-12-06 (the end of
// the week of 2026-11-30)".
func TestAWeeklySiteIsToldToExportToTheEndOfTheWeek(t *testing.T) {
	t.Parallel()
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no time zone data")
	}
	monday, sunday := report.LastWholePeriod(time.Now(), report.Week, loc)
	dir := t.TempDir()
	db := filepath.Join(dir, "team.db")
	if _, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).syntheticCmd, "--count", "300", "--seed", "7",
		"--from", monday.AddDate(0, 0, -60).Format(time.DateOnly), "--to", sunday.Format(time.DateOnly)); err != nil {
		t.Fatalf("synthetic: %v\n%s", err, errOut)
	}
	file := filepath.Join(dir, "mid-week.csv")
	if _, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).exportCmd, "--format", "csv", "--key-file", siteKey(t),
		"--to", monday.AddDate(0, 0, 2).Format(time.DateOnly), "-o", file); err != nil {
		t.Fatalf("export: %v\n%s", err, errOut)
	}
	s := site.Settings{}
	s.Config.Disclosure = site.DefaultDisclosure
	s.Config.Disclosure.Grid = "week"
	_, errOut, err := runReportCmd(t, s, (*app).summaryCmd, file)
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	e := flatWords(errOut)
	week := report.PeriodLabel(monday, report.Week)
	want := "for dates to " + sunday.Format(time.DateOnly) + " (the end of the week of " + week + ")"
	if !strings.Contains(e, want) || strings.Contains(e, "to the end of "+week) {
		t.Errorf("a weekly site is not told to export to the end of the week (%q):\n%s", want, e)
	}
}
