package report

import (
	"strings"
	"testing"
	"time"
)

// TestASiteAcceptsOnlyThePeriodsOfItsPublicationGrid: weeks and months do
// not share edges, so a site publishes on one grid, and a summary by
// periods off it is refused with the span that would do on it.
func TestASiteAcceptsOnlyThePeriodsOfItsPublicationGrid(t *testing.T) {
	day := func(s string) time.Time {
		if s == "" {
			return time.Time{}
		}
		d, err := time.ParseInLocation(time.DateOnly, s, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	now := time.Date(2026, 12, 4, 15, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		grid     string
		by       By
		from, to string
		want     string // "" accepted, else in the refusal
	}{
		{"", Month, "2026-03-01", "2026-05-31", ""},
		{"", Quarter, "2026-01-01", "2026-06-30", ""},
		{"", FY, "2025-04-01", "2026-03-31", ""},
		{"month", Month, "", "", ""},
		// The monthly and weekly releases that differed by Sunday 1 March.
		{"", Week, "2026-03-02", "2026-05-31", "Use --by month --from 2026-03-01 --to 2026-05-31"},
		{"month", Week, "", "", "Use --by month (or --exact"},
		// A --to in a month not ended: the last month that has.
		{"", Week, "2026-11-02", "2026-12-06", "--from 2026-11-01 --to 2026-11-30"},
		{"week", Week, "2026-03-02", "2026-05-31", ""},
		{"week", Month, "2026-03-01", "2026-05-31", "Use --by week --from 2026-02-23 --to 2026-05-31"},
		{"week", Quarter, "2026-04-01", "2026-06-30", "Use --by week --from 2026-03-30 --to 2026-07-05"},
		{"week", FY, "", "2026-11-30", "--to 2026-11-29"},
	} {
		err := OnGrid(c.by, c.grid, day(c.from), day(c.to), time.UTC, now)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("grid %q, --by %s %s to %s: refused: %v", c.grid, c.by, c.from, c.to, err)
		case c.want != "" && err == nil:
			t.Errorf("grid %q, --by %s %s to %s: accepted", c.grid, c.by, c.from, c.to)
		case c.want != "" && !strings.Contains(err.Error(), c.want):
			t.Errorf("grid %q, --by %s %s to %s: %v\nwant %q in it", c.grid, c.by, c.from, c.to, err, c.want)
		}
	}
}

// TestThePeriodsOfOneGridNest: every period a grid accepts starts and
// ends on the edges of its finest periods, every day of three years, so
// two whole-period spans on one grid differ by whole periods of it, never
// by a day.
func TestThePeriodsOfOneGridNest(t *testing.T) {
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	for grid, finest := range map[string]By{GridMonth: Month, GridWeek: Week} {
		for _, by := range []By{Week, Month, Quarter, FY} {
			if OnGrid(by, grid, time.Time{}, time.Time{}, time.UTC, now) != nil {
				continue
			}
			for d := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2028; d = d.AddDate(0, 0, 1) {
				start := PeriodStart(d, by, time.UTC)
				end := nextPeriod(start, by, time.UTC)
				if !PeriodStart(start, finest, time.UTC).Equal(start) || !PeriodStart(end, finest, time.UTC).Equal(end) {
					t.Fatalf("grid %s: the %s from %s to %s is not whole %ss", grid, by, start.Format(time.DateOnly), end.Format(time.DateOnly), finest)
				}
			}
		}
	}
}
