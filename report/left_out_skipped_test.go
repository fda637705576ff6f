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
