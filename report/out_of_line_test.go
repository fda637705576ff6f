package report

import (
	"strings"
	"testing"
	"time"
)

// A summary whose span is not asked for starts at the first assessment
// read; one dated by a clock gone wrong (2009, inside the plausible span)
// stretched it over 200 empty months with no word of which record it was.
// The fewer than ten assessments the span starts with that are dated more
// than about six months before any other read are now named where they
// were read (OutOfLine), counted as ever; more of them, a shorter gap, or
// a span asked for name none.
func TestTheFewAssessmentsASpanStartsWithLongBeforeTheRestAreNamed(t *testing.T) {
	rest := wardFixtures() // 5 January to March 2026
	named := func(t *testing.T, early []fixture, o Options) (*Summary, []string) {
		t.Helper()
		rs := records(t, append(early, rest...))
		d := &Inputs{}
		if err := d.AddNDJSON(strings.NewReader(ndjsonOf(t, rs)), "A.ndjson"); err != nil {
			t.Fatal(err)
		}
		s := summarise(t, d, o)
		return s, s.OutOfLineWhere()
	}
	for _, o := range []Options{{By: Month}, {By: Month, Exact: true}} {
		s, where := named(t, []fixture{{n: 90, day: "2009-01-01", team: "Ward 7"}}, o)
		if len(where) != 1 || where[0] != "A.ndjson:1 (dated 2009-01-01)" {
			t.Errorf("exact %v: named %q, want the 2009 record by its line", o.Exact, where)
		}
		note := s.OutOfLineNote()
		for _, want := range []string{"starts with an assessment dated long before any other read (from 2009-01-01; the next is dated 2026-01-05)", "give --from 2026-01-01 to count from the rest"} {
			if !strings.Contains(note, want) {
				t.Errorf("exact %v: the note does not say %q: %s", o.Exact, want, note)
			}
		}
		if got := s.Cells[cells(s)["assessed/"]].Count; o.Exact && got != 8 {
			t.Errorf("assessed %d, want the 7 of the fixture and the 2009 record, counted", got)
		}
		if s.From.Year() != 2009 {
			t.Errorf("exact %v: the span starts %s, not at the record", o.Exact, s.From)
		}
	}
	// Three out of line: each named, earliest first.
	_, where := named(t, []fixture{{n: 91, day: "2009-01-01", team: "Ward 7"}, {n: 92, day: "2009-03-04", team: "Ward 7"}, {n: 93, day: "2010-05-06", team: "Ward 9"}}, Options{By: Month, Exact: true})
	if len(where) != 3 || !strings.HasSuffix(where[2], "(dated 2010-05-06)") {
		t.Errorf("named %q, want the three", where)
	}
	// Ten a year before: a cohort, not a clock; none named.
	var ten []fixture
	for i := range 10 {
		ten = append(ten, fixture{n: 100 + i, day: time.Date(2024, 6, 3+i, 0, 0, 0, 0, time.UTC).Format(time.DateOnly), team: "Ward 7"})
	}
	if _, where := named(t, ten, Options{By: Month, Exact: true}); len(where) != 0 {
		t.Errorf("ten assessments of June 2024 named: %q", where)
	}
	// The gap: 157 days before the next is not out of line; 188 is.
	if _, where := named(t, []fixture{{n: 94, day: "2025-08-01", team: "Ward 7"}}, Options{By: Month, Exact: true}); len(where) != 0 {
		t.Errorf("an assessment 157 days before the rest named: %q", where)
	}
	if _, where := named(t, []fixture{{n: 95, day: "2025-07-01", team: "Ward 7"}}, Options{By: Month, Exact: true}); len(where) != 1 {
		t.Errorf("an assessment 188 days before the rest not named: %q", where)
	}
	// A span asked for names none: it starts where it was asked to.
	if _, where := named(t, []fixture{{n: 96, day: "2009-01-01", team: "Ward 7"}}, Options{By: Month, Exact: true, From: time.Date(2009, 1, 1, 0, 0, 0, 0, time.UTC)}); len(where) != 0 {
		t.Errorf("a span from 2009 names %q", where)
	}
	// A store names it by its record id, counted as it streams.
	st := storeOf(t, records(t, append([]fixture{{n: 97, day: "2009-01-01", team: "Ward 7"}}, rest...)))
	got := sameSummary(t, st, Options{By: Month, Exact: true, Location: locUTC})
	if w := got.OutOfLineWhere(); len(w) != 1 || !strings.Contains(w[0], "record "+fixtureID(97).String()) {
		t.Errorf("streamed from a store: named %q", w)
	}
}

// No assessment can be dated after the day it is counted: a record dated
// next month (a PC's clock ahead, an edited export) was counted, by
// --exact in months not yet come, and out of a span with disclosure
// control with no word. It is now skipped and named as one dated before
// 2000 is.
func TestARecordDatedAfterTodayIsSkippedAndNamed(t *testing.T) {
	ahead := time.Now().AddDate(0, 0, 40).UTC().Format(time.DateOnly)
	rs := records(t, append([]fixture{{n: 98, day: ahead, team: "Ward 7"}}, wardFixtures()...))
	d := &Inputs{}
	if err := d.AddNDJSON(strings.NewReader(ndjsonOf(t, rs)), "A.ndjson"); err != nil {
		t.Fatal(err)
	}
	for _, o := range []Options{{By: Month, Exact: true}} {
		s := summarise(t, d, o)
		if s.SkippedCount != 1 || len(s.SkippedWhere()) != 1 || s.SkippedWhere()[0] != "A.ndjson:1 (dated "+ahead+")" {
			t.Errorf("exact %v: skipped %d, named %q; want the record dated %s", o.Exact, s.SkippedCount, s.SkippedWhere(), ahead)
		}
		if note := s.SkippedNote(); !strings.Contains(note, "(before 2000 or after today)") {
			t.Errorf("exact %v: note: %s", o.Exact, note)
		}
		if o.Exact && s.To.After(time.Now()) {
			t.Errorf("the span goes on to %s", s.To)
		}
	}
	// Today is counted: a record saved in the last hour is.
	now := records(t, []fixture{{n: 99, day: time.Now().UTC().Format(time.DateOnly), team: "Ward 7"}})
	now[0].Time = time.Now().Add(-time.Hour).Truncate(time.Second)
	s := summarise(t, datasetOf(t, now), Options{By: Month, Exact: true})
	if s.SkippedCount != 0 {
		t.Errorf("a record of an hour ago skipped: %v", s.SkippedWhere())
	}
}
