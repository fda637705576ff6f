package report

import (
	"strings"
	"testing"
	"time"
)

// TestAFromWhoseFirstPeriodHasNotEndedIsRefusedAsATooLateToIs: with
// disclosure control, --from 2026-12-01 on 5 December (or --by fy --from
// 2026-04-01 in that year) left no whole period that had ended, and the
// summary went out "1 Dec 2026 to 1 Jan 0001", every count "*", a false
// note that a team had too few, no SYNTHETIC banner, exit 0. It is refused
// as a --to in a period not ended is: no whole period from that date has
// ended yet, and the first it could publish is named. The period before,
// which has ended, is still published.
func TestAFromWhoseFirstPeriodHasNotEndedIsRefusedAsATooLateToIs(t *testing.T) {
	today := time.Now().UTC()
	next := 0
	rs := bulk(t, &next, 12, fixture{day: PeriodStart(today, FY, time.UTC).AddDate(-1, 0, 0).Format(time.DateOnly), team: "Ward 7"})
	rs = append(rs, bulk(t, &next, 12, fixture{day: today.Format(time.DateOnly), team: "Ward 7"})...)
	in := datasetOf(t, rs)
	for _, by := range []By{Week, Month, Quarter, FY} {
		current := PeriodStart(today, by, time.UTC)
		for _, from := range []time.Time{current, nextPeriod(current, by, time.UTC)} {
			_, err := in.Summarise(Options{By: by, From: from, Location: time.UTC})
			if err == nil {
				t.Errorf("by %s --from %s: summarised, want refused", by, from.Format(time.DateOnly))
				continue
			}
			first := from
			if first.Before(current) {
				first = current
			}
			firstEnds := nextPeriod(first, by, time.UTC).AddDate(0, 0, -1)
			for _, want := range []string{
				"--from " + from.Format(time.DateOnly),
				"no whole " + by.Name() + " from that date has ended yet",
				"the first it could publish is " + PeriodLabel(first, by),
				firstEnds.Format(time.DateOnly),
			} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("by %s --from %s: %q does not say %q", by, from.Format(time.DateOnly), err, want)
				}
			}
		}
		// Exact, the same span is counted (not for publication).
		if _, err := in.Summarise(Options{By: by, From: current, Location: time.UTC, Exact: true}); err != nil {
			t.Errorf("by %s --from %s --exact: %v", by, current.Format(time.DateOnly), err)
		}
		// The period before has ended: it is published.
		prev := PeriodStart(current.AddDate(0, 0, -1), by, time.UTC)
		if _, err := in.Summarise(Options{By: by, From: prev, Location: time.UTC}); err != nil {
			t.Errorf("by %s --from %s (ended): %v", by, prev.Format(time.DateOnly), err)
		}
	}
}
