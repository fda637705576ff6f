package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/site"
)

// `summary --team` naming some but not all of the teams read is "all
// teams but one": beside a summary of all teams for the same span, what
// differs gave away the answers of the one team's patients, and neither
// the output nor standard error said so (only docs/disclosure.md did).
// Whoever runs it is now told which teams were left out and not to
// publish it beside a summary of all teams, and the output says so too;
// asking for every team read says nothing of it.
func TestASummaryOfSomeTeamsWarnsNotToPublishItBesideAllTeams(t *testing.T) {
	dir := t.TempDir()
	var dbs []string
	for i, team := range []string{"Ward A", "Ward B"} {
		db := filepath.Join(dir, team+".db")
		if _, errOut, err := runCLI(t, nil, "", "--db", db, "--team", team, "synthetic",
			"--count", "60", "--from", "2025-01-01", "--to", "2025-03-31", "--seed", string(rune('1'+i))); err != nil {
			t.Fatalf("synthetic: %v\n%s", err, errOut)
		}
		dbs = append(dbs, db)
	}
	const warning = "must not be published beside a summary of all teams"
	out, errOut, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, append([]string{"--team", "Ward A", "--from", "2025-01-01", "--to", "2025-03-31"}, dbs...)...)
	if err != nil {
		t.Fatalf("summary --team: %v\n%s", err, errOut)
	}
	flatErr := strings.Join(strings.Fields(errOut), " ")
	if !strings.Contains(flatErr, warning) || !strings.Contains(flatErr, "Ward B") {
		t.Errorf("standard error does not name Ward B, left out, nor say %q:\n%s", warning, errOut)
	}
	if !strings.Contains(strings.Join(strings.Fields(out), " "), warning) {
		t.Errorf("output does not say %q:\n%s", warning, out)
	}
	out, errOut, err = runReportCmd(t, site.Settings{}, (*app).summaryCmd, append([]string{"--team", "Ward A", "--team", "Ward B", "--from", "2025-01-01", "--to", "2025-03-31"}, dbs...)...)
	if err != nil {
		t.Fatalf("summary of both teams: %v\n%s", err, errOut)
	}
	if strings.Contains(strings.Join(strings.Fields(out+errOut), " "), warning) {
		t.Errorf("a summary asking for every team read says %q:\n%s\n%s", warning, errOut, out)
	}
}

// A team of 10 assessments counted (synthetic --count 12 makes 10 that
// count), counted by a summary of all teams too, left out by --team got
// no word on standard error nor in the output: only from about 25 was it
// named. Standard error names it now, and the output says not to publish
// the summary beside one of all teams.
func TestASummaryLeavingOutASmallCountedTeamNamesIt(t *testing.T) {
	dir := t.TempDir()
	var dbs []string
	for i, c := range []struct {
		team  string
		count string
	}{{"Mid Team", "60"}, {"Tiny Team", "12"}} {
		db := filepath.Join(dir, c.team+".db")
		if _, errOut, err := runCLI(t, nil, "", "--db", db, "--team", c.team, "synthetic",
			"--count", c.count, "--from", "2025-03-01", "--to", "2025-03-31", "--seed", string(rune('1'+i))); err != nil {
			t.Fatalf("synthetic: %v\n%s", err, errOut)
		}
		dbs = append(dbs, db)
	}
	const warning = "must not be published beside a summary of all teams"
	out, errOut, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, append([]string{"--team", "Mid Team", "--from", "2025-03-01", "--to", "2025-03-31"}, dbs...)...)
	if err != nil {
		t.Fatalf("summary --team: %v\n%s", err, errOut)
	}
	flatErr := strings.Join(strings.Fields(errOut), " ")
	if !strings.Contains(flatErr, warning) || !strings.Contains(flatErr, "Tiny Team") {
		t.Errorf("standard error does not name Tiny Team, left out, nor say %q:\n%s", warning, errOut)
	}
	if !strings.Contains(strings.Join(strings.Fields(out), " "), warning) {
		t.Errorf("output does not say %q:\n%s", warning, out)
	}
}
