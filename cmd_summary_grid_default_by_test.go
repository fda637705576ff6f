package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/site"
)

// On a site whose config publishes by week, summary given no --by was
// refused for a "--by month" nobody typed, so the plain summary run each
// week failed every time. Given no --by, a summary counts by the periods
// the site publishes (the grid's); a --by given is still refused off the
// grid, and --exact counts by month as before.
func TestASummaryGivenNoByCountsByThePeriodsTheSitePublishes(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "spring.csv")
	doc := strings.Join(earlierCSVColumns(), ",") + "\r\n" +
		csvExportRow("01957a3c-0000-7000-8000-000000000001", "2026-03-02T11:00:00Z") +
		csvExportRow("01957a3c-0000-7000-8000-000000000002", "2026-03-10T11:00:00Z")
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	byWeek := site.Settings{Config: site.Config{Disclosure: site.Disclosure{MaxSuppressed: 7, RoundTo: 5, Grid: "week"}}}
	for _, args := range [][]string{
		{"--format", "csv", path},
		{"--format", "csv", "--from", "2026-03-02", "--to", "2026-03-15", path},
	} {
		out, _, err := runReportCmd(t, byWeek, (*app).summaryCmd, args...)
		if err != nil {
			t.Errorf("summary %v, no --by, on a site that publishes by week: %v", args, err)
			continue
		}
		// Weeks are labelled by their Mondays; a month by "2026-03".
		if strings.Contains(out, "\n2026-03,") || len(args) > 3 && (!strings.Contains(out, "\n2026-03-02,") || !strings.Contains(out, "\n2026-03-09,")) {
			t.Errorf("summary %v on a site that publishes by week does not count by week:\n%s", args, out)
		}
	}
	if _, _, err := runReportCmd(t, byWeek, (*app).summaryCmd, "--by", "month", "--format", "csv", path); err == nil || !strings.Contains(err.Error(), "--by month") {
		t.Errorf("--by month given on a site that publishes by week: %v; want it refused", err)
	}
}
