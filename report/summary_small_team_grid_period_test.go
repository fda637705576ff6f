package report

import (
	"strings"
	"testing"
	"time"

	"digicheck/store"
)

// TestATeamTooFewInAMonthIsLeftOutOfThatMonthByQuarterAndByFinancialYearToo:
// a QI lead publishes the same half year by month, by quarter and by
// financial year. Dental has 40 assessments in January and February, one
// in March and 40 in May. Rule 10 left March's one out of the monthly
// summary, but the quarterly one decided on the quarter, in which Dental
// had plenty, and counted it: the two releases of the same span differed
// in exactly that patient's cells, span rows included, and the monthly
// one named "2025-03: Dental". The decision is now made on the month (the
// publication grid) whatever --by is: every release of the span counts
// the same assessments, a quarter or a year holds what its months do,
// and the quarterly and yearly releases made with and without that
// patient's store are the same cell for cell.
func TestATeamTooFewInAMonthIsLeftOutOfThatMonthByQuarterAndByFinancialYearToo(t *testing.T) {
	from, to := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	big := storeOf(t, nil)
	if _, err := Synthesise(big, SyntheticOptions{Count: 900, Seed: 41, From: from, To: to.Add(20 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	dental := storeOf(t, nil)
	for i, span := range [][2]time.Time{
		{from, from.AddDate(0, 1, 20)},
		{from.AddDate(0, 4, 2), from.AddDate(0, 4, 25)},
	} {
		if _, err := Synthesise(dental, SyntheticOptions{Count: 40, Seed: uint64(51 + i), Team: "Dental", From: span[0], To: span[1]}); err != nil {
			t.Fatal(err)
		}
	}
	march := storeOf(t, nil)
	if _, err := Synthesise(march, SyntheticOptions{Count: 1, Seed: 53, Team: "Dental", From: from.AddDate(0, 2, 14), To: from.AddDate(0, 2, 14).Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	// The span published: two whole financial years, holding the data.
	spanFrom, spanTo := time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)
	sum := func(by By, sts ...*store.Store) *Summary {
		t.Helper()
		in := &Inputs{}
		for _, st := range sts {
			if err := in.AddStore(st); err != nil {
				t.Fatal(err)
			}
		}
		s, err := in.Summarise(Options{Location: time.UTC, From: spanFrom, To: spanTo, By: by})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	byMonth := sum(Month, big, dental, march)
	if !strings.Contains(byMonth.leftOutInList(), "2025-03: Dental") {
		t.Fatalf("the premise: the monthly summary leaves Dental's March out; it says %q", byMonth.leftOutInList())
	}
	// The assessed count of each month, to add up into coarser periods.
	monthly := map[string]int{}
	for _, c := range byMonth.Cells {
		if c.Period != All && c.Breakdown == All && c.Measure == MeasureAssessed {
			monthly[c.Period] = c.Count
		}
	}
	mc := cells(byMonth)
	for _, by := range []By{Quarter, FY} {
		coarse := sum(by, big, dental, march)
		without := sum(by, big, dental)
		// The span's rows count the same assessments as the monthly
		// release's.
		differ := 0
		for k, i := range cells(coarse) {
			c := coarse.Cells[i]
			if c.Period != All {
				continue
			}
			j, ok := mc[k]
			if !ok {
				continue
			}
			if c.Count != byMonth.Cells[j].Count {
				if differ < 5 {
					t.Errorf("by %s: the span's %s counts %d, by month %d", by, k, c.Count, byMonth.Cells[j].Count)
				}
				differ++
			}
		}
		if differ > 0 {
			t.Errorf("by %s: %d of the span's cells count otherwise than by month", by, differ)
		}
		// Each period holds what its months hold.
		for _, p := range coarse.Periods {
			want := 0
			for _, m := range byMonth.Periods {
				if !m.Start.Before(PeriodStart(p.Start, by, time.UTC)) && m.Start.Before(p.End) {
					want += monthly[m.Label]
				}
			}
			for _, c := range coarse.Cells {
				if c.Period == p.Label && c.Breakdown == All && c.Measure == MeasureAssessed && c.Count != want {
					t.Errorf("by %s: %s assessed %d, its months by month %d", by, p.Label, c.Count, want)
				}
			}
		}
		// No subtraction isolates March's patient: the release with and
		// without their store are the same, cell for cell.
		wc := cells(without)
		differ = 0
		for k, i := range cells(coarse) {
			j, ok := wc[k]
			if !ok {
				t.Errorf("by %s: no cell %s without March's store", by, k)
				continue
			}
			if coarse.Value(i) != without.Value(j) {
				if differ < 5 {
					t.Errorf("by %s: %s is %s with March's one Dental patient read, %s without", by, k, coarse.Value(i), without.Value(j))
				}
				differ++
			}
		}
		if differ > 0 {
			t.Errorf("by %s: %d cells differ with and without March's one Dental patient", by, differ)
		}
		// The release says what it leaves out, by month, as the monthly
		// one does, and no count.
		var note string
		for _, n := range coarse.Notes() {
			if strings.Contains(n, "2025-03: Dental") {
				note = n
			}
		}
		if note == "" || !strings.Contains(note, "month") {
			t.Errorf("by %s: no note names Dental for 2025-03 as a month left out: %q", by, coarse.Notes())
		}
		var csv strings.Builder
		if err := coarse.WriteCSV(&csv); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(csv.String(), "2025-03: Dental") {
			t.Errorf("by %s: the CSV caveat does not name Dental for 2025-03", by)
		}
	}
}
