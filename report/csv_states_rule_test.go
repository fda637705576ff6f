package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"digicheck/site"
)

// TestTheCSVSummaryStatesTheDisclosureRuleInForce: the CSV, the regional
// return, is often published alone. Its first row's caveat states the rule
// in force, in the words the other formats use: what every count is
// rounded to, what * stands for (zero included) and how far a shown count
// may be from the exact one, under the default rule and a stricter
// site's; every other row points to it. Exact counts say they are exact.
func TestTheCSVSummaryStatesTheDisclosureRuleInForce(t *testing.T) {
	var fs []fixture
	for n := 1; n <= 30; n++ {
		fs = append(fs, fixture{n: n, day: "2026-01-05", team: "Ward 7"})
	}
	for _, c := range []struct {
		name  string
		dc    site.Disclosure
		exact bool
		want  []string
	}{
		{"default rule", site.Disclosure{}, false, []string{"cell key rounding", "rounded to a multiple of 5", "counts below 10, zero included, are shown as *", "within 4 of the exact one"}},
		{"stricter rule", site.Disclosure{RoundTo: 10, MaxSuppressed: 10}, false, []string{"cell key rounding", "rounded to a multiple of 10", "counts below 20, zero included, are shown as *", "within 9 of the exact one"}},
		{"exact", site.Disclosure{}, true, []string{"exact counts, not for publication"}},
	} {
		in := &Inputs{}
		for _, f := range fs {
			r := f.record(t)
			if err := in.AddRecord(&r, "a.csv"); err != nil {
				t.Fatal(err)
			}
		}
		s := summarise(t, in, Options{By: Month, Exact: c.exact, Disclosure: c.dc, Location: time.UTC})
		var b bytes.Buffer
		if err := s.WriteCSV(&b); err != nil {
			t.Fatal(err)
		}
		rows := readCSV(t, b.Bytes())
		col := -1
		for i, h := range rows[0] {
			if h == "caveat" {
				col = i
			}
		}
		if col < 0 || len(rows) < 3 {
			t.Fatalf("%s: no caveat column or too few rows: %q", c.name, rows)
		}
		for _, w := range c.want {
			if !strings.Contains(rows[1][col], w) {
				t.Errorf("%s: the first row's caveat does not say %q: %s", c.name, w, rows[1][col])
			}
		}
		if !c.exact {
			if strings.Contains(rows[1][col], "Exact counts") {
				t.Errorf("%s: a protected CSV calls its counts exact: %s", c.name, rows[1][col])
			}
			if last := rows[len(rows)-1][col]; !strings.Contains(last, onFirstRow) {
				t.Errorf("%s: a later row's caveat does not point to the rule on the first row: %q", c.name, last)
			}
		}
	}
}
