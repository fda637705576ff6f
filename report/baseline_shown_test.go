package report

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

// TestABaselineRestsOnTwoOrMoreShownPoints: a chart's --baseline 3 whose
// first two months were hidden by disclosure control made its limits out
// of the one month shown: no moving range, so an XmR chart's limits had no
// width and every later ordinary month was published as "Astronomical",
// the p-chart centred on that one month, and both said the limits were
// "worked out of the first 3 points". A centre line and limits now rest on
// 2 or more shown points: with fewer, none are drawn and no special cause
// is found, and the note says how many of the baseline's points are shown
// and what baseline would give two; with 2, the chart says its limits rest
// on the 2 shown of the first 3.
func TestABaselineRestsOnTwoOrMoreShownPoints(t *testing.T) {
	// Months of 240 assessments are shown; a month of 25 with 3 of them
	// with a barrier is hidden. Later months are ordinary: 4.2% to 5.8%.
	later := []int{10, 12, 14, 11, 13, 12, 10}
	for _, shown := range []int{0, 1, 2} {
		of := []int{}
		sig := []int{}
		for i := 0; i < 3; i++ {
			if i < 3-shown {
				of, sig = append(of, 25), append(sig, 3)
			} else {
				of, sig = append(of, 240), append(sig, 11+2*(i-(3-shown))) // 4.6%, 5.4%: a moving range
			}
		}
		for _, k := range later {
			of, sig = append(of, 240), append(sig, k)
		}
		s := summarise(t, datasetOf(t, monthlyShare(t, of, sig)), Options{By: Month})
		type drawn struct {
			kind         string
			centre       []float64 // the centre line at each point
			upper, lower []float64
			signals      int
			text         string
		}
		var charts []drawn
		for _, m := range []string{MethodXmR, MethodP} {
			ch, err := s.SPC("band.access/significant", m, ChartOptions{Baseline: 3})
			if err != nil {
				t.Fatalf("%d shown, %s: %v", shown, m, err)
			}
			for i := range 3 {
				if ch.Points[i].Missing != (i < 3-shown) {
					t.Fatalf("%d shown: month %d hidden is %v: the case needs the first %d hidden", shown, i+1, ch.Points[i].Missing, 3-shown)
				}
			}
			var b bytes.Buffer
			if err := ch.Write(&b, 200); err != nil {
				t.Fatal(err)
			}
			charts = append(charts, drawn{m, ch.Mean, ch.Upper, ch.Lower, len(ch.Signals) + len(ch.LeftOut), oneLine(b.String())})
		}
		run, err := s.Chart("band.access/significant", ChartOptions{Baseline: 3})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := run.Write(&b, 200); err != nil {
			t.Fatal(err)
		}
		centre := make([]float64, len(run.Points))
		for i := range centre {
			centre[i] = run.Segments[0].Center
		}
		// A trend needs no centre line: only shifts are judged against it.
		charts = append(charts, drawn{"run", centre, nil, nil, len(run.Shifts), oneLine(b.String())})
		for _, c := range charts {
			if strings.Contains(c.text, "of the first 3 points,") || strings.Contains(c.text, "of the first 3 points.") {
				t.Errorf("%d shown, %s: says it is worked out of the first 3 points, not of the shown ones:\n%s", shown, c.kind, c.text)
			}
			if shown < 2 {
				for i := range c.centre {
					if !math.IsNaN(c.centre[i]) || c.upper != nil && (!math.IsNaN(c.upper[i]) || !math.IsNaN(c.lower[i])) {
						t.Errorf("%d shown, %s: month %d has a centre line or limits (%v, %v) from fewer than 2 shown points", shown, c.kind, i+1, c.centre[i], c.upper)
						break
					}
				}
				if c.signals != 0 {
					t.Errorf("%d shown, %s: %d special causes judged against a centre line of fewer than 2 shown points:\n%s", shown, c.kind, c.signals, c.text)
				}
				want := "of the baseline's first 3 points, " + map[int]string{0: "none is", 1: "1 is"}[shown] + " shown"
				if !strings.Contains(c.text, want) || !strings.Contains(c.text, "--baseline 4") && !strings.Contains(c.text, "--baseline 5") {
					t.Errorf("%d shown, %s: the chart does not say %q and what baseline gives 2 shown points:\n%s", shown, c.kind, want, c.text)
				}
				continue
			}
			for i := range c.centre {
				if math.IsNaN(c.centre[i]) || c.upper != nil && !(c.upper[i] > c.lower[i]) {
					t.Errorf("%d shown, %s: month %d has no centre line or limits of width (%v, %v-%v)", shown, c.kind, i+1, c.centre[i], c.lower, c.upper)
					break
				}
			}
			if c.signals != 0 {
				t.Errorf("%d shown, %s: ordinary months flagged:\n%s", shown, c.kind, c.text)
			}
			if !strings.Contains(c.text, "of the first 3 points (2 of them shown)") {
				t.Errorf("%d shown, %s: does not say its centre rests on the 2 shown of the first 3 points:\n%s", shown, c.kind, c.text)
			}
		}
	}
}
