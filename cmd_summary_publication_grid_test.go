package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/report"
	"digicheck/site"
)

// TestAMonthlyAndAWeeklyReleaseOfOneSpanCannotBothBePublished: a monthly
// summary from Sunday 1 March and a weekly one from Monday 2 March, to 31
// May, differed by that Sunday's one patient. With disclosure control a
// site publishes by month unless its config says by week, and refuses
// the other, naming the span that would do; --exact counts any.
func TestAMonthlyAndAWeeklyReleaseOfOneSpanCannotBothBePublished(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "spring.csv")
	doc := strings.Join(earlierCSVColumns(), ",") + "\r\n" +
		csvExportRow("01957a3c-0000-7000-8000-000000000001", "2026-03-01T11:00:00Z") +
		csvExportRow("01957a3c-0000-7000-8000-000000000002", "2026-03-02T11:00:00Z") +
		csvExportRow("01957a3c-0000-7000-8000-000000000003", "2026-05-20T11:00:00Z")
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	monthly := []string{"--format", "csv", "--by", "month", "--from", "2026-03-01", "--to", "2026-05-31", path}
	weekly := []string{"--format", "csv", "--by", "week", "--from", "2026-03-02", "--to", "2026-05-31", path}
	byMonth := site.Settings{}
	byWeek := site.Settings{Config: site.Config{Disclosure: site.Disclosure{MaxSuppressed: 7, RoundTo: 5, Grid: "week"}}}

	if _, _, err := runReportCmd(t, byMonth, (*app).summaryCmd, monthly...); err != nil {
		t.Errorf("by month, on a site that publishes by month: %v", err)
	}
	_, _, err := runReportCmd(t, byMonth, (*app).summaryCmd, weekly...)
	if err == nil || !strings.Contains(err.Error(), "--by month --from 2026-03-01 --to 2026-05-31") {
		t.Errorf("by week, on a site that publishes by month: %v; want it refused, naming the months that would do", err)
	}
	if _, _, err := runReportCmd(t, byWeek, (*app).summaryCmd, weekly...); err != nil {
		t.Errorf("by week, on a site that publishes by week: %v", err)
	}
	_, _, err = runReportCmd(t, byWeek, (*app).summaryCmd, monthly...)
	if err == nil || !strings.Contains(err.Error(), "--by week --from 2026-02-23 --to 2026-05-31") {
		t.Errorf("by month, on a site that publishes by week: %v; want it refused, naming the weeks that would do", err)
	}
	if _, _, err := runReportCmd(t, byMonth, (*app).summaryCmd, append([]string{"--exact"}, weekly...)...); err != nil {
		t.Errorf("--exact by week: %v", err)
	}
	// A grid the site config cannot mean is refused where it is written.
	if _, err := site.ParseConfig("site.toml", []byte("[disclosure]\ngrid = \"fortnight\"\n"), t.TempDir()); err == nil || !strings.Contains(err.Error(), "grid \"fortnight\"") {
		t.Errorf("grid = \"fortnight\": %v", err)
	}
	if c, err := site.ParseConfig("site.toml", []byte("[disclosure]\ngrid = \"week\"\n"), t.TempDir()); err != nil || c.Disclosure.Grid != report.GridWeek {
		t.Errorf("grid = \"week\": %v, %q", err, c.Disclosure.Grid)
	}
}
