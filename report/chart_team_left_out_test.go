package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
)

// teamLeftOutChart is a summary by month of a large team and a small one,
// "CN South", 10 a month but in its last months, when it has last
// instead; big is the large team's month by month.
func teamLeftOutChart(t *testing.T, big []int, small, last, lastMonths int) *Summary {
	t.Helper()
	next := 0
	var rs = bulk(t, &next, 0, fixture{})
	for m, n := range big {
		day := time.Date(2025, time.January+time.Month(m), 1, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
		rs = append(rs, bulk(t, &next, n, fixture{day: day, team: "Ward 7"})...)
		k := small
		if m >= len(big)-lastMonths {
			k = last
		}
		rs = append(rs, bulk(t, &next, k, fixture{day: day, team: "CN South"})...)
	}
	to := time.Date(2025, time.January+time.Month(len(big)), 0, 0, 0, 0, 0, time.UTC)
	return summarise(t, datasetOf(t, rs), Options{By: Month, Location: time.UTC, From: day(t, "2025-01-01"), To: to})
}

// runTrendBig, with CN South at 10 a month, counts 70, 90, 68, 76, 74,
// 72, 73, 71: no shift or trend. With CN South at 8 in the last two
// months, left out of them by rule 10, the months counted are 70, 90,
// 68, 76, 74, 72, 63, 61: five falling, made by the team left out alone.
var runTrendBig = []int{60, 80, 58, 66, 64, 62, 63, 61}

// spcBig, with CN South at 10, alternates 110 and 111: common cause. With
// CN South at 8 in the last month, left out, that month counts 101 or
// 100, far outside limits 2.66 mean moving ranges (about 1) from 110.5.
var spcBig = []int{100, 101, 100, 101, 100, 101, 100, 101, 100, 101, 100, 101, 100}

// TestAChartSaysASignalMayComeFromATeamLeftOutOfItsPeriods: a run chart of
// three teams flagged "Trend: 5 points falling" that existed only because
// rule 10 left a small team out of the last two months (8 and 9 there),
// and nothing in the chart said so. A chart now names the periods a team
// was left out of, and a shift, trend or point outside the limits that
// takes one in is not stated as a finding: it says it may come from the
// team being left out. The same data with the team at 10 in those months
// (counted) gives no such note. Terminal run and SPC charts, and the
// board report's, alike.
func TestAChartSaysASignalMayComeFromATeamLeftOutOfItsPeriods(t *testing.T) {
	const leftOut = "CN South was left out"
	for _, c := range []struct {
		name    string
		s       func(last int) *Summary
		spc     bool
		finding string // the signal's line, as a finding
		periods string
	}{
		{"run chart", func(last int) *Summary { return teamLeftOutChart(t, runTrendBig, 10, last, 2) }, false,
			"Trend: 5 points falling, 2025-04 to 2025-08.", "2025-07: CN South; 2025-08: CN South"},
		{"SPC chart", func(last int) *Summary { return teamLeftOutChart(t, spcBig, 10, last, 1) }, true,
			"Astronomical: 2026-01, below the limits.", "2026-01: CN South"},
	} {
		for _, last := range []int{8, 10} {
			s := c.s(last)
			var b bytes.Buffer
			var err error
			if c.spc {
				var ch *SPC
				if ch, err = s.SPC(MeasureAssessed, "", ChartOptions{}); err == nil {
					err = ch.Write(&b, 80)
				}
			} else {
				var ch *Chart
				if ch, err = s.Chart(MeasureAssessed, ChartOptions{}); err == nil {
					err = ch.Write(&b, 80)
				}
			}
			if err != nil {
				t.Fatal(err)
			}
			var h bytes.Buffer
			if err := s.WriteHTML(&h, HTMLOptions{SiteName: "Trust", Produced: time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC), ToolVersion: "v1", DirectoryVersion: "d", Names: names}); err != nil {
				t.Fatal(err)
			}
			// The board report's chart: its figure, up to the next.
			page := h.String()
			if i := strings.Index(page, "<svg class=\"chart\""); i >= 0 {
				page = page[i:]
				if j := strings.Index(page, "</figure>"); j >= 0 {
					page = page[:j]
				}
			}
			page = strings.ReplaceAll(page, "&#39;", "'")
			term := b.String()
			oneLine := strings.Join(strings.Fields(term), " ")
			switch last {
			case 8:
				if strings.Contains(term, c.finding) || strings.Contains(page, c.finding) {
					t.Errorf("%s: the signal made by the team left out is stated as a finding:\n%s", c.name, term)
				}
				for _, want := range []string{c.periods, leftOut, "may come from"} {
					if !strings.Contains(oneLine, want) {
						t.Errorf("%s, terminal: does not say %q:\n%s", c.name, want, term)
					}
					if !strings.Contains(page, want) {
						t.Errorf("%s, board report: does not say %q:\n%s", c.name, want, page)
					}
				}
			case 10:
				if strings.Contains(oneLine, "left out") || strings.Contains(page, "left out of") {
					t.Errorf("%s: the team at 10, counted, is said to be left out:\n%s", c.name, term)
				}
				if strings.Contains(term, strings.TrimSuffix(c.finding, ".")) {
					t.Errorf("%s: the fixture gives a signal with the team counted:\n%s", c.name, term)
				}
			}
		}
	}
	_ = fmt.Sprint
}
