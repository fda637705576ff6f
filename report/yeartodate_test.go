package report

import (
	"strings"
	"testing"

	"digicheck/questionnaire"
	"digicheck/record"
)

// yearToDateFixture is a small team beside a large one: the small team
// assessed 30 patients in April and May and one in June, with answers of
// their own; the large team enough each month for every month's total to
// be shown.
func yearToDateFixture(t *testing.T) *Inputs {
	next := 0
	var rs []record.Record
	for _, d := range []string{"2026-04-06", "2026-05-04", "2026-06-03"} {
		rs = append(rs, bulk(t, &next, 60, fixture{day: d, team: "Ward 7", bands: questionnaire.Bands{Access: some}})...)
	}
	for _, d := range []string{"2026-04-07", "2026-05-05"} {
		rs = append(rs, bulk(t, &next, 15, fixture{day: d, team: "Tiny team", bands: questionnaire.Bands{Skills: some}})...)
	}
	rs = append(rs, bulk(t, &next, 1, fixture{day: "2026-06-10", team: "Tiny team",
		bands: questionnaire.Bands{Access: sig, Motivation: sig, Trust: sig}, primary: questionnaire.RouteLetter,
		refs: []questionnaire.Referral{ref("learn-my-way", questionnaire.Agreed)}})...)
	return datasetOf(t, rs)
}

// TestAYearToDateRunEachMonthDoesNotShowATeamsOnePatient: the all-teams
// summary of April to May beside that of April to June, where a small
// team assessed one patient in June, showed in that team's row every
// category of the June patient (route, bands, referral) by what changed.
// Rule 8 now reads each team's own periods for its row: the team's row
// over April to June is hidden, as its own summary's span is, and no
// shown cell of it changes; the notes say which rows are hidden and what
// overlapping spans do not protect.
func TestAYearToDateRunEachMonthDoesNotShowATeamsOnePatient(t *testing.T) {
	in := yearToDateFixture(t)
	release := func(to string, exact bool, teams ...string) *Summary {
		return summarise(t, in, Options{By: Month, From: day(t, "2026-04-01"), To: day(t, to), Exact: exact, Teams: teams})
	}
	tiny := func(s *Summary) *Summary {
		out := *s
		out.Cells = nil
		for _, c := range s.Cells {
			if c.Breakdown == BreakdownTeam && c.Group == "Tiny team" {
				out.Cells = append(out.Cells, c)
			}
		}
		return &out
	}
	may, june := release("2026-05-31", false), release("2026-06-30", false)
	if may.SpanHidden || june.SpanHidden {
		t.Fatalf("the all-teams span is hidden (to May %v, to June %v): every month's total should be shown", may.SpanHidden, june.SpanHidden)
	}
	if ch := changedCells(tiny(may), tiny(june)); len(ch) > 0 {
		t.Errorf("%d cells of the small team's row changed when its one June patient was added, each one of that patient's categories:\n%s", len(ch), strings.Join(ch, "\n"))
	}
	if !strings.Contains(strings.Join(june.TeamsHidden, ","), "Tiny team") || len(may.TeamsHidden) > 0 {
		t.Errorf("teams hidden: to May %q, to June %q; want none, then Tiny team", may.TeamsHidden, june.TeamsHidden)
	}
	notes := strings.Join(june.Notes(), " ")
	for _, want := range []string{"team rows of Tiny team are hidden", "overlaps this one", "docs/disclosure.md"} {
		if !strings.Contains(notes, want) {
			t.Errorf("the notes do not say %q: %s", want, notes)
		}
	}
	// The team's row is its own summary, hidden or not (rule 9).
	own := release("2026-06-30", false, "Tiny team")
	if !own.SpanHidden {
		t.Error("the team's own summary to June does not hide its span")
	}
	shown := 0
	for _, c := range tiny(june).Cells {
		if !c.Suppressed {
			shown++
		}
	}
	if shown > 0 {
		t.Errorf("%d cells of the small team's row are shown to June, where its own summary hides them", shown)
	}
	// Exact, the two releases give the patient away: the fixture tests
	// something.
	if n := len(changedCells(tiny(release("2026-05-31", true)), tiny(release("2026-06-30", true)))); n < 5 {
		t.Errorf("the exact releases differ in %d of the team's cells: the fixture tests nothing", n)
	}
	// A single period says nothing of overlapping spans.
	if n := summarise(t, in, Options{By: Month, From: day(t, "2026-04-01"), To: day(t, "2026-04-30")}).OverlapNote(); n != "" {
		t.Errorf("one month: %q, want no overlap note", n)
	}
}
