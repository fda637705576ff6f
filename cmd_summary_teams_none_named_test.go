package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/report"
	"digicheck/site"
)

// The note naming the teams "too few over the span to show (from 0 to
// 9)" named only the teams with 1 to 9 in the span: a team of the same
// inputs that assessed nobody in it was not named, and had no row, so
// the release said which team had none and which had a few, though the
// note and * say a reader cannot tell. Every team the inputs know that is
// too few in the span is now named alike, none and a few.
func TestATeamWithNoneInTheSpanIsNamedAsATeamWithAFewIs(t *testing.T) {
	// Not parallel: runCLI sets the environment.
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no time zone data")
	}
	from, to := report.LastWholePeriod(time.Now(), report.Month, loc)
	dir := t.TempDir()
	if d := os.Getenv("QI7_KEEP"); d != "" {
		dir = d
	}
	var stores []string
	for _, team := range []struct {
		name     string
		count    string
		from, to time.Time
	}{
		{"Big Team", "300", from.AddDate(0, -2, 0), to},
		{"Few Team", "3", from, to},
		{"Zero Team", "40", from.AddDate(0, -4, 0), from.AddDate(0, -2, -1)},
	} {
		db := filepath.Join(dir, team.name+".db")
		stores = append(stores, db)
		if _, errOut, err := runCLI(t, nil, "", "--db", db, "--team", team.name, "synthetic", "--count", team.count, "--seed", "9",
			"--from", team.from.Format(time.DateOnly), "--to", team.to.Format(time.DateOnly)); err != nil {
			t.Fatalf("synthetic %s: %v\n%s", team.name, err, errOut)
		}
	}
	// Each team's store, as a team sends its own.
	for _, args := range [][]string{stores, append([]string{"--from", from.Format(time.DateOnly), "--to", to.Format(time.DateOnly)}, stores...)} {
		for _, format := range []string{"table", "csv", "json"} {
			out, errOut, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, append([]string{"--format", format}, args...)...)
			if err != nil {
				t.Fatalf("summary %v --format %s: %v\n%s", args, format, err, errOut)
			}
			flat := strings.Join(strings.Fields(out), " ")
			for _, team := range []string{"Few Team", "Zero Team"} {
				if !strings.Contains(flat, team) {
					t.Errorf("summary %v --format %s does not name %s, too few in the span:\n%.3000s", args, format, team, flat)
				}
			}
		}
	}
}
