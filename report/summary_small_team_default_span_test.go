package report

import (
	"slices"
	"testing"
	"time"

	"digicheck/store"
)

// TestASmallTeamsOwnSummaryWithNoDatesSpansTheAssessmentsRead: a QI lead
// runs a small team's own summary with no --from or --to, as the
// README's examples do. The team assessed too few to show in January and
// March and enough in February, so rule 10 counted February only; the
// span was then taken from the first and last assessment counted, and
// the summary read "1 Feb 2025 to 28 Feb 2025", one period, as if the
// team had assessed nobody in the other months. The span not asked for
// is now that of the assessments read (as the "Read:" line gives it),
// so January and March are there, hidden, as with the dates given.
func TestASmallTeamsOwnSummaryWithNoDatesSpansTheAssessmentsRead(t *testing.T) {
	from, to := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC)
	big := storeOf(t, nil)
	if _, err := Synthesise(big, SyntheticOptions{Count: 300, Seed: 41, From: from, To: to.Add(20 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	small := storeOf(t, nil)
	for i, span := range [][2]time.Time{
		{from.AddDate(0, 0, 3), from.AddDate(0, 0, 20)},
		{from.AddDate(0, 1, 0), from.AddDate(0, 1, 27)},
		{from.AddDate(0, 2, 3), from.AddDate(0, 2, 20)},
	} {
		n := 3
		if i == 1 {
			n = 40
		}
		if _, err := Synthesise(small, SyntheticOptions{Count: n, Seed: uint64(51 + i), Team: "Hand Therapy", From: span[0], To: span[1]}); err != nil {
			t.Fatal(err)
		}
	}
	sum := func(o Options) *Summary {
		t.Helper()
		in := &Inputs{}
		for _, st := range []*store.Store{big, small} {
			if err := in.AddStore(st); err != nil {
				t.Fatal(err)
			}
		}
		s, err := in.Summarise(o)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, by := range []By{Month, Quarter} {
		undated := sum(Options{Location: time.UTC, By: by, Teams: []string{"Hand Therapy"}})
		dated := sum(Options{Location: time.UTC, By: by, Teams: []string{"Hand Therapy"}, From: from, To: to})
		var labels, want []string
		for _, p := range undated.Periods {
			labels = append(labels, p.Label)
		}
		for _, p := range dated.Periods {
			want = append(want, p.Label)
		}
		if !slices.Equal(labels, want) || !undated.From.Equal(from) || !undated.To.Equal(to) {
			t.Fatalf("by %s with no dates: %s to %s, periods %q; want %s to %s, periods %q, as with the dates given",
				by, undated.From.Format(time.DateOnly), undated.To.Format(time.DateOnly), labels, from.Format(time.DateOnly), to.Format(time.DateOnly), want)
		}
		uc, dc := cells(undated), cells(dated)
		if len(uc) != len(dc) {
			t.Errorf("by %s: %d cells with no dates, %d with them", by, len(uc), len(dc))
		}
		differ := 0
		for k, i := range dc {
			j, ok := uc[k]
			if !ok || undated.Value(j) != dated.Value(i) {
				differ++
				if differ <= 5 {
					t.Errorf("by %s: %s is %s with the dates given, not the same with none", by, k, dated.Value(i))
				}
			}
		}
		if by == Month {
			shown := map[string]string{}
			for i, c := range undated.Cells {
				if c.Breakdown == All && c.Measure == MeasureAssessed && c.Period != All {
					shown[c.Period] = undated.Value(i)
				}
			}
			if shown["2025-01"] != "*" || shown["2025-03"] != "*" || shown["2025-02"] == "*" {
				t.Errorf("assessed by month with no dates: %q; want January and March hidden, February shown", shown)
			}
		}
	}
}
