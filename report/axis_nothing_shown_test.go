package report

import (
	"bytes"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestAChartWithEveryPointHiddenSaysThereIsNothingToDraw: a chart whose
// points were all hidden drew empty axes labelled "1%" and "0%" (a
// p-chart) or "1" and "0" (XmR), values nobody had. It now says there is
// nothing to draw, in the terminal and in the board report, and draws no
// axis.
func TestAChartWithEveryPointHiddenSaysThereIsNothingToDraw(t *testing.T) {
	s := summarise(t, datasetOf(t, weeklyShare(t, []int{3, 4, 3, 4}, []int{1, 2, 1, 2})), Options{By: Week})
	for _, c := range []struct{ spec, method string }{{"assessed", ""}, {"assessed", MethodXmR}, {"band.access/significant", MethodP}, {"band.access/significant", ""}} {
		var b bytes.Buffer
		var ps []Point
		var percent bool
		if c.method == "" {
			ch, err := s.Chart(c.spec, ChartOptions{})
			if err != nil {
				t.Fatal(err)
			}
			ps, percent = ch.Points, ch.Percent
			if err := ch.Write(&b, 80); err != nil {
				t.Fatal(err)
			}
		} else {
			ch, err := s.SPC(c.spec, c.method, ChartOptions{})
			if err != nil {
				t.Fatal(err)
			}
			ps, percent = ch.Points, ch.Percent
			if err := ch.Write(&b, 80); err != nil {
				t.Fatal(err)
			}
		}
		for _, p := range ps {
			if !p.Missing {
				t.Fatalf("the premise: %s %s has a point shown: %+v", c.spec, c.method, p)
			}
		}
		if strings.Contains(b.String(), "┤") || !strings.Contains(b.String(), "Nothing to draw") {
			t.Errorf("%s %s, every point hidden, draws an axis or does not say there is nothing to draw:\n%s", c.spec, c.method, b.String())
		}
		svg := string(svgChart{title: c.spec, percent: percent, points: ps, hidden: s.hiddenPoint(percent), least: s.smallestShown()}.svg())
		if axisLabels(svg) != nil || !strings.Contains(svg, "Nothing to draw") {
			t.Errorf("%s %s, every point hidden: the board report's chart has axis labels %q, or does not say there is nothing to draw", c.spec, c.method, axisLabels(svg))
		}
	}
}

// TestACountAxisIsNeverLabelledBelowTheSmallestCountShown: a chart of one
// point of 10 was labelled 9, 10 and 11, and "9" read as if a count of 9
// could be shown, where under disclosure control every count shown is 10
// or more. A count chart's axis under disclosure control is labelled
// nowhere between 0 and the smallest count shown, in the terminal and in
// the board report; --exact labels it as before.
func TestACountAxisIsNeverLabelledBelowTheSmallestCountShown(t *testing.T) {
	// Two weeks read, the second alone asked for: one point of exactly
	// 10, shown as 10 whatever its key.
	rs := weeklyShareFrom(t, time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), []int{12, 10}, []int{0, 0})
	week := Options{By: Week, From: time.Date(2026, 1, 12, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 1, 18, 0, 0, 0, 0, time.UTC)}
	s := summarise(t, datasetOf(t, rs), week)
	var terminal []string
	for _, method := range []string{"", MethodXmR} {
		var b bytes.Buffer
		var ps []Point
		if method == "" {
			ch, err := s.Chart("assessed", ChartOptions{})
			if err != nil {
				t.Fatal(err)
			}
			ps = ch.Points
			if err := ch.Write(&b, 80); err != nil {
				t.Fatal(err)
			}
		} else {
			ch, err := s.SPC("assessed", method, ChartOptions{})
			if err != nil {
				t.Fatal(err)
			}
			ps = ch.Points
			if err := ch.Write(&b, 80); err != nil {
				t.Fatal(err)
			}
		}
		if len(ps) != 1 || ps[0].Missing || ps[0].Value != 10 {
			t.Fatalf("the premise: %+v, want one point of 10", ps)
		}
		for _, l := range strings.Split(b.String(), "\n") {
			if i := strings.Index(l, " ┤"); i > 0 {
				terminal = append(terminal, strings.TrimSpace(l[:i]))
			}
		}
		svg := string(svgChart{title: "assessed", points: ps, hidden: s.hiddenPoint(false), least: s.smallestShown()}.svg())
		for _, l := range axisLabels(svg) {
			if v, err := strconv.ParseFloat(l, 64); err != nil || v > 0 && v < 10 {
				t.Errorf("the board report's count axis is labelled %q, under the smallest count shown (10)", l)
			}
		}
	}
	if len(terminal) == 0 {
		t.Fatal("no axis label in the terminal's charts")
	}
	for _, l := range terminal {
		if v, err := strconv.ParseFloat(l, 64); err != nil || v < 10 {
			t.Errorf("the terminal's count axis is labelled %q, under the smallest count shown (10): %q", l, terminal)
		}
	}
	// --exact labels it as it always did.
	week.Exact = true
	ex := summarise(t, datasetOf(t, rs), week)
	ch, err := ex.Chart("assessed", ChartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := ch.Write(&b, 80); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), " 9 ┤") || math.IsNaN(ch.Points[0].Value) {
		t.Errorf("--exact: the axis of one point of 10 is not labelled 9 to 11:\n%s", b.String())
	}
}

var axisLabelRE = regexp.MustCompile(`<text [^>]*text-anchor="end"[^>]*>([^<]*)</text>`)

// axisLabels are the labels of an SVG chart's axis.
func axisLabels(svg string) []string {
	var out []string
	for _, m := range axisLabelRE.FindAllStringSubmatch(svg, -1) {
		out = append(out, m[1])
	}
	return out
}
