package report

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
	"time"

	"digicheck/record"
)

// TestAPeriodIsPartialWhenCollectionBeganInsideItOrItHadNotEnded: the
// first period is partial when the earliest assessment in the inputs is
// after its first day, whether or not --from is given (a --from on the 1st
// with data from the 15th left October whole, flagged astronomical); the
// last is partial when it had not ended when the data were read (an
// export's writing, else now) or --to ends inside it, never because the
// records stop before its end (November, ended, was partial because the
// data stopped on the 20th). Marked in the table, the CSV's
// period_partial and the chart, and left out of the chart rules.
func TestAPeriodIsPartialWhenCollectionBeganInsideItOrItHadNotEnded(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	for _, c := range []struct {
		name                   string
		first, last            string
		from, to               string
		readAt                 time.Time
		firstPartial, lastPart bool
		why                    string // the caption's words for the partial periods
	}{
		{"whole", "2026-01-01", "2026-03-31", "", "", time.Time{}, false, false, ""},
		{"begun on the 2nd", "2026-01-02", "2026-03-31", "", "", time.Time{}, true, false, "2026-01 the data start inside it"},
		{"stopped on the 30th of a month ended", "2026-01-01", "2026-03-30", "", "", time.Time{}, false, false, ""},
		{"begun on the 2nd, stopped on the 30th", "2026-01-02", "2026-03-30", "", "", time.Time{}, true, false, "2026-01 the data start inside it"},
		{"read a second before the month ended", "2026-01-01", "2026-03-30", "", "", day("2026-04-01").Add(-time.Second), false, true, "2026-03 not over yet"},
		{"read as the month ended", "2026-01-01", "2026-03-30", "", "", day("2026-04-01"), false, false, ""},
		{"--from on the 1st, data from the 15th", "2026-01-15", "2026-03-31", "2026-01-01", "", time.Time{}, true, false, "2026-01 the data start inside it"},
		{"--from on the 1st, data from the 1st", "2026-01-01", "2026-03-31", "2026-01-01", "", time.Time{}, false, false, ""},
		{"--from on the 2nd", "2026-01-01", "2026-03-31", "2026-01-02", "", time.Time{}, true, false, "2026-01 cut short by the dates asked for"},
		{"--to on the last day, data to the 20th", "2026-01-01", "2026-03-20", "", "2026-03-31", time.Time{}, false, false, ""},
		{"--to on the 30th", "2026-01-01", "2026-03-31", "", "2026-03-30", time.Time{}, false, true, "2026-03 cut short by the dates asked for"},
	} {
		t.Run(c.name, func(t *testing.T) {
			next := 0
			var rs []record.Record
			for _, d := range []string{c.first, "2026-01-20", "2026-02-10", "2026-03-15", c.last} {
				rs = append(rs, bulk(t, &next, 12, fixture{day: d})...)
			}
			o := Options{By: Month, Exact: true, ReadAt: c.readAt}
			if c.from != "" {
				o.From = day(c.from)
			}
			if c.to != "" {
				o.To = day(c.to)
			}
			s := summarise(t, datasetOf(t, rs), o)
			if len(s.Periods) != 3 {
				t.Fatalf("%d periods, want 3", len(s.Periods))
			}
			want := map[string]bool{"2026-01": c.firstPartial, "2026-02": false, "2026-03": c.lastPart}

			var b bytes.Buffer
			if err := s.WriteTableWidth(&b, nil, 80); err != nil {
				t.Fatal(err)
			}
			for label, partial := range want {
				if got := strings.Contains(b.String(), label+" (partial)"); got != partial {
					t.Errorf("table: %s marked partial %v, want %v", label, got, partial)
				}
			}
			// Why, in the terminal as in the board report.
			flat := strings.Join(strings.Fields(b.String()), " ")
			if c.why != "" && !strings.Contains(flat, "Partial: "+c.why+".") {
				t.Errorf("table: no \"Partial: %s.\" in\n%s", c.why, b.String())
			}
			if c.why == "" && strings.Contains(flat, "Partial: ") {
				t.Errorf("table: a reason for no partial period:\n%s", b.String())
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
