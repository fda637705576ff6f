package report

import (
	"strings"
	"testing"
	"time"
)

// TestRecordsOfATeamLeftOutDatedAfterTodayAreCountedForWhoeverRunsTheSummary:
// a team whose computer's clock was ahead had 3 assessments dated
// plausibly and 2 dated after today. Too few to show, the team was left
// out (rule 10), and its 2 records were named nowhere, not even on
// standard error: the one case where the clock mattered most was the one
// told nothing. The output still names them nowhere (a summary beside
// the same without that team would tell them apart), but the summary
// says how many there were, for standard error, read from an export and
// streamed from a store alike.
func TestRecordsOfATeamLeftOutDatedAfterTodayAreCountedForWhoeverRunsTheSummary(t *testing.T) {
	ahead := time.Now().AddDate(0, 0, 40).UTC().Format(time.DateOnly)
	var fs []fixture
	for i := range 12 {
		fs = append(fs, fixture{n: 10 + i, day: time.Date(2026, 1, 5+i, 0, 0, 0, 0, time.UTC).Format(time.DateOnly), team: "Ward 7"})
	}
	for i := range 3 {
		fs = append(fs, fixture{n: 30 + i, day: time.Date(2026, 2, 3+i, 0, 0, 0, 0, time.UTC).Format(time.DateOnly), team: "Ward 9"})
	}
	fs = append(fs, fixture{n: 40, day: ahead, team: "Ward 9"}, fixture{n: 41, day: ahead, team: "Ward 9"})
	rs := records(t, fs)
	d := &Inputs{}
	if err := d.AddNDJSON(strings.NewReader(ndjsonOf(t, rs)), "A.ndjson"); err != nil {
		t.Fatal(err)
	}
	o := Options{By: Month, Location: locUTC}
	for name, s := range map[string]*Summary{"export": summarise(t, d, o), "store": sameSummary(t, storeOf(t, rs), o)} {
		if s.SkippedLeftOut != 2 {
			t.Errorf("%s: %d records of a team left out dated after today told, want 2", name, s.SkippedLeftOut)
		}
		if s.SkippedCount != 0 {
			t.Errorf("%s: %d records named in the output, want none of a team left out: %q", name, s.SkippedCount, s.SkippedWhere())
		}
	}
	// Counted exactly, no team is left out: they are named as ever.
	s := summarise(t, d, Options{By: Month, Exact: true, Location: locUTC})
	if s.SkippedCount != 2 || s.SkippedLeftOut != 0 {
		t.Errorf("exact: skipped %d named, %d of teams left out; want 2 named", s.SkippedCount, s.SkippedLeftOut)
	}
}

// TestATeamWhoseEveryRecordIsDatedAfterTodayIsNamedNowhereInTheOutput: a
// small team whose clock ran ahead on every record was not left out (it
// had no assessment to leave out), so its records were skipped and named
// in the published output, "3 records skipped: dated 2027-01-05, ...",
// on every CSV row, the big team's too: its exact number and dates,
// beside a summary without it that said nothing. With disclosure control
// they are told as a team left out's are, for standard error only; the
// output is that of the summary without the team; --exact names them.
func TestATeamWhoseEveryRecordIsDatedAfterTodayIsNamedNowhereInTheOutput(t *testing.T) {
	ahead := time.Now().AddDate(0, 0, 40).UTC().Format(time.DateOnly)
	var fs []fixture
	for i := range 12 {
		fs = append(fs, fixture{n: 10 + i, day: time.Date(2026, 1, 5+i, 0, 0, 0, 0, time.UTC).Format(time.DateOnly), team: "Ward 7"})
	}
	without := records(t, fs)
	for i := range 3 {
		fs = append(fs, fixture{n: 40 + i, day: ahead, team: "Ward Z"})
	}
	with := records(t, fs)
	o := Options{By: Month, Location: locUTC, From: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC)}
	for name, s := range map[string]*Summary{"export": summarise(t, datasetOf(t, with), o), "store": sameSummary(t, storeOf(t, with), o)} {
		if s.SkippedCount != 0 || s.SkippedNote() != "" {
			t.Errorf("%s: the output names %d records of a team with none counted: %s", name, s.SkippedCount, s.SkippedNote())
		}
		if s.SkippedLeftOut != 3 {
			t.Errorf("%s: %d told for standard error, want 3", name, s.SkippedLeftOut)
		}
	}
	var a, b strings.Builder
	if err := summarise(t, datasetOf(t, with), o).WriteCSV(&a); err != nil {
		t.Fatal(err)
	}
	if err := summarise(t, datasetOf(t, without), o).WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Errorf("the CSV with the team whose records are all dated after today differs from the one without it")
	}
	s := summarise(t, datasetOf(t, with), Options{By: Month, Exact: true, Location: locUTC})
	if s.SkippedCount != 3 || s.SkippedLeftOut != 0 {
		t.Errorf("exact: %d named, %d for standard error; want the 3 named", s.SkippedCount, s.SkippedLeftOut)
	}
}
