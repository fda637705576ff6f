package report

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"digicheck/record"
)

// SPC charts, as NHS England's "Making Data Count" draws them: a centre
// line (the mean) and process limits, with the special cause rules.
//
//   - XmR (individuals) chart: the limits are the mean plus and minus 2.66
//     times the mean moving range (the mean of the differences between
//     each point and the one before); the zone near a limit starts at two
//     thirds of that (2 sigma). For any measure; the usual choice for
//     counts.
//   - p-chart: for a share of a base that differs from period to period.
//     The centre is the pooled share (all counts over all bases); each
//     point's limits are 3 standard errors of a proportion on its own
//     base, sqrt(p(1-p)/n), and its near zone starts at 2.
//
// The special cause rules (Making Data Count, as NHS-R's NHSRplotthedots
// implements them):
//
//   - astronomical: a point outside the process limits;
//   - shift: 7 or more points in a row on one side of the mean (a point on
//     the mean ends a run);
//   - trend: 7 or more points in a row each higher (or each lower) than the
//     one before (a point equal to the one before ends a run);
//   - two of three: two of three points in a row near a limit (beyond 2
//     sigma, inside the limit), all three on the same side of the mean.
//
// As for run charts, the mean, limits and rules are worked out on the exact
// values of the periods not cut short (the mean and limits, under
// disclosure control, of the shown ones only: centreBase), from the first Baseline of them if
// given, afresh from each change that recalculates; the points are drawn as
// disclosure control shows them, and the mean and limits to the nearest
// whole percent (or RoundTo, for a count). A p-chart's limits as drawn use
// the bases as shown; its rules, the exact ones.

// SPC methods.
const (
	MethodXmR = "xmr"
	MethodP   = "p"
)

// Signal is a special cause: its rule, the side of the mean ("above",
// "below"; "rising", "falling" for a trend) and the points in it.
type Signal struct {
	Rule   string // "astronomical", "shift", "trend", "two of three"
	Side   string
	Points []int
}

// SPC is a statistical process control chart of one measure.
type SPC struct {
	Title string
	// Banners are as a Chart's.
	Banners []string
	// Counted and Notes are as a Chart's.
	Counted string
	Notes   []string
	Method  string // MethodXmR or MethodP
	Percent bool
	Points  []Point
	// Segments are the stretches with one mean and set of limits.
	Segments []Segment
	// Mean, Upper and Lower are the centre line and process limits at each
	// point, as shown; NaN where there are none (a p-chart point with a
	// hidden base).
	Mean, Upper, Lower []float64
	Signals            []Signal
	// LeftOut are the special causes that rest on a period a team was
	// left out of: not findings (chart_left_out.go).
	LeftOut []LeftOutSignal
	// Crossings are the points rounding draws across a limit or the mean
	// against their flags (see Crossing).
	Crossings []Crossing
	Changes   []ChangeMark
	Exact     bool
	// Withheld is 1 when a point the rules count is hidden, so signals
	// that take it in or border it are not shown (see withoutHidden): the
	// chart then never says there is none.
	Withheld int
	// Withdrawn is true when so few points are shown that the mean,
	// limits and rules are not shown at all (see tooFewShown).
	Withdrawn bool
	Note      string
	least     int // the smallest count shown (Summary.smallestShown)
	roundTo   int // what counts are rounded to
}

// MethodName names a method in full, for the output.
func MethodName(m string) string {
	if m == MethodP {
		return "p-chart (a share: pooled mean, limits 3 standard errors on each period's base)"
	}
	return "XmR chart (individuals: limits at the mean ± 2.66 × the mean moving range)"
}

// SPC makes the SPC chart of a measure (see series) by method: "" is a
// p-chart for a share and XmR for a count.
func (s *Summary) SPC(spec, method string, o ChartOptions) (*SPC, error) {
	title, percent, ps, err := s.series(spec)
	if err != nil {
		return nil, err
	}
	switch {
	case method == "" && percent:
		method = MethodP
	case method == "":
		method = MethodXmR
	case method == MethodP && !percent:
		return nil, fmt.Errorf("a p-chart is of a share, and %s is a count: use --spc xmr", spec)
	case method != MethodP && method != MethodXmR:
		return nil, fmt.Errorf("SPC method %q: use xmr or p", method)
	}
	if err := o.check(ps); err != nil {
		return nil, err
	}
	ch := &SPC{Title: title, Method: method, Percent: percent, Points: ps, Exact: s.Exact, Banners: s.chartBannersText(), least: s.smallestShown(), roundTo: max(s.Disclosure.RoundTo, 1)}
	ch.Counted, ch.Notes = s.chartContext()
	ch.Changes = markChanges(ps, o.Changes)
	recalcNote, err := settleRecalculations(ps, ch.Changes)
	if err != nil {
		return nil, err
	}
	ch.Segments = segments(ps, ch.Changes, o.Baseline)
	n := len(ps)
	ch.Mean, ch.Upper, ch.Lower = nans(n), nans(n), nans(n)
	var fewNotes []string
	for si := range ch.Segments {
		sg := &ch.Segments[si]
		use := usable(ps, sg.From, sg.To)
		if method == MethodP {
			use = slices.DeleteFunc(use, func(i int) bool { return ps[i].den <= 0 })
		}
		base := use[:baselineLen(o.Baseline, len(use))]
		sg.Baseline = len(base)
		base = s.centreBase(ps, base)
		if sg.Shown = len(base); len(base) < MinCentreShown {
			if len(use) > 0 {
				fewNotes = append(fewNotes, s.fewShownNote(ps, *sg, use, len(ch.Segments) > 1, "No mean or limits", "a mean with its limits"))
			}
			continue
		}
		sg.base = base
		var lim limits
		if method == MethodP {
			lim = pLimits(ps, base)
		} else {
			lim = xmrLimits(exactValues(ps, base))
			lim.share = percent
		}
		sg.center = lim.mean
		sg.Center = s.shownCenter(lim.mean, percent)
		// The rules, on the exact values with the exact limits.
		bands := make([]band, 0, len(use))
		for _, i := range use {
			bands = append(bands, lim.at(ps[i].den))
		}
		for _, sig := range SpecialCauses(exactValues(ps, use), bands) {
			for k, p := range sig.Points {
				sig.Points[k] = use[p]
			}
			ch.Signals = append(ch.Signals, sig)
		}
		// The lines as drawn.
		for i := sg.From; i < sg.To; i++ {
			ch.Mean[i] = sg.Center
			// A p-chart's limits as drawn are on the base as shown;
			// drawn on the exact one, their width would give it away.
			den := ps[i].den
			if method == MethodP && !s.Exact {
				den = ps[i].shownDen
				if ps[i].denHidden {
					den = 0
				}
			}
			if method == MethodP && den == 0 || ps[i].Partial {
				continue // a partial period is judged by no limits
			}
			b := lim.at(den)
			ch.Upper[i], ch.Lower[i] = s.shownCenter(b.upper, percent), s.shownCenter(b.lower, percent)
		}
	}
	// No Making Data Count publication found gives a minimum; 12 is where
	// NHSRplotthedots, the NHS-R tool for it, stops calling limits trial
	// limits (see MinRecalculatePoints and docs/charts.md).
	if k := len(usable(ps, 0, len(ps))); k < MinRecalculatePoints {
		ch.Note = fmt.Sprintf("Only %s: limits of fewer than %d are trial limits (docs/charts.md).", plural(k, "point", "points"), MinRecalculatePoints)
	}
	var held int
	ch.Signals, held = withoutHidden(ps, ch.Signals, func(sig Signal) []int { return sig.Points })
	ch.Withheld = held
	ch.Signals, ch.LeftOut = splitLeftOut(ps, ch.Signals, func(sig Signal) (string, string, []int) { return sig.Rule, sig.Side, sig.Points },
		segmentCentre(ch.Segments), "mean and limits")
	ch.Crossings = spcCrossings(ch)
	if note, few := s.tooFewShown(ps); few {
		for si := range ch.Segments {
			ch.Segments[si].Center = math.NaN()
		}
		ch.Mean, ch.Upper, ch.Lower = nans(len(ps)), nans(len(ps)), nans(len(ps))
		ch.Signals, ch.LeftOut, ch.Crossings, ch.Withheld, ch.Withdrawn = nil, nil, nil, 0, true
		ch.Note = note
	} else {
		ch.Note = joinNotes(ch.Note, append([]string{hiddenSignalsNote(held)}, fewNotes...)...)
	}
	ch.Note = joinNotes(ch.Note, leftOutNote(ps), recalcNote, s.SkippedNote(), s.NotEndedNote())
	return ch, nil
}

func nans(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = math.NaN()
	}
	return out
}

// limits are a segment's mean and how to work out a point's limits.
type limits struct {
	mean float64
	// XmR: one width for every point (2.66 times the mean moving range).
	width float64
	// p-chart: the pooled share (0 to 1); a point's width depends on its
	// base.
	p   float64
	isP bool
	// share: an XmR chart of a percentage, whose limits stop at 0% and
	// 100% as a p-chart's do. Every XmR chart here is of a count or a
	// share, neither of which can fall below 0, so its lower limit stops
	// there too.
	share bool
}

// band is a point's limits and near-limit zone.
type band struct {
	lower, upper         float64 // process limits
	nearLower, nearUpper float64 // where the zone near a limit starts (2 sigma)
	mean                 float64
}

// XmRConstant is the factor of the mean moving range that puts an XmR
// chart's limits at 3 sigma: 3 / d2, d2 = 1.128 for ranges of 2 points.
const XmRConstant = 2.66

func xmrLimits(vals []float64) limits {
	mean := 0.0
	for _, v := range vals {
		mean += v
	}
	mean /= float64(len(vals))
	mr := 0.0
	for i := 1; i < len(vals); i++ {
		mr += math.Abs(vals[i] - vals[i-1])
	}
	if len(vals) > 1 {
		mr /= float64(len(vals) - 1)
	}
	return limits{mean: mean, width: XmRConstant * mr}
}

func pLimits(ps []Point, base []int) limits {
	num, den := 0, 0
	for _, i := range base {
		num += ps[i].num
		den += ps[i].den
	}
	p := float64(num) / float64(den)
	return limits{mean: 100 * p, p: p, isP: true}
}

// at is the band of a point with base n (a p-chart's; an XmR chart's
// ignores it). A p-chart's limits stop at 0% and 100%.
func (l limits) at(n int) band {
	if !l.isP {
		upper := l.mean + l.width
		if l.share {
			upper = math.Min(upper, 100)
		}
		return band{math.Max(l.mean-l.width, 0), upper, l.mean - 2*l.width/3, l.mean + 2*l.width/3, l.mean}
	}
	sigma := 100 * math.Sqrt(l.p*(1-l.p)/float64(max(n, 1)))
	return band{math.Max(l.mean-3*sigma, 0), math.Min(l.mean+3*sigma, 100),
		l.mean - 2*sigma, l.mean + 2*sigma, l.mean}
}

// SpecialCauses applies the Making Data Count rules to vals, each with its
// band; signals name positions in vals.
func SpecialCauses(vals []float64, bands []band) []Signal {
	var out []Signal
	side := func(k int) int {
		switch {
		case vals[k] > bands[k].mean:
			return 1
		case vals[k] < bands[k].mean:
			return -1
		}
		return 0
	}
	sideName := map[int]string{1: "above", -1: "below"}
	// Astronomical points.
	for k, v := range vals {
		if v > bands[k].upper || v < bands[k].lower {
			out = append(out, Signal{Rule: "astronomical", Side: sideName[side(k)], Points: []int{k}})
		}
	}
	// Shifts: 7 or more in a row on one side; a point on the mean ends one.
	for k := 0; k < len(vals); {
		sd := side(k)
		j := k
		for j < len(vals) && sd != 0 && side(j) == sd {
			j++
		}
		if sd != 0 && j-k >= 7 {
			out = append(out, Signal{Rule: "shift", Side: sideName[sd], Points: span(k, j)})
		}
		k = max(j, k+1)
	}
	// Trends: 7 or more in a row, each higher (or lower) than the one
	// before; an equal one ends a run, and the turning point is in both.
	dir := func(k int) int { // of point k from point k-1
		switch {
		case vals[k] > vals[k-1]:
			return 1
		case vals[k] < vals[k-1]:
			return -1
		}
		return 0
	}
	for k := 1; k < len(vals); {
		d := dir(k)
		j := k
		for j < len(vals) && d != 0 && dir(j) == d {
			j++
		}
		if d != 0 && j-k+1 >= 7 {
			out = append(out, Signal{Rule: "trend", Side: map[int]string{1: "rising", -1: "falling"}[d], Points: span(k-1, j)})
		}
		k = max(j, k+1)
	}
	// Two of three near a limit (beyond 2 sigma, inside the limit), all
	// three on the same side of the mean.
	near := func(k int) bool {
		b := bands[k]
		v := vals[k]
		return v <= b.upper && v >= b.lower && (v > b.nearUpper || v < b.nearLower)
	}
	flagged := map[int]bool{}
	var last *Signal
	for k := 0; k+2 < len(vals); k++ {
		sd := side(k)
		if sd == 0 || side(k+1) != sd || side(k+2) != sd {
			continue
		}
		var in []int
		for _, j := range []int{k, k + 1, k + 2} {
			if near(j) {
				in = append(in, j)
			}
		}
		if len(in) < 2 {
			continue
		}
		if last != nil && last.Side == sideName[sd] && last.Points[len(last.Points)-1] >= k {
			for _, j := range in {
				if !flagged[j] {
					last.Points = append(last.Points, j)
					flagged[j] = true
				}
			}
			continue
		}
		out = append(out, Signal{Rule: "two of three", Side: sideName[sd], Points: in})
		last = &out[len(out)-1]
		for _, j := range in {
			flagged[j] = true
		}
	}
	return out
}

func span(from, to int) []int {
	var out []int
	for i := from; i < to; i++ {
		out = append(out, i)
	}
	return out
}

// Write draws the chart: the points, the mean (dashed) and process limits
// (dotted), a row flagging the points of each special cause (A
// astronomical, S shift, T trend, N two of three), the changes, the period
// labels, the method, what the rules found, and the values as a list.
func (ch *SPC) Write(w io.Writer, width int) error {
	if width <= 0 {
		width = 80
	}
	legend := "Method: " + MethodName(ch.Method) + ". Mean (dashed) and process limits (dotted)" + ch.segmentNote() +
		". Special causes (Making Data Count): A a point outside the limits; S a shift, 7 or more in a row on one side of the mean; " +
		"T a trend, 7 or more in a row all rising or all falling; N two of three in a row near a limit (beyond 2 sigma) on one side. " +
		"More than one: the first letter."
	if ch.Withdrawn || !centred(ch.Segments) {
		legend = "Method: " + MethodName(ch.Method) + ". No mean, limits or special causes (why is said below)."
	} else if !ch.Exact {
		legend += " The mean and limits are worked out on the exact values of the points shown, the rules on every exact value; the points are shown as disclosure control allows (*: hidden), the mean and limits rounded (a share to the whole percent)."
	}
	if anyHollow(ch.Points) {
		legend += " ○: a period cut short, left out of the mean, limits and rules."
	}
	flags := make([]string, len(ch.Points))
	letter := map[string]string{"astronomical": "A", "shift": "S", "trend": "T", "two of three": "N"}
	for _, sig := range ch.Signals {
		for _, i := range sig.Points {
			if flags[i] == "" {
				flags[i] = letter[sig.Rule]
			}
		}
	}
	var b strings.Builder
	writeChartHead(&b, width, ch.Exact, ch.Banners, "SPC chart: "+ch.Title, ch.Counted, legend, ch.Crossings,
		plot{percent: ch.Percent, exact: ch.Exact, points: ch.Points, lines: [][]float64{ch.Mean, ch.Upper, ch.Lower}, flags: flags, changes: ch.Changes, least: ch.least, step: ch.roundTo})
	if len(ch.Signals) == 0 && !ch.Withdrawn && centred(ch.Segments) {
		none := "No special cause: common cause variation only."
		if len(ch.LeftOut) > 0 {
			none = "No special cause that is a finding: those below may come from a team being left out."
		}
		b.WriteString(record.Wrap(noSignal(none, ch.Withheld), "", "", width))
	}
	for _, sig := range ch.Signals {
		wrapf(&b, width, "%s.\n", signalLine(ch.Points, sig.Rule, sig.Side, sig.Points, "mean"))
	}
	for _, l := range leftOutLines(ch.Points, ch.LeftOut, "mean") {
		wrapf(&b, width, "%s\n", l)
	}
	writeChartTail(&b, width, ch.Points, ch.Crossings, ch.Note, ch.Notes, "Period      Value      Mean     Lower     Upper  Rule")
	for i, p := range ch.Points {
		var rules []string
		trends := 0
		for _, sig := range ch.Signals {
			if slices.Contains(sig.Points, i) && sig.Rule == "trend" {
				trends++
			}
		}
		for _, sig := range ch.Signals {
			switch {
			case !slices.Contains(sig.Points, i):
			case sig.Rule == "trend" && trends > 1:
				// A point two trends share: each by its direction.
				rules = append(rules, sig.Side+" trend")
			default:
				rules = append(rules, sig.Rule)
			}
		}
		if p.Partial {
			rules = append(rules, "partial period: "+p.PartialWhy)
		}
		if len(p.LeftOut) > 0 {
			rules = append(rules, leftOutRule(p))
		}
		if isCrossing(ch.Crossings, i) {
			rules = append(rules, CrossingMark+" drawn across by rounding")
		}
		b.WriteString(ruleRow(fmt.Sprintf("%-10s  %8s  %8s  %8s  %8s  ", p.Label, pointValue(ch.Percent, p), ch.line(ch.Mean[i]), ch.line(ch.Lower[i]), ch.line(ch.Upper[i])), strings.Join(rules, ", "), width))
	}
	return finish(w, &b)
}

func (ch *SPC) line(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return formatCenter(ch.Percent, ch.Exact, v)
}

// segmentNote says how the mean and limits were worked out, when not from
// every point.
func (ch *SPC) segmentNote() string {
	var parts []string
	for _, sg := range ch.Segments {
		n := len(usable(ch.Points, sg.From, sg.To))
		switch {
		case sg.Shown < MinCentreShown:
			// None drawn: the note says why.
		case len(ch.Segments) > 1 && sg.Baseline < n:
			parts = append(parts, fmt.Sprintf("from %s, of its first %s%s", ch.Points[sg.From].Label, plural(sg.Baseline, "point", "points"), shownOf(sg)))
		case len(ch.Segments) > 1:
			parts = append(parts, "from "+ch.Points[sg.From].Label)
		case sg.Baseline < n:
			parts = append(parts, "of the first "+plural(sg.Baseline, "point", "points")+shownOf(sg)+", frozen")
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return ", worked out " + strings.Join(parts, "; ")
}
