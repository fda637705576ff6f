package report

import (
	"strings"
	"testing"
	"time"

	"digicheck/record"
)

// TestASummaryGivenNoDatesCountsTheLastWholePeriodAtItsEdges: a summary
// given no --from or --to counts the last whole period that has ended by
// now, in the site's zone: on the first day of a month at midnight, the
// month just ended; at the last second of a month, the month before it;
// at 00:30 on 1 April in London (23:30 on 31 March in UTC), March, where
// UTC's clock still says February would be the last whole month. Weeks
// run Monday to Sunday; a year's turn, quarters and financial years end
// where their periods do.
func TestASummaryGivenNoDatesCountsTheLastWholePeriodAtItsEdges(t *testing.T) {
	loc := london(t)
	at := func(s string, in *time.Location) time.Time {
		t.Helper()
		v, err := time.ParseInLocation("2006-01-02 15:04:05", s, in)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, c := range []struct {
		now      time.Time
		by       By
		loc      *time.Location
		from, to string
	}{
		{at("2026-12-01 00:00:00", loc), Month, loc, "2026-11-01", "2026-11-30"},
		{at("2026-11-30 23:59:59", loc), Month, loc, "2026-10-01", "2026-10-31"},
		{at("2026-12-07 13:00:00", loc), Month, loc, "2026-11-01", "2026-11-30"},
		{at("2026-12-07 13:00:00", loc), "", loc, "2026-11-01", "2026-11-30"},
		{at("2027-01-01 00:00:00", loc), Month, loc, "2026-12-01", "2026-12-31"},
		{at("2026-03-01 00:00:00", loc), Month, loc, "2026-02-01", "2026-02-28"},
		// 00:30 BST on 1 April is 23:30 UTC on 31 March.
		{at("2026-03-31 23:30:00", time.UTC), Month, loc, "2026-03-01", "2026-03-31"},
		{at("2026-03-31 23:30:00", time.UTC), Month, time.UTC, "2026-02-01", "2026-02-28"},
		// Sunday 29 March 2026 is the clocks' change: the week is whole.
		{at("2026-03-30 00:00:00", loc), Week, loc, "2026-03-23", "2026-03-29"},
		{at("2026-03-29 23:59:59", loc), Week, loc, "2026-03-16", "2026-03-22"},
		{at("2026-12-07 13:00:00", loc), Week, loc, "2026-11-30", "2026-12-06"},
		{at("2026-12-07 13:00:00", loc), Quarter, loc, "2026-07-01", "2026-09-30"},
		{at("2026-04-01 00:00:00", loc), Quarter, loc, "2026-01-01", "2026-03-31"},
		{at("2026-12-07 13:00:00", loc), FY, loc, "2025-04-01", "2026-03-31"},
		{at("2026-03-31 23:59:59", loc), FY, loc, "2024-04-01", "2025-03-31"},
	} {
		from, to := LastWholePeriod(c.now, c.by, c.loc)
		got := from.Format(time.DateOnly) + " to " + to.Format(time.DateOnly)
		if want := c.from + " to " + c.to; got != want {
			t.Errorf("at %s by %q in %s: %s, want %s", c.now.Format(time.RFC3339), c.by, c.loc, got, want)
		}
		if from.Location() != c.loc || from.Hour() != 0 || to.Hour() != 0 {
			t.Errorf("at %s by %q: %s and %s are not midnights in %s", c.now.Format(time.RFC3339), c.by, from, to, c.loc)
		}
	}
}

// TestTwoSummariesGivenNoDatesAMonthApartCountMonthsThatDoNotOverlap: a
// summary given no dates counted a year to date, and two run a month apart
// overlapped: what differed between them in the rows by postcode district
// and equity answer was November's patients, one by one. Given no dates,
// the one run in November counts October and the one run in December
// counts November: months that meet and do not overlap, together all the
// assessments of the two, each once. Each says it counts the last whole
// month, in its heading and its notes.
func TestTwoSummariesGivenNoDatesAMonthApartCountMonthsThatDoNotOverlap(t *testing.T) {
	loc := london(t)
	next := 0
	var rs []record.Record
	for _, d := range []string{"2026-09-30", "2026-10-01", "2026-10-31", "2026-11-01", "2026-11-30", "2026-12-01"} {
		rs = append(rs, bulk(t, &next, 12, fixture{day: d, team: "Ward 7"})...)
	}
	in := datasetOf(t, rs)
	release := func(now time.Time, exact bool) *Summary {
		from, to := LastWholePeriod(now, Month, loc)
		return summarise(t, in, Options{By: Month, From: from, To: to, Location: loc, Exact: exact, LastWhole: true})
	}
	for _, exact := range []bool{true, false} {
		oct := release(time.Date(2026, 11, 5, 9, 0, 0, 0, loc), exact)
		nov := release(time.Date(2026, 12, 5, 9, 0, 0, 0, loc), exact)
		if !oct.To.AddDate(0, 0, 1).Equal(nov.From) || !oct.From.Before(nov.From) {
			t.Errorf("exact %v: run in November %s to %s, in December %s to %s: want months that meet and do not overlap",
				exact, oct.From.Format(time.DateOnly), oct.To.Format(time.DateOnly), nov.From.Format(time.DateOnly), nov.To.Format(time.DateOnly))
		}
		if len(oct.Periods) != 1 || oct.Periods[0].Label != "2026-10" || len(nov.Periods) != 1 || nov.Periods[0].Label != "2026-11" {
			t.Errorf("exact %v: periods %v and %v, want 2026-10 and 2026-11", exact, oct.Periods, nov.Periods)
		}
		both := summarise(t, in, Options{By: Month, From: day(t, "2026-10-01"), To: day(t, "2026-11-30"), Location: loc, Exact: exact})
		if exact && (oct.Counted() != 24 || nov.Counted() != 24 || both.Counted() != oct.Counted()+nov.Counted()) {
			t.Errorf("counted %d in October and %d in November, %d over both; want 24, 24 and 48", oct.Counted(), nov.Counted(), both.Counted())
		}
		for _, s := range []*Summary{oct, nov} {
			head := strings.Join(strings.Fields(strings.Join(s.headingFor(true), " ")), " ")
			// Where the overlap and a re-run after a correction are said
			// (rule 8 is a span with a small period hidden), and that
			// every run in a month counts the same month: published
			// again after a void, it gave that patient away.
			for _, want := range []string{"(the last whole month), by month", "No --from or --to was given: this counts the last whole month that has ended",
				"publish it once", "not again after a correction", `docs/disclosure.md, "What it does not protect against"`} {
				if !strings.Contains(head, want) {
					t.Errorf("exact %v: the heading does not say %q:\n%s", exact, want, head)
				}
			}
		}
		if head := strings.Join(strings.Fields(strings.Join(oct.headingFor(true), " ")), " "); strings.Contains(head, "rule 8") {
			t.Errorf("exact %v: the note sends the reader to rule 8, a span with a small period hidden:\n%s", exact, head)
		}
		if head := strings.Join(both.headingFor(true), " "); strings.Contains(head, "last whole") {
			t.Errorf("exact %v: a span asked for is said to be the last whole month:\n%s", exact, head)
		}
	}
}
