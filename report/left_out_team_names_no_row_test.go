package report

import (
	"bytes"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
	"digicheck/record"
)

// leftOutTeamFixtures are two teams of 30 assessments a month, January to
// March 2026, from LS6 and LS7, and solo: a third team's one patient, in
// March, from ZE3 (a district no other team's patient is from), offered
// a programme no other patient was (refuge-digital-safety, a
// domestic-abuse charity's service).
func leftOutTeamFixtures(t *testing.T) (teams, solo []record.Record) {
	next := 0
	for _, d := range []string{"2026-01-12", "2026-02-09", "2026-03-09"} {
		teams = append(teams, bulk(t, &next, 30, fixture{day: d, team: "Ward 7",
			answers: questionnaire.Answers{questionnaire.LinkPostcodeDistrict: {"LS6"}},
			refs:    []questionnaire.Referral{ref("learn-my-way", questionnaire.Agreed)}})...)
		teams = append(teams, bulk(t, &next, 30, fixture{day: d, team: "Ward 8",
			answers: questionnaire.Answers{questionnaire.LinkPostcodeDistrict: {"LS7"}}})...)
	}
	solo = bulk(t, &next, 1, fixture{day: "2026-03-18", team: "Solo Team",
		answers: questionnaire.Answers{questionnaire.LinkPostcodeDistrict: {"ZE3"}},
		refs:    []questionnaire.Referral{ref("refuge-digital-safety", questionnaire.Agreed)}})
	return teams, solo
}

// published is every output format of s as it is published.
func published(t *testing.T, s *Summary) map[string]string {
	t.Helper()
	out := map[string]string{}
	for format, write := range map[string]func(*bytes.Buffer) error{
		"text":     func(b *bytes.Buffer) error { return s.WriteTableWidth(b, names, 100) },
		"markdown": func(b *bytes.Buffer) error { return s.WriteMarkdown(b, names) },
		"csv":      func(b *bytes.Buffer) error { return s.WriteCSV(b) },
		"json":     func(b *bytes.Buffer) error { return s.WriteJSON(b) },
		"html": func(b *bytes.Buffer) error {
			return s.WriteHTML(b, HTMLOptions{Names: names, Produced: time.Date(2026, 4, 2, 9, 0, 0, 0, time.UTC)})
		},
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		out[format] = b.String()
	}
	return out
}

// noted gives without the notes of with that name the teams left out, as
// if it had left them out itself: what a summary with a team's records
// may differ by from one without them (rule 10).
func noted(with, without *Summary) {
	without.TeamsLeftOut = slices.Clone(with.TeamsLeftOut)
	without.TeamsLeftOutIn = maps.Clone(with.TeamsLeftOutIn)
	without.leftOutBy, without.leftOutPeriods = with.leftOutBy, slices.Clone(with.leftOutPeriods)
}

// TestATeamLeftOutLaysOutNoRowOfItsOwn: a team too few to show over the
// span is counted nowhere, and the note said a summary with it and one
// without were the same; yet its one patient's postcode district (ZE3)
// and the programme offered to them alone (a domestic-abuse charity's)
// each had a row, all '*', in the summary with the team and none in the
// one without: the published pair gave that patient's district and the
// service they were offered. The same held of a team's month left out
// (rule 10, in each period). Now a summary with the team's records and
// one without are the same, byte for byte, in every format, by month
// and by quarter, all teams or the teams named with --team, but for the
// note naming the team left out.
func TestATeamLeftOutLaysOutNoRowOfItsOwn(t *testing.T) {
	teams, solo := leftOutTeamFixtures(t)
	// Ward 8's one patient of April, from ZE4 and offered the refuge's
	// service: Ward 8 is left out of April alone.
	next := 1000
	april := bulk(t, &next, 1, fixture{day: "2026-04-15", team: "Ward 8",
		answers: questionnaire.Answers{questionnaire.LinkPostcodeDistrict: {"ZE4"}},
		refs:    []questionnaire.Referral{ref("refuge-digital-safety", questionnaire.Agreed)}})
	aprilTeams := append(slices.Clone(teams), bulk(t, &next, 30, fixture{day: "2026-04-13", team: "Ward 7",
		answers: questionnaire.Answers{questionnaire.LinkPostcodeDistrict: {"LS6"}}})...)
	for _, c := range []struct {
		name          string
		base, more    []record.Record
		by            By
		from, to      string
		teams         []string
		leftOut, inIn bool // the note names a team left out of the span, of a period
	}{
		{"Solo Team's patient, by month", teams, solo, Month, "2026-01-01", "2026-03-31", nil, true, false},
		{"Solo Team's patient, by quarter", teams, solo, Quarter, "2026-01-01", "2026-03-31", nil, true, false},
		{"Solo Team's patient, the other teams named", teams, solo, Month, "2026-01-01", "2026-03-31", []string{"Ward 7", "Ward 8"}, false, false},
		{"Ward 8's one patient of April, by month", aprilTeams, april, Month, "2026-01-01", "2026-04-30", nil, false, true},
		{"Ward 8's one patient of April, Ward 8 named", aprilTeams, april, Month, "2026-01-01", "2026-04-30", []string{"Ward 8"}, false, true},
	} {
		o := Options{By: c.by, From: day(t, c.from), To: day(t, c.to), Teams: c.teams}
		with := summarise(t, datasetOf(t, append(slices.Clone(c.base), c.more...)), o)
		without := summarise(t, datasetOf(t, c.base), o)
		if got := len(with.TeamsLeftOut) > 0; got != c.leftOut {
			t.Errorf("%s: teams left out of the span %q", c.name, with.TeamsLeftOut)
		}
		if got := len(with.TeamsLeftOutIn) > 0; got != c.inIn {
			t.Errorf("%s: teams left out of a period %q", c.name, with.TeamsLeftOutIn)
		}
		for _, row := range [][2]string{{questionnaire.LinkPostcodeDistrict, "ZE3"}, {questionnaire.LinkPostcodeDistrict, "ZE4"}, {BreakdownTeam, "Solo Team"}} {
			if slices.Contains(rowsOf(with, row[0]), row[1]) {
				t.Errorf("%s: %s is laid out, named only by a record left out", c.name, row[1])
			}
		}
		if slices.Contains(with.Programmes, "refuge-digital-safety") {
			t.Errorf("%s: refuge-digital-safety is laid out, named only by a record left out", c.name)
		}
		noted(with, without)
		a, b := published(t, with), published(t, without)
		for _, format := range slices.Sorted(maps.Keys(a)) {
			if a[format] != b[format] {
				t.Errorf("%s, %s: differs with the records left out and without them, beyond the note:\n%s", c.name, format, firstDiff(a[format], b[format]))
			}
		}
	}
}

// TestATeamsOwnSummaryOfTooFewNamesNoDistrict: a one-patient team's own
// store summarised alone listed that patient's district as the only
// district row ("LS3 *"), and the programme offered them. Its
// assessments are not counted (too few to show), so they name no row:
// every district row is "not answered", whether or not the team is named
// with --team; the team's row is laid out only when it is asked for.
func TestATeamsOwnSummaryOfTooFewNamesNoDistrict(t *testing.T) {
	_, solo := leftOutTeamFixtures(t)
	for _, teams := range [][]string{nil, {"Solo Team"}} {
		s := summarise(t, datasetOf(t, solo), Options{By: Month, From: day(t, "2026-03-01"), To: day(t, "2026-03-31"), Teams: teams})
		if !slices.Equal(s.TeamsLeftOut, []string{"Solo Team"}) {
			t.Errorf("--team %q: left out %q, want Solo Team", teams, s.TeamsLeftOut)
		}
		if got := rowsOf(s, questionnaire.LinkPostcodeDistrict); !slices.Equal(got, []string{NotAnswered}) {
			t.Errorf("--team %q: district rows %q, want only %q", teams, got, NotAnswered)
		}
		if slices.Contains(s.Programmes, "refuge-digital-safety") {
			t.Errorf("--team %q: the programme offered to the one patient is laid out", teams)
		}
		if got := rowsOf(s, BreakdownTeam); slices.Contains(got, "Solo Team") != (teams != nil) {
			t.Errorf("--team %q: team rows %q", teams, got)
		}
		var b bytes.Buffer
		if err := s.WriteTableWidth(&b, names, 100); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(b.String(), "ZE3") || !strings.Contains(strings.Join(strings.Fields(b.String()), " "), "Solo Team") {
			t.Errorf("--team %q: the summary names ZE3, or does not name the team left out:\n%s", teams, b.String())
		}
	}
}
