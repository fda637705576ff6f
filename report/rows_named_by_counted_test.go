package report

import (
	"slices"
	"testing"
	"time"

	"digicheck/questionnaire"
	"digicheck/record"
)

// rowsOf are the groups of a breakdown a summary lays out.
func rowsOf(s *Summary, breakdown string) []string {
	var out []string
	for _, c := range s.Cells {
		if c.Period == All && c.Breakdown == breakdown && c.Measure == MeasureAssessed && !slices.Contains(out, c.Group) {
			out = append(out, c.Group)
		}
	}
	return out
}

// TestNoRowIsNamedOnlyByARecordVoidedReplacedOrOutsideTheSpan: rule 6
// laid out every postcode district and team named by any record read, so
// a published January to November summary had a row "ZE3 *" and "Ward 9
// *" named only by a December record outside it, by the value its
// amendment replaced, or by a record voided as the wrong patient's: two
// releases of the same span differed by a rare district's name, and the
// wrong patient's district was published. Rows are now named by the
// latest, not voided, versions of the assessments first made inside the
// span, counted or not (another team's), so rows still do not appear and
// go with a small count. Where rows are laid out, Ward 9 has 9 more
// assessments in January, so its January is not one rule 10 leaves out,
// which names no row (TestATeamLeftOutLaysOutNoRowOfItsOwn).
func TestNoRowIsNamedOnlyByARecordVoidedReplacedOrOutsideTheSpan(t *testing.T) {
	district := func(d string) questionnaire.Answers {
		return questionnaire.Answers{questionnaire.LinkPostcodeDistrict: {d}}
	}
	next := 100
	base := bulk(t, &next, 30, fixture{day: "2025-01-06", team: "Ward 7", answers: district("LS6")})
	base = append(base, bulk(t, &next, 30, fixture{day: "2025-02-03", team: "Ward 7", answers: district("LS6")})...)
	o := Options{By: Month, Location: time.UTC, From: day(t, "2025-01-01"), To: day(t, "2025-02-28")}
	// ward9 are 9 more of Ward 9's assessments of January, from LS6.
	ward9 := func(more ...fixture) []fixture {
		for n := 200; n < 209; n++ {
			more = append(more, fixture{n: n, day: "2025-01-13", team: "Ward 9", answers: district("LS6")})
		}
		return more
	}
	for _, c := range []struct {
		name  string
		more  []fixture
		teams []string
		rows  bool // ZE3 and Ward 9 are laid out
	}{
		{"voided as the wrong patient's", []fixture{
			{n: 1, day: "2025-01-20", team: "Ward 9", answers: district("ZE3")},
			{n: 2, day: "2025-01-21", team: "Ward 9", status: record.EnteredInError, amends: 1, answers: district("ZE3")},
		}, nil, false},
		{"replaced by an amendment", []fixture{
			{n: 1, day: "2025-01-20", team: "Ward 7", answers: district("ZE3")},
			{n: 2, day: "2025-01-21", team: "Ward 9", status: record.Amended, amends: 1, answers: district("LS6")},
		}, nil, false},
		{"voided as the wrong patient's, of a team counted", []fixture{
			{n: 1, day: "2025-01-20", team: "Ward 7", answers: district("ZE3")},
			{n: 2, day: "2025-01-21", team: "Ward 7", status: record.EnteredInError, amends: 1, answers: district("ZE3")},
		}, nil, false},
		{"outside the span", []fixture{
			{n: 1, day: "2025-03-02", team: "Ward 9", answers: district("ZE3")},
		}, nil, false},
		{"before the span", []fixture{
			{n: 1, day: "2024-12-30", team: "Ward 9", answers: district("ZE3")},
		}, nil, false},
		// Counted, or inside the span but left out, the rows are there.
		{"counted", ward9(
			fixture{n: 1, day: "2025-01-20", team: "Ward 9", answers: district("ZE3")},
		), nil, true},
		{"amended to it", ward9(
			fixture{n: 1, day: "2025-01-20", team: "Ward 9", answers: district("LS6")},
			fixture{n: 2, day: "2025-03-21", team: "Ward 7", status: record.Amended, amends: 1, answers: district("ZE3")},
		), nil, true},
		{"another team's, left out by --team", ward9(
			fixture{n: 1, day: "2025-01-20", team: "Ward 9", answers: district("ZE3")},
		), []string{"Ward 7"}, true},
	} {
		rs := slices.Clone(base)
		for _, f := range c.more {
			rs = append(rs, f.record(t))
		}
		o := o
		o.Teams = c.teams
		s := summarise(t, datasetOf(t, rs), o)
		districts, teams := rowsOf(s, questionnaire.LinkPostcodeDistrict), rowsOf(s, BreakdownTeam)
		if got := slices.Contains(districts, "ZE3"); got != c.rows {
			t.Errorf("%s: ZE3 laid out %v, want %v: %v", c.name, got, c.rows, districts)
		}
		if got := slices.Contains(teams, "Ward 9"); got != c.rows && c.teams == nil {
			t.Errorf("%s: Ward 9 laid out %v, want %v: %v", c.name, got, c.rows, teams)
		}
		// Exact, only what is counted has a row, as before.
		e := summarise(t, datasetOf(t, rs), Options{By: Month, Location: time.UTC, From: o.From, To: o.To, Teams: c.teams, Exact: true})
		if slices.Contains(rowsOf(e, questionnaire.LinkPostcodeDistrict), "ZE3") != (c.rows && c.teams == nil) {
			t.Errorf("%s --exact: districts %v", c.name, rowsOf(e, questionnaire.LinkPostcodeDistrict))
		}
	}
}
