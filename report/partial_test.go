package report

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"digicheck/record"
)

// TestAPeriodTheDataStartOrEndInsideIsPartial: with no --from or --to, a
// month the data start inside (the 2nd, not the 1st) or end inside (the
// 30th of a 31-day month, not the 31st) is marked partial in the table,
// the CSV's period_partial and the chart, and left out of the chart rules;
// a month the data cover from its first day to its last is not.
func TestAPeriodTheDataStartOrEndInsideIsPartial(t *testing.T) {
	for _, c := range []struct {
		first, last            string
		firstPartial, lastPart bool
	}{
		{"2026-01-01", "2026-03-31", false, false},
		{"2026-01-02", "2026-03-31", true, false},
		{"2026-01-01", "2026-03-30", false, true},
		{"2026-01-02", "2026-03-30", true, true},
	} {
		t.Run(c.first+"_"+c.last, func(t *testing.T) {
			next := 0
			var rs []record.Record
			for _, d := range []string{c.first, "2026-01-20", "2026-02-10", "2026-03-15", c.last} {
				rs = append(rs, bulk(t, &next, 12, fixture{day: d})...)
			}
			s := summarise(t, datasetOf(t, rs), Options{By: Month, Exact: true})
			if len(s.Periods) != 3 {
				t.Fatalf("%d periods, want 3", len(s.Periods))
			}
			want := map[string]bool{"2026-01": c.firstPartial, "2026-02": false, "2026-03": c.lastPart}

			var b bytes.Buffer
			if err := s.WriteTable(&b, nil); err != nil {
				t.Fatal(err)
			}
			for label, partial := range want {
				if got := strings.Contains(b.String(), label+" (partial)"); got != partial {
					t.Errorf("table: %s marked partial %v, want %v", label, got, partial)
				}
			}

			b.Reset()
			if err := s.WriteCSV(&b); err != nil {
				t.Fatal(err)
			}
			rows, err := csv.NewReader(&b).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			col := slices.Index(rows[0], "period_partial")
			for _, r := range rows[1:] {
				if p, ok := want[r[0]]; ok && (r[col] == "yes") != p {
					t.Fatalf("CSV row %v: period_partial %q, want partial %v", r, r[col], p)
				}
			}

			ch, err := s.Chart("assessed", ChartOptions{})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range ch.Points {
				if p.Partial != want[p.Label] {
					t.Errorf("chart: %s partial %v, want %v", p.Label, p.Partial, want[p.Label])
				}
			}
		})
	}
}
