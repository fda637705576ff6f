package report

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// TestXmRLimitsAgainstAHandWorkedExample: eight weeks assessed 10, 12, 11,
// 15, 13, 9, 14, 12.
//
//	mean               = 96 / 8 = 12
//	moving ranges      = 2, 1, 4, 2, 4, 5, 2: sum 20, mean 20/7 = 2.857
//	2.66 × 20/7        = 53.2 / 7 = 7.6
//	limits             = 12 ± 7.6: lower 4.4, upper 19.6
//	near a limit from  = 12 ± 7.6 × 2/3: 6.933 and 17.067
func TestXmRLimitsAgainstAHandWorkedExample(t *testing.T) {
	of := []int{10, 12, 11, 15, 13, 9, 14, 12}
	s := summarise(t, datasetOf(t, weeklyShare(t, of, make([]int, len(of)))), Options{By: Week, Exact: true})
	ch, err := s.SPC("assessed", "", ChartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if ch.Method != MethodXmR {
		t.Errorf("method %q for a count, want xmr", ch.Method)
	}
	for i := range ch.Points {
		if !near(ch.Mean[i], 12) || !near(ch.Upper[i], 19.6) || !near(ch.Lower[i], 4.4) {
			t.Errorf("point %d: mean %v limits %v to %v, want 12, 4.4 to 19.6", i, ch.Mean[i], ch.Lower[i], ch.Upper[i])
		}
	}
	b := xmrLimits([]float64{10, 12, 11, 15, 13, 9, 14, 12}).at(0)
	if !near(b.nearLower, 12-7.6*2/3) || !near(b.nearUpper, 12+7.6*2/3) {
		t.Errorf("near-limit zone from %v and %v, want 6.933 and 17.067", b.nearLower, b.nearUpper)
	}
	if len(ch.Signals) != 0 {
		t.Errorf("signals %+v in common cause variation", ch.Signals)
	}
}

// TestXmRLimitsStopAtZeroAndAHundredPercent: an XmR chart of a share
// (asked for with --spc xmr) or of a count never draws a limit below 0, nor
// a share's above 100%, since no value can fall there.
//
//	shares 0%, 50%, 0%, 50% (2 of 4 weeks with 1 of 2): mean 25%,
//	moving ranges 50 each, 2.66 × 50 = 133: limits -108% and 158%, drawn 0% and 100%
//	counts 1, 9, 1, 9: mean 5, 2.66 × 8 = 21.28: lower -16.28, drawn 0
func TestXmRLimitsStopAtZeroAndAHundredPercent(t *testing.T) {
	s := summarise(t, datasetOf(t, weeklyShare(t, []int{2, 2, 2, 2}, []int{0, 1, 0, 1})), Options{By: Week, Exact: true})
	ch, err := s.SPC("band.access/significant", MethodXmR, ChartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range ch.Points {
		if !near(ch.Mean[i], 25) || ch.Lower[i] != 0 || ch.Upper[i] != 100 {
			t.Errorf("week %d: mean %v limits %v to %v, want 25, 0 to 100", i, ch.Mean[i], ch.Lower[i], ch.Upper[i])
		}
	}
	s = summarise(t, datasetOf(t, weeklyShare(t, []int{1, 9, 1, 9}, make([]int, 4))), Options{By: Week, Exact: true})
	if ch, err = s.SPC("assessed", "", ChartOptions{}); err != nil {
		t.Fatal(err)
	}
	for i := range ch.Points {
		if !near(ch.Mean[i], 5) || ch.Lower[i] != 0 || !near(ch.Upper[i], 5+2.66*8) {
			t.Errorf("week %d: mean %v limits %v to %v, want 5, 0 to 26.28", i, ch.Mean[i], ch.Lower[i], ch.Upper[i])
		}
	}
}

// TestPChartLimitsAgainstAHandWorkedExample: four weeks of 100 assessed,
// 10, 20, 15 and 15 with a significant access barrier.
//
//	p      = 60 / 400 = 0.15
//	sigma  = sqrt(0.15 × 0.85 / 100) = 0.035707
//	limits = 15% ± 3 × 3.5707%: 4.288% to 25.712%
func TestPChartLimitsAgainstAHandWorkedExample(t *testing.T) {
	of := []int{100, 100, 100, 100}
	s := summarise(t, datasetOf(t, weeklyShare(t, of, []int{10, 20, 15, 15})), Options{By: Week, Exact: true})
	ch, err := s.SPC("band.access/significant", "", ChartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if ch.Method != MethodP {
		t.Errorf("method %q for a share, want p", ch.Method)
	}
	sigma := 100 * math.Sqrt(0.15*0.85/100)
	for i := range ch.Points {
		if !near(ch.Mean[i], 15) || !near(ch.Upper[i], 15+3*sigma) || !near(ch.Lower[i], 15-3*sigma) {
			t.Errorf("point %d: mean %v limits %v to %v, want 15, 4.288 to 25.712", i, ch.Mean[i], ch.Lower[i], ch.Upper[i])
		}
	}
	if !near(15+3*sigma, 25.712113) && math.Abs(15+3*sigma-25.7121) > 1e-4 {
		t.Errorf("upper limit %v, want 25.712", 15+3*sigma)
	}
	if _, err := s.SPC("assessed", MethodP, ChartOptions{}); err == nil {
		t.Error("a p-chart of a count was drawn")
	}
}

// TestSpecialCauseRulesAtTheirBoundaries: mean 10, limits 4 and 16, the
// zones near them from 6 and 14.
func TestSpecialCauseRulesAtTheirBoundaries(t *testing.T) {
	b := band{lower: 4, upper: 16, nearLower: 6, nearUpper: 14, mean: 10}
	type sig struct {
		rule, side string
		points     []int
	}
	for _, c := range []struct {
		name string
		vals []float64
		want []sig
	}{
		{"on the limit is inside", []float64{16, 4, 11, 9}, nil},
		{"beyond the limit", []float64{16.5, 3.5, 11, 9}, []sig{{"astronomical", "above", []int{0}}, {"astronomical", "below", []int{1}}}},
		{"six above is not a shift", []float64{11, 12, 11, 12, 11, 12, 9}, nil},
		{"seven above is", []float64{11, 12, 11, 12, 11, 12, 11, 9}, []sig{{"shift", "above", []int{0, 1, 2, 3, 4, 5, 6}}}},
		{"a point on the mean ends a run", []float64{9, 8, 9, 10, 8, 9, 8, 9}, nil},
		{"six rising is not a trend", []float64{5, 6, 7, 8, 9, 10.5, 9}, nil},
		{"seven rising is", []float64{5, 6, 7, 8, 9, 10.5, 11, 9}, []sig{{"trend", "rising", []int{0, 1, 2, 3, 4, 5, 6}}}},
		{"an equal point ends a trend", []float64{5, 6, 7, 7, 8, 9, 10.5, 11}, nil},
		{"two of three near the upper limit", []float64{14.5, 11, 15, 9}, []sig{{"two of three", "above", []int{0, 2}}}},
		{"on the near line is not near", []float64{14, 11, 15, 9}, nil},
		{"two of three on both sides are not", []float64{14.5, 9, 15, 9}, nil},
		{"two of three near the lower limit", []float64{9, 5, 5.5, 11}, []sig{{"two of three", "below", []int{1, 2}}}},
	} {
		bands := make([]band, len(c.vals))
		for i := range bands {
			bands[i] = b
		}
		var got []sig
		for _, s := range SpecialCauses(c.vals, bands) {
			got = append(got, sig{s.Rule, s.Side, s.Points})
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s %v: %v, want %v", c.name, c.vals, got, c.want)
		}
	}
}

// TestSPCLimitsAreWorkedOutAfreshFromANamedChange: six weeks near 10 then
// six near 20, the change named at the seventh: two segments, each with
// its own mean and limits, and no special cause in either; without the
// change, the second six are a shift above one mean.
func TestSPCLimitsAreWorkedOutAfreshFromANamedChange(t *testing.T) {
	of := []int{10, 11, 9, 10, 11, 9, 10, 11, 9, 10, 11, 9, 20, 21, 19, 20, 21, 19, 20, 21, 19, 20, 21, 19}
	s := summarise(t, datasetOf(t, weeklyShare(t, of, make([]int, len(of)))), Options{By: Week, Exact: true})
	change := Change{Date: time.Date(2026, 3, 30, 0, 0, 0, 0, time.UTC), Label: "Second clinic", Recalculate: true}
	ch, err := s.SPC("assessed", MethodXmR, ChartOptions{Changes: []Change{change}})
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Segments) != 2 || !near(ch.Mean[0], 10) || !near(ch.Mean[23], 20) {
		t.Errorf("segments %+v, means %v and %v: want 10 then 20 from the thirteenth week", ch.Segments, ch.Mean[0], ch.Mean[23])
	}
	if len(ch.Signals) != 0 {
		t.Errorf("signals %+v within the two segments", ch.Signals)
	}
	ch, err = s.SPC("assessed", MethodXmR, ChartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Signals) == 0 {
		t.Error("no special cause across a step from 10 to 20 with one mean")
	}
	var b bytes.Buffer
	if err := ch.Write(&b, 80); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"SPC chart: Assessments, by week", "Method: XmR chart", "Making Data Count"} {
		if !strings.Contains(strings.Join(strings.Fields(b.String()), " "), want) {
			t.Errorf("no %q in:\n%s", want, b.String())
		}
	}
}

// TestSPCRulesRunOnExactValuesAndLimitsAreDrawnOnShownBases: with
// disclosure control, a p-chart's limits as drawn use the bases as shown,
// rounded; its mean is shown to the whole percent.
func TestSPCRulesRunOnExactValuesAndLimitsAreDrawnOnShownBases(t *testing.T) {
	of := []int{43, 41, 44, 42, 43, 41, 44, 42}
	sig := []int{12, 11, 13, 12, 12, 11, 13, 12}
	s := summarise(t, datasetOf(t, weeklyShare(t, of, sig)), Options{By: Week})
	ch, err := s.SPC("band.access/significant", "", ChartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range ch.Points {
		if ch.Mean[i] != math.Round(ch.Mean[i]) || ch.Upper[i] != math.Round(ch.Upper[i]) {
			t.Errorf("week %s: mean %v, upper %v not rounded", p.Label, ch.Mean[i], ch.Upper[i])
		}
	}
	var b bytes.Buffer
	if err := ch.Write(&b, 80); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "Method: p-chart") || !strings.Contains(b.String(), "worked out on the exact values") {
		t.Errorf("method or exactness not stated:\n%s", b.String())
	}
}

// TestAnUnknownMeasureIsAnsweredWithWhatCanBeCharted: a measure not known
// is answered with the measures, a line each (not some 190 on one line), and
// a measure given without its category with its categories.
func TestAnUnknownMeasureIsAnsweredWithWhatCanBeCharted(t *testing.T) {
	s := summarise(t, datasetOf(t, weeklyShare(t, []int{10, 12}, []int{1, 2})), Options{By: Week, Exact: true})
	_, err := s.SPC("band.acess/significant", "", ChartOptions{})
	if err == nil {
		t.Fatal("a misspelt measure was charted")
	}
	lines := strings.Split(err.Error(), "\n")
	if !slices.Contains(lines, "  band.access") || slices.Contains(lines, "  band.access/significant") {
		t.Errorf("the measures are not listed a line each:\n%s", err)
	}
	for _, l := range lines[1:] {
		if len(l) > 80 {
			t.Errorf("a line of %d columns: %q", len(l), l)
		}
	}
	if _, err = s.SPC("band.access", "", ChartOptions{}); err == nil || !strings.Contains(err.Error(), "\n  band.access/significant") {
		t.Errorf("a measure given alone is not answered with its categories: %v", err)
	}
}

// TestAnSPCChartOfFewPointsSaysItsLimitsAreTrialLimits: below 12 whole
// periods (the sourced threshold, MinRecalculatePoints) the chart says its
// limits are trial limits; at 12 it says nothing of it. It cited a
// Making Data Count figure (15, 20) that no publication found gives.
func TestAnSPCChartOfFewPointsSaysItsLimitsAreTrialLimits(t *testing.T) {
	for _, n := range []int{11, 12} {
		of := make([]int, n)
		for i := range of {
			of[i] = 10 + i%3
		}
		s := summarise(t, datasetOf(t, weeklyShare(t, of, make([]int, n))), Options{By: Week, Exact: true})
		ch, err := s.SPC("assessed", MethodXmR, ChartOptions{})
		if err != nil {
			t.Fatal(err)
		}
		said := strings.Contains(ch.Note, "trial limits")
		if said != (n < 12) {
			t.Errorf("%d points: note %q", n, ch.Note)
		}
		if strings.Contains(ch.Note, "advises 15") {
			t.Errorf("%d points: the unsourced figure is still cited: %q", n, ch.Note)
		}
	}
}

// TestChangesAreNumberedNotLetteredLikeSpecialCauses: a change was drawn
// as "A" under a row of "A" flags (astronomical points), and a second as
// "B" (a run chart's "both"). Changes are numbered with digits, special
// causes flagged with letters, so no mark under a chart means either.
func TestChangesAreNumberedNotLetteredLikeSpecialCauses(t *testing.T) {
	of := []int{10, 11, 9, 10, 11, 9, 10, 11, 9, 10, 11, 9, 20, 21, 19, 20, 21, 19, 20, 21, 19, 20, 21, 19}
	s := summarise(t, datasetOf(t, weeklyShare(t, of, make([]int, len(of)))), Options{By: Week, Exact: true})
	changes := []Change{{Date: time.Date(2026, 3, 30, 0, 0, 0, 0, time.UTC), Label: "Second clinic"},
		{Date: time.Date(2026, 4, 20, 0, 0, 0, 0, time.UTC), Label: "Text reminders"}}
	ch, err := s.SPC("assessed", MethodXmR, ChartOptions{Changes: changes})
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Signals) == 0 || len(ch.Changes) != 2 {
		t.Fatalf("%d signals and %d changes: the fixture tests nothing", len(ch.Signals), len(ch.Changes))
	}
	var b bytes.Buffer
	if err := ch.Write(&b, 80); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(b.String(), "\n")
	axis := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, "└") })
	if axis < 0 || axis+2 >= len(lines) {
		t.Fatalf("no axis and two rows under it:\n%s", b.String())
	}
	flagRow, changeRow := lines[axis+1], lines[axis+2]
	for _, r := range strings.ReplaceAll(flagRow, " ", "") {
		if !unicode.IsLetter(r) {
			t.Errorf("flag row %q holds %q, not a letter", flagRow, r)
		}
	}
	if got := strings.Fields(changeRow); !slices.Equal(got, []string{"1", "2"}) {
		t.Errorf("change row %q, want the changes numbered 1 and 2", changeRow)
	}
	for _, want := range []string{"Change 1: 2026-03-30, Second clinic", "Change 2: 2026-04-20, Text reminders", "N two of three"} {
		if !strings.Contains(strings.Join(strings.Fields(b.String()), " "), want) {
			t.Errorf("no %q in:\n%s", want, b.String())
		}
	}
}

// TestTheSPCTableFitsItsWidth: the Rule column ran past 80 columns
// ("astronomical, shift, ~ drawn across by rounding" wrapped under
// Period). Rules wrap between words, each further line indented to the
// Rule column.
func TestTheSPCTableFitsItsWidth(t *testing.T) {
	row := ruleRow(fmt.Sprintf("%-10s  %8s  %8s  %8s  %8s  ", "2026-05-18", "21", "15", "10.3", "19.7"), "astronomical, shift, "+CrossingMark+" drawn across by rounding", 80)
	lines := strings.Split(strings.TrimSuffix(row, "\n"), "\n")
	if len(lines) < 2 {
		t.Errorf("one line of %d columns: %q", len(lines[0]), row)
	}
	for _, l := range lines {
		if len(l) > 80 {
			t.Errorf("%d columns: %q", len(l), l)
		}
	}
	for _, l := range lines[1:] {
		if !strings.HasPrefix(l, strings.Repeat(" ", 52)) || l[52] == ' ' {
			t.Errorf("a further line not under the Rule column (52): %q", l)
		}
	}
	// Through a chart at 66 columns: "astronomical, shift" no longer fits
	// after the 52 columns of values.
	of := []int{10, 11, 9, 10, 11, 9, 10, 11, 9, 10, 11, 9, 20, 21, 19, 20, 21, 19, 20, 21, 19, 20, 21, 19}
	s := summarise(t, datasetOf(t, weeklyShare(t, of, make([]int, len(of)))), Options{By: Week, Exact: true})
	ch, err := s.SPC("assessed", MethodXmR, ChartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := ch.Write(&b, 66); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "astronomical,") {
		t.Fatalf("no astronomical point: the fixture tests nothing\n%s", b.String())
	}
	for _, l := range strings.Split(b.String(), "\n") {
		if w := ansi.StringWidth(l); w > 66 {
			t.Errorf("%d columns at 66: %q", w, l)
		}
	}
}

// TestAPointIsDrawnOnItsSideOfALineItIsNear: a week of 195 was drawn on
// the row of a lower limit of 190 (both rounded to the bottom row of a
// scale from 190 to 310), so it read as on the limit. A point that is not
// on a line is drawn on its own side of it, a row apart where the scale
// would put them on one row; a point on the line stays on it.
func TestAPointIsDrawnOnItsSideOfALineItIsNear(t *testing.T) {
	vals := []float64{195, 300, 250, 240, 260, 250, 190, 305}
	var ps []Point
	for i, v := range vals {
		ps = append(ps, Point{Label: fmt.Sprintf("w%d", i), Value: v})
	}
	flat := func(v float64) []float64 {
		l := make([]float64, len(ps))
		for i := range l {
			l[i] = v
		}
		return l
	}
	pl := plot{points: ps, lines: [][]float64{flat(250), flat(190), flat(310)}, flags: make([]string, len(ps))}
	var b strings.Builder
	pl.draw(&b, 80)
	rows := strings.Split(ansi.Strip(b.String()), "\n")[:chartHeight]
	// The row of point i and of the line's mark drawn in the column of
	// point j where no point is on the line's row.
	at := func(i int) (point int) {
		point = -1
		for r, l := range rows {
			rs := []rune(l)
			axis := strings.IndexRune(l, '┤')
			if axis < 0 {
				axis = strings.IndexRune(l, '│')
			}
			c := len([]rune(l[:axis])) + 3*i + 3
			if c < len(rs) && rs[c] == '●' {
				point = r
			}
		}
		return point
	}
	lineRow := func(mark rune) int {
		for r, l := range rows {
			if strings.Count(l, string(mark)) > 4 {
				return r
			}
		}
		return -1
	}
	lower := -1
	for r, l := range rows {
		if strings.Contains(l, "·") {
			lower = r // the last row with dots: the lower limit
		}
	}
	if p := at(0); p < 0 || lower < 0 || p >= lower {
		t.Errorf("195 drawn on row %d, the lower limit of 190 on row %d: want it above\n%s", p, lower, b.String())
	}
	if p := at(6); p != lower {
		t.Errorf("190, on the lower limit, drawn on row %d, the limit on row %d\n%s", p, lower, b.String())
	}
	if p, m := at(2), lineRow('-'); p != m {
		t.Errorf("250, on the centre line, drawn on row %d, the centre on row %d\n%s", p, m, b.String())
	}

	// No row between the centre (220) and the upper limit (235) on a
	// scale stretched to 30 by a week cut short: 225 stays on the
	// centre's row, never on the upper limit's, where it would read as a
	// point at the limit.
	ps = ps[:0]
	for i, v := range []float64{225, 220, 215, 30} {
		ps = append(ps, Point{Label: fmt.Sprintf("w%d", i), Value: v})
	}
	pl = plot{points: ps, lines: [][]float64{flat(220)[:4], flat(205)[:4], flat(235)[:4]}, flags: make([]string, 4)}
	b.Reset()
	pl.draw(&b, 80)
	rows = strings.Split(ansi.Strip(b.String()), "\n")[:chartHeight]
	if p, m := at(0), lineRow('-'); p != m {
		t.Errorf("225, between the centre and the upper limit a row above it, drawn on row %d, not the centre's %d\n%s", p, m, b.String())
	}
}

// TestAChartOfOnePointStatesNoFindingAboutVariation: a team's own
// summary of one month drew an XmR chart of its one point with limits
// 10 to 10 and "No special cause: common cause variation only", and a
// run chart with a median of that point and "Only 1 points". One point
// has no variation to speak of: the charts, with disclosure control and
// without, draw no centre line or limits and say the point is too few
// for them, and nothing of signals.
func TestAChartOfOnePointStatesNoFindingAboutVariation(t *testing.T) {
	// Two weeks read, the second alone asked for: one point.
	for _, exact := range []bool{false, true} {
		s := summarise(t, datasetOf(t, weeklyShareFrom(t, time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), []int{12, 25}, []int{0, 0})),
			Options{By: Week, Exact: exact, From: time.Date(2026, 1, 12, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 1, 18, 0, 0, 0, 0, time.UTC)})
		if len(s.Periods) != 1 {
			t.Fatalf("exact %v: %d periods, want 1", exact, len(s.Periods))
		}
		var out strings.Builder
		for _, method := range []string{MethodXmR, ""} {
			var w interface{ Write(io.Writer, int) error }
			var withdrawn bool
			if method == "" {
				ch, err := s.Chart("assessed", ChartOptions{})
				if err != nil {
					t.Fatal(err)
				}
				w, withdrawn = ch, ch.Withdrawn && math.IsNaN(ch.Median)
			} else {
				ch, err := s.SPC("assessed", method, ChartOptions{})
				if err != nil {
					t.Fatal(err)
				}
				w, withdrawn = ch, ch.Withdrawn && math.IsNaN(ch.Upper[0]) && math.IsNaN(ch.Mean[0])
			}
			out.Reset()
			if err := w.Write(&out, 80); err != nil {
				t.Fatal(err)
			}
			text := oneLine(out.String())
			if !withdrawn || strings.Contains(text, "common cause") || strings.Contains(text, "No shift") ||
				strings.Contains(text, "1 points") || !strings.Contains(text, "too few for a centre line, limits or rules") {
				t.Errorf("exact %v, %q chart of one point draws a centre line or limits, or states a finding:\n%s", exact, method, out.String())
			}
		}
	}
}
