package report

import (
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"digicheck/questionnaire"
	"digicheck/record"
)

// A run chart plots one measure by period around its median, and flags the
// two run chart rules of QI practice (as in NHS England's "Making data
// count" and the IHI's run chart rules):
//
//   - a shift: 6 or more points in a row all above, or all below, the
//     median. Points on the median neither add to a shift nor break it.
//   - a trend: 5 or more points in a row each higher than the one before
//     (or each lower). A point equal to the one before neither adds to a
//     trend nor breaks it.
//
// The rules are worked out on the exact values, whatever disclosure
// control shows: rounding lifts some periods and hides others, and rules
// run on the shown values find shifts that are not there and miss ones
// that are. The median is worked out on the exact values of the points
// shown only (centreBase): a median of hidden points, given to a whole
// percent beside their shown bases, narrowed them beyond what * allows.
// What is drawn is what disclosure control lets be shown: the points as
// shown (a hidden one is "*", with no point), and the median to the
// nearest whole percent (or 5, for a count), as it is one period's exact
// value. The rules tell only which side of the median, and which way
// from the one before, each point is.
//
// A period cut short by the span counted (the first and last, when the
// span does not start and end with them) is drawn and marked, but left out
// of the median and the rules: it holds fewer days than the others. A
// period with nothing to divide by is left out too.
//
// The median may be a baseline: worked out from the first points only
// (Baseline), and frozen there, as the later points are judged against
// it. A change the team names (Change.Recalculate) starts the median
// again from the period it falls in.

// Point is one period of a chart.
type Point struct {
	Label string
	// Start and End bound the period (End is the start of the next); the
	// first starts with the span counted.
	Start, End time.Time
	// Value is the value as shown; Missing is true when there is none to
	// show: hidden by disclosure control, or nothing to divide by.
	Value   float64
	Missing bool
	// Partial marks a period cut short by the span counted: drawn, but
	// left out of the centre line, limits and rules; PartialWhy says why
	// (see partialWhy).
	Partial    bool
	PartialWhy string
	// LeftOut are the teams rule 10 left out of the period, too few in
	// it to show: its value counts none of theirs (chart_left_out.go).
	LeftOut []string

	// The exact value, with its count and base (a count's base is 0): for
	// the rules only, never drawn.
	exact    float64
	hasExact bool
	num, den int
	// The base as shown, for a p-chart's limits as drawn.
	shownDen  int
	denHidden bool
}

// Run is a shift or trend: the points in it, by index.
type Run struct {
	Kind   string // "above", "below" (shifts), "rising", "falling" (trends)
	Points []int
}

// Change is a test of change a team made (a PDSA cycle): drawn on run and
// SPC charts at the period holding Date. With Recalculate, the median,
// mean and limits are worked out afresh from that period on.
type Change struct {
	Date        time.Time
	Label       string
	Recalculate bool
	// Asked is true for a change asked for with this chart (--change,
	// --recalculate), which must fall on it; a site's standing changes
	// outside the chart's span are left out.
	Asked bool
}

// check refuses what a team asks of a chart that its points cannot give:
// a baseline of more periods than the first stretch has whole ones, and a
// change asked for outside the chart's periods, which would otherwise be
// left out without a word.
func (o ChartOptions) check(ps []Point) error {
	if len(ps) == 0 {
		return nil
	}
	if o.Baseline > 0 {
		marks := markChanges(ps, o.Changes)
		first := segments(ps, marks, 0)[0]
		if n := len(usable(ps, first.From, first.To)); o.Baseline > n {
			return fmt.Errorf("--baseline %d: the chart has %d whole periods before any recalculation, so the baseline can take at most %d", o.Baseline, n, n)
		}
	}
	from, to := ps[0].Start, ps[len(ps)-1].End
	for _, c := range o.Changes {
		if c.Asked && (c.Date.Before(from) || !c.Date.Before(to)) {
			return fmt.Errorf("the change of %s (%s) is outside the chart, which runs from %s to %s", c.Date.Format(time.DateOnly), c.Label,
				from.Format(time.DateOnly), to.AddDate(0, 0, -1).Format(time.DateOnly))
		}
	}
	return nil
}

// MinRecalculatePoints is the fewest whole periods a recalculation may
// leave on either side of it: the median, mean and limits are worked out
// afresh from the periods after it, and the periods before it keep theirs.
// No NHS England Making Data Count publication found gives a number; the
// NHS-R community's NHSRplotthedots, written for Making Data Count,
// locks limits from 12 points and calls limits of fewer "trial limits"
// (its vignette "Number of points required", and the short-group warning
// of ptd_add_short_group_warnings.R, threshold 12). It is also the number
// of whole periods the board report asks before it draws SPC limits at
// all (spcMinPoints).
const MinRecalculatePoints = 12

// settleRecalculations holds each recalculation to MinRecalculatePoints
// whole periods on either side. One asked for with this chart
// (--recalculate) that would leave fewer is refused; one from the site's
// standing changes is drawn as a change but not recalculated from, and
// the note returned says so, for a standing change made last week would
// otherwise refuse every chart for a quarter.
func settleRecalculations(ps []Point, marks []ChangeMark) (note string, err error) {
	var notes []string
	for {
		cuts := []int{0}
		var at []int // the mark of each cut after the first
		for k, m := range marks {
			if m.Recalculate && m.Point > cuts[len(cuts)-1] {
				cuts, at = append(cuts, m.Point), append(at, k)
			}
		}
		cuts = append(cuts, len(ps))
		dropped := false
		for j, k := range at {
			before := len(usable(ps, cuts[j], cuts[j+1]))
			after := len(usable(ps, cuts[j+1], cuts[j+2]))
			if before >= MinRecalculatePoints && after >= MinRecalculatePoints {
				continue
			}
			m := &marks[k]
			why := fmt.Sprintf("%d whole periods before it and %d from it on; limits need %d or more on each side (fewer are trial limits, docs/charts.md)",
				before, after, MinRecalculatePoints)
			if m.Asked {
				return "", fmt.Errorf("--recalculate %s: that would leave %s", m.Date.Format(time.DateOnly), why)
			}
			m.Recalculate, m.NotRecalculated = false, why
			notes = append(notes, fmt.Sprintf("Change %s (%s) is not recalculated from: that would leave %s.", m.Mark, m.Date.Format(time.DateOnly), why))
			dropped = true
			break
		}
		if !dropped {
			return strings.Join(notes, "\n"), nil
		}
	}
}

// ChangeMark is a change as drawn: at which point, and its mark.
type ChangeMark struct {
	Change
	Point int
	// Mark is the change's number, 1 to N in date order, never wrapping
	// (a tenth is 10, not 1 again): digits, never a letter, so that it is
	// not read as a special cause's flag (A, S, T, N, B), which are
	// letters.
	Mark string
	// NotRecalculated says why a standing change that asks to recalculate
	// was not (settleRecalculations); "" when it was, or did not ask.
	NotRecalculated string
}

// Segment is a stretch of a chart with one centre line: the whole chart,
// or from one recalculation to the next. From and To are point indices
// (To excluded); Baseline is how many of its points the centre was worked
// out from.
type Segment struct {
	From, To int
	Center   float64 // as shown
	Baseline int
	// Shown is how many of the Baseline points disclosure control shows:
	// the centre line rests on them alone (centreBase), and on no fewer
	// than MinCentreShown.
	Shown  int
	center float64 // exact, for the rules
	base   []int   // the points the centre is worked out from
}

// Chart is a run chart of one measure.
type Chart struct {
	Title string
	// Banners are the caveats it carries under the banner of exact
	// counts: a damaged store read, an input not checked whole.
	Banners []string
	// Counted says which teams' assessments it counts, and Notes are
	// the summary's notes on them (chartContext): a chart of --team
	// "Ward A" was headed as every team's.
	Counted  string
	Notes    []string
	Percent  bool // values are percentages, not counts
	Points   []Point
	Segments []Segment
	// Median is the first segment's centre as shown.
	Median float64
	Shifts []Run
	Trends []Run
	// LeftOut are the shifts and trends that rest on a period a team
	// was left out of: not findings (chart_left_out.go).
	LeftOut []LeftOutSignal
	Changes []ChangeMark
	// Crossings are the points rounding draws across the median against
	// their flags (see Crossing).
	Crossings []Crossing
	Exact     bool // from exact counts
	// Withheld is 1 when a point the rules count is hidden, so shifts
	// and trends that take it in or border it are not shown (see
	// withoutHidden): the chart then never says there is none.
	Withheld int
	// Withdrawn is true when so few points are shown that the centre line
	// and rules are not shown at all (see tooFewShown).
	Withdrawn bool
	Note      string
	roundTo   int // what a count's centre line is shown rounded to (shownCenter)
	least     int // the smallest count shown (Summary.smallestShown)
}

// ChartOptions are what a team asks of a chart: a baseline (the number of
// points the centre and limits are worked out from, 0 for all), and its
// changes.
type ChartOptions struct {
	Baseline int
	Changes  []Change
}

// ChartMeasures lists what a run chart can plot, as MEASURE/CATEGORY.
func ChartMeasures(s *Summary) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range s.Cells {
		if c.Period != All || c.Breakdown != All {
			continue
		}
		k := c.Measure
		if c.Category != "" {
			k += "/" + c.Category
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// measureHint says what may be charted, a line each so that it reads at
// any width and can be searched: the categories of measure, where it is
// one, else the measures, each to be given with a category as listed when
// it is given alone.
func measureHint(all []string, measure string) string {
	var cats, names []string
	seen := map[string]bool{}
	for _, m := range all {
		name, _, _ := strings.Cut(m, "/")
		if name == measure {
			cats = append(cats, m)
		}
		if !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	if len(cats) > 0 {
		return "the categories of " + measure + " are:\n  " + strings.Join(cats, "\n  ")
	}
	return "give one of these measures, alone to list its categories, or as MEASURE/CATEGORY:\n  " + strings.Join(names, "\n  ")
}

// series is a measure given as MEASURE/CATEGORY (as in the CSV output:
// "band.access/significant", "referred/agreed-any", "primary/nhs-app") or
// "assessed", by period: a measure with a base as its percentage of the
// base, "assessed" as a count; the values as shown, and exact.
func (s *Summary) series(spec string) (title string, percent bool, ps []Point, err error) {
	measure, category, _ := strings.Cut(spec, "/")
	if len(s.Periods) == 0 {
		return "", false, nil, fmt.Errorf("no assessments counted, so there is nothing to chart")
	}
	title = ChartTitle(measure, category) + ", by " + s.By.Name() + " (" + s.TimeZone() + ")"
	sets := s.sets()
	for k, p := range s.Periods {
		i, ok := sets[[3]string{p.Label, All, All}][[2]string{measure, category}]
		if !ok {
			return "", false, nil, fmt.Errorf("no measure %q; %s", spec, measureHint(ChartMeasures(s), measure))
		}
		c := &s.Cells[i]
		pt := Point{Label: p.Label, Start: p.Start, End: p.End, Partial: s.partial(k), PartialWhy: s.partialWhy(k), num: c.Count, LeftOut: s.leftOutOf(p)}
		if c.Base >= 0 {
			percent = true
			v, ok, _ := s.share1(i)
			pt.Value, pt.Missing = v, !ok
			b := &s.Cells[c.Base]
			pt.den, pt.shownDen, pt.denHidden = b.Count, b.Shown, b.Suppressed
			if b.Count > 0 {
				pt.exact, pt.hasExact = 100*float64(c.Count)/float64(b.Count), true
			}
		} else {
			pt.Value, pt.Missing = float64(c.Shown), c.Suppressed
			pt.exact, pt.hasExact = float64(c.Count), true
		}
		ps = append(ps, pt)
	}
	return title, percent, ps, nil
}

// partial reports whether period k is cut short. The first period is
// when data collection began inside it: the earliest assessment in the
// inputs (of any team, counted or not) is after its first day, whether or
// not --from is given, for a --from on the first day of the month does
// not make a month whose data start on the 15th whole (or --from itself
// starts inside it, which only --exact allows). The last period is when
// it had not ended when the data were read (Options.ReadAt: the last
// export file's writing, else now), or --to ends inside it; never because the
// records stop before its end, for a month that has ended holds every
// assessment made in it. A period the data start inside may hold every
// assessment there was (a clinic held on Thursdays only starts its first
// week on a Thursday), but nothing says so, and a month begun on the 15th
// read beside whole ones looks like a fall: it is marked, and left out of
// the chart rules, either way.
func (s *Summary) partial(k int) bool { return s.partialWhy(k) != "" }

// cutByExport says a period is partial as the span an export was made
// for (its --from or --to, as its end mark says) starts or ends inside
// it.
const cutByExport = "cut short by the dates the export was made for"

// partialWhy says why period k is cut short (see partial), in words for
// the table and the board report: "not over yet" (it had not ended
// when the data were read), "cut short by the dates asked for" (--from or
// --to inside it), cutByExport (the span an export's end mark says
// starts or ends inside it), "the data start inside it", an input whose
// span (its export's --from) starts after the period does, whatever
// other inputs cover it (see startsAfter), or an input written before it
// ended while another was written after (see uncovered); "" for a whole
// period.
func (s *Summary) partialWhy(k int) string {
	p := s.Periods[k]
	var why []string
	// An input's span that starts after the period does, named (see
	// startsAfter), says more than that the data start inside it.
	starts := s.startsAfter(k)
	if k == 0 {
		start := PeriodStart(p.Start, s.By, s.loc)
		switch {
		case s.fromGiven && s.From.After(start):
			why = append(why, "cut short by the dates asked for")
		case len(starts) > 0:
		case !s.exportsFrom().IsZero() && s.exportsFrom().After(start) && s.exportsFrom().Before(s.DataFrom):
			why = append(why, cutByExport)
		case !s.DataFrom.IsZero() && s.DataFrom.After(start):
			why = append(why, "the data start inside it")
		}
	}
	why = append(why, starts...)
	if k == len(s.Periods)-1 {
		switch {
		case s.toGiven && dayStart(s.To, s.loc).AddDate(0, 0, 1).Before(p.End) && !slices.Contains(why, "cut short by the dates asked for"):
			why = append(why, "cut short by the dates asked for")
		case p.End.After(s.readAt) && s.readCut:
			why = append(why, cutByExport)
		case p.End.After(s.readAt):
			why = append(why, "not over yet")
		}
	}
	why = append(why, s.uncovered(k)...)
	return strings.Join(why, ", ")
}

// Chart makes the run chart of a measure (see series).
func (s *Summary) Chart(spec string, o ChartOptions) (*Chart, error) {
	title, percent, ps, err := s.series(spec)
	if err != nil {
		return nil, err
	}
	if err := o.check(ps); err != nil {
		return nil, err
	}
	ch := &Chart{Title: title, Percent: percent, Points: ps, Exact: s.Exact, Banners: s.chartBannersText(), roundTo: max(s.Disclosure.RoundTo, 1), least: s.smallestShown()}
	ch.Counted, ch.Notes = s.chartContext()
	ch.Changes = markChanges(ps, o.Changes)
	recalcNote, err := settleRecalculations(ps, ch.Changes)
	if err != nil {
		return nil, err
	}
	ch.Segments = segments(ps, ch.Changes, o.Baseline)
	var fewNotes []string
	for si := range ch.Segments {
		sg := &ch.Segments[si]
		use := usable(ps, sg.From, sg.To)
		base := use[:min(len(use), baselineLen(o.Baseline, len(use)))]
		sg.Baseline = len(base)
		sg.center = math.NaN() // too few shown points to work it out from
		if base = s.centreBase(ps, base); len(base) >= MinCentreShown {
			sg.center = median(exactValues(ps, base))
			sg.base = base
		} else if len(use) > 0 {
			fewNotes = append(fewNotes, s.fewShownNote(ps, *sg, use, len(ch.Segments) > 1, "No median", "a median"))
		}
		sg.Shown = len(base)
		sg.Center = s.shownCenter(sg.center, percent)
		shifts, trends := Rules(exactValues(ps, use), sg.center)
		for _, r := range shifts {
			ch.Shifts = append(ch.Shifts, r.at(use))
		}
		for _, r := range trends {
			ch.Trends = append(ch.Trends, r.at(use))
		}
	}
	ch.Median = ch.Segments[0].Center
	n := len(usable(ps, 0, len(ps)))
	if n < 10 {
		ch.Note = fmt.Sprintf("Only %s: the rules are more telling with 10 or more.", plural(n, "point", "points"))
	}
	var held int
	ch.Shifts, held = withoutHidden(ps, ch.Shifts, func(r Run) []int { return r.Points })
	ch.Trends, n = withoutHidden(ps, ch.Trends, func(r Run) []int { return r.Points })
	var apart []LeftOutSignal
	runOf := func(rule string) func(r Run) (string, string, []int) {
		return func(r Run) (string, string, []int) { return rule, r.Kind, r.Points }
	}
	ch.Shifts, apart = splitLeftOut(ps, ch.Shifts, runOf("shift"), segmentCentre(ch.Segments), "median")
	ch.LeftOut = append(ch.LeftOut, apart...)
	ch.Trends, apart = splitLeftOut(ps, ch.Trends, runOf("trend"), segmentCentre(ch.Segments), "median")
	ch.LeftOut = append(ch.LeftOut, apart...)
	ch.Crossings = runCrossings(ch)
	ch.Withheld = max(held, n)
	if note, few := s.tooFewShown(ps); few {
		for si := range ch.Segments {
			ch.Segments[si].Center = math.NaN()
		}
		ch.Median, ch.Shifts, ch.Trends, ch.LeftOut, ch.Crossings, ch.Withheld, ch.Withdrawn = math.NaN(), nil, nil, nil, nil, 0, true
		ch.Note = note
	} else {
		ch.Note = joinNotes(ch.Note, append([]string{hiddenSignalsNote(max(held, n))}, fewNotes...)...)
	}
	ch.Note = joinNotes(ch.Note, leftOutNote(ps), recalcNote, s.SkippedNote(), s.NotEndedNote())
	return ch, nil
}

// joinNotes is note with each of more that is not "" on a line of its
// own after it.
func joinNotes(note string, more ...string) string {
	for _, m := range more {
		if m != "" {
			note = strings.TrimSpace(note + "\n" + m)
		}
	}
	return note
}

// withoutHidden leaves out the signals that take in a point whose value
// is hidden, or that run up to one: a shift, trend or limit flagged on a
// hidden week would say which side of the centre (or which way) its small
// group lies, and a shift or trend that starts or ends beside a hidden
// week says the hidden value did not carry it on, bounding it by
// contiguity. held is 1 whenever a point the rules count is hidden,
// whether or not a signal was left out, and 0 otherwise: how many were
// left out, or whether any was, would tell of the hidden values too. The
// rules still run on every exact value, so a signal among shown points,
// away from hidden ones, is found as before.
func withoutHidden[T any](ps []Point, sigs []T, points func(T) []int) (kept []T, held int) {
	use := usable(ps, 0, len(ps))
	at := make(map[int]int, len(use)) // a point's place among the usable
	for k, i := range use {
		at[i] = k
		if ps[i].Missing {
			held = 1
		}
	}
	hiddenAt := func(k int) bool { return k >= 0 && k < len(use) && ps[use[k]].Missing }
	for _, sig := range sigs {
		pts := points(sig)
		if len(pts) == 0 {
			continue
		}
		lo, hi := slices.Min(pts), slices.Max(pts)
		drop := false
		for i := lo; i <= hi; i++ {
			drop = drop || ps[i].Missing
		}
		if len(pts) > 1 {
			kl, okl := at[lo]
			kh, okh := at[hi]
			drop = drop || okl && hiddenAt(kl-1) || okh && hiddenAt(kh+1)
		}
		if !drop {
			kept = append(kept, sig)
		}
	}
	return kept, held
}

// tooFewShown says, under disclosure control, when more than half of the
// points the rules count are hidden: a centre line is then worked out
// mostly from hidden values (a median is one of them, or between two),
// its axis from the exact values too, and any rule that fires takes in
// hidden periods. Such a chart shows the points only: no centre line, no
// limits, and nothing, not even whether there is any, of the rules.
//
// A chart whose every point is partial has no point the rules count,
// exact or not: it says so, and draws no centre line either (it said "0
// of 0 points are shown", of points drawn and none hidden, and with
// --exact drew a median of 0).
func (s *Summary) tooFewShown(ps []Point) (note string, few bool) {
	if len(ps) > 0 && !slices.ContainsFunc(ps, func(p Point) bool { return !p.Partial }) {
		return "No point is of a whole " + s.By.Name() + ": each is partial (why is said below), so no centre line, limits or rules are worked out, and nothing is said of signals.", true
	}
	use := usable(ps, 0, len(ps))
	// One point has no variation to speak of: an XmR chart of it drew
	// limits 10 to 10 and said "common cause variation only".
	if len(use) == 1 && (s.Exact || !ps[use[0]].Missing) {
		return "Only 1 point: too few for a centre line, limits or rules. None is drawn, and nothing is said of signals. Chart a longer span.", true
	}
	if s.Exact {
		return "", false
	}
	shown := 0
	for _, i := range use {
		if !ps[i].Missing {
			shown++
		}
	}
	if 2*shown >= len(use) && len(use) > 0 {
		return "", false
	}
	return fmt.Sprintf("%d of %d points are shown (* is hidden by disclosure control): too few for a centre line, limits or rules, which would be worked out from the hidden values. None is drawn, and nothing is said of signals. Look with --exact, locally, not for publication, or chart a longer period (--by).", shown, len(use)), true
}

// noSignal is what a chart with no signal shown says: none, or, where
// a point the rules count is hidden (withheld > 0), that signals beside
// hidden periods are not shown, never that there are none.
func noSignal(none string, withheld int) string {
	if withheld == 0 {
		return none
	}
	return "Signals that take in or border a hidden period are not shown (why is said below): this is not a finding of common cause variation."
}

// hiddenSignalsNote says, where a point the rules count is hidden
// (n > 0), that signals taking it in or beside it are never shown,
// whether there are any or not; "" otherwise.
func hiddenSignalsNote(n int) string {
	if n == 0 {
		return ""
	}
	return "Signals that take in a period whose value is hidden (*), or start or end beside one, are never shown, whether there are any or not, since they would say where its value lies: look with --exact, locally, not for publication."
}

// centreBase is what a centre line (a median, a mean, and the limits
// about it) is worked out from, of the points base: under disclosure
// control, the shown ones only. Worked out from every exact value, a
// median of six shown months and four hidden was the mean of two hidden
// ones, and given to the whole percent with their bases shown it narrowed
// their counts well inside what * allows; a mean or pooled share with a
// hidden value in it narrows their sum the same way. The rules still run
// on every exact value (see withoutHidden for what they may show).
func (s *Summary) centreBase(ps []Point, base []int) []int {
	if s.Exact {
		return base
	}
	return slices.DeleteFunc(slices.Clone(base), func(i int) bool { return ps[i].Missing })
}

// shownCenter is a centre line (a median, or a mean) as it may be shown:
// exact with Exact; else a percentage to the nearest whole percent, a
// count to the nearest RoundTo, for a median is one period's exact value.
func (s *Summary) shownCenter(v float64, percent bool) float64 {
	switch {
	case s.Exact:
		return v
	case percent:
		return math.Round(v)
	}
	r := float64(max(s.Disclosure.RoundTo, 1))
	return math.Round(v/r) * r
}

// usable lists the points from to to that the rules count: not partial,
// with an exact value.
func usable(ps []Point, from, to int) []int {
	var out []int
	for i := from; i < to; i++ {
		if ps[i].hasExact && !ps[i].Partial {
			out = append(out, i)
		}
	}
	return out
}

func exactValues(ps []Point, idx []int) []float64 {
	out := make([]float64, len(idx))
	for k, i := range idx {
		out[k] = ps[i].exact
	}
	return out
}

// baselineLen is how many of n points a baseline of b takes: b, when
// there are more; else all.
// MinCentreShown is the fewest shown points a centre line (a median, a
// mean and its limits) rests on. Of one, an XmR chart has no moving range
// and so limits of no width, which made every later ordinary point
// "astronomical", and a p-chart or run chart is centred on one period.
const MinCentreShown = 2

// fewShownNote says why a segment has no centre line: its baseline (use
// are its whole points) has fewer than MinCentreShown shown, and, when
// the baseline was given, what baseline would take in enough.
func (s *Summary) fewShownNote(ps []Point, sg Segment, use []int, several bool, none, what string) string {
	where := ""
	if several {
		where = " from " + ps[sg.From].Label
	}
	of := "of its " + plural(len(use), "whole point", "whole points")
	if sg.Baseline < len(use) {
		of = "of the baseline's first " + plural(sg.Baseline, "point", "points")
	}
	shown := "none is"
	if n := len(s.centreBase(ps, use[:sg.Baseline])); n == 1 {
		shown = "1 is"
	} else if n > 1 {
		shown = fmt.Sprintf("%d are", n)
	}
	note := fmt.Sprintf("%s%s: %s, %s shown (the others are hidden by disclosure control), and %s rests on %d or more shown points.",
		none, where, of, shown, what, MinCentreShown)
	if sg.Baseline < len(use) {
		for k := sg.Baseline + 1; k <= len(use); k++ {
			if len(s.centreBase(ps, use[:k])) >= MinCentreShown {
				note += fmt.Sprintf(" --baseline %d takes in %d shown points.", k, MinCentreShown)
				break
			}
		}
	}
	return note
}

// centred reports whether any segment has a centre line: one resting on
// MinCentreShown shown points or more.
func centred(segs []Segment) bool {
	return slices.ContainsFunc(segs, func(sg Segment) bool { return sg.Shown >= MinCentreShown })
}

// shownOf is how a legend says a baseline of the first n points rests
// on the shown ones, when some are hidden.
func shownOf(sg Segment) string {
	if sg.Shown < sg.Baseline {
		return fmt.Sprintf(" (%d of them shown)", sg.Shown)
	}
	return ""
}

func baselineLen(b, n int) int {
	if b > 0 && b < n {
		return b
	}
	return n
}

// markChanges places each change at the point whose period holds its
// date, numbered 1 to 9 in date order; a change outside the chart is
// left out.
func markChanges(ps []Point, cs []Change) []ChangeMark {
	var out []ChangeMark
	for _, c := range cs {
		for i, p := range ps {
			if !c.Date.Before(p.Start) && c.Date.Before(p.End) {
				out = append(out, ChangeMark{Change: c, Point: i})
				break
			}
		}
	}
	slices.SortStableFunc(out, func(a, b ChangeMark) int { return a.Date.Compare(b.Date) })
	for i := range out {
		out[i].Mark = strconv.Itoa(i + 1)
	}
	return out
}

// segments splits the points at each change that recalculates.
func segments(ps []Point, marks []ChangeMark, baseline int) []Segment {
	cuts := []int{0}
	for _, m := range marks {
		if m.Recalculate && m.Point > cuts[len(cuts)-1] {
			cuts = append(cuts, m.Point)
		}
	}
	var out []Segment
	for k, from := range cuts {
		to := len(ps)
		if k+1 < len(cuts) {
			to = cuts[k+1]
		}
		out = append(out, Segment{From: from, To: to})
	}
	return out
}

func median(vals []float64) float64 {
	if len(vals) == 0 {
		return 0
	}
	sorted := slices.Clone(vals)
	slices.Sort(sorted)
	if n := len(sorted); n%2 == 1 {
		return sorted[n/2]
	}
	n := len(sorted)
	return (sorted[n/2-1] + sorted[n/2]) / 2
}

// at maps a run over positions in idx back to point indices.
func (r Run) at(idx []int) Run {
	out := Run{Kind: r.Kind}
	for _, k := range r.Points {
		out.Points = append(out.Points, idx[k])
	}
	return out
}

// ChartTitle words a measure for a chart's title.
func ChartTitle(measure, category string) string {
	for _, d := range questionnaire.Domains {
		switch measure {
		case MeasureBand(d):
			return fmt.Sprintf("%s: %s, %% of those assessed", d.Title(), map[string]string{"none": "no barrier", "some": "some barrier", "significant": "significant barrier"}[category])
		case MeasureChange(d):
			return fmt.Sprintf("%s %s at follow-up, %% of follow-ups", d.Title(), category)
		}
	}
	switch measure {
	case MeasureAssessed:
		return "Assessments"
	case MeasureReferred:
		switch category {
		case "agreed-any":
			return "Agreed to at least one referral, % of those assessed"
		case "not-discussed-any":
			return "At least one referral not discussed, % of those assessed"
		}
		return "Offered at least one referral, % of those assessed"
	case MeasurePrimary:
		return "Primary route " + questionnaire.Route(category).Title() + ", % of those assessed"
	case MeasureChoice:
		return "Patient's choice " + category + ", % of those assessed"
	}
	return measure + " " + category
}

// Rules finds the shifts (6 or more in a row on one side of center) and
// trends (5 or more in a row all rising or all falling) among vals, in
// order; runs name positions in vals.
func Rules(vals []float64, center float64) (shifts, trends []Run) {
	return sideRuns(vals, center, 6, "above", "below"), trendRuns(vals, 5)
}

// sideRuns finds the runs of min or more values in a row on one side of
// center; values on it neither add to a run nor break it.
func sideRuns(vals []float64, center float64, min int, above, below string) []Run {
	var out []Run
	var run []int
	side := 0
	flush := func() {
		if len(run) >= min {
			out = append(out, Run{Kind: map[int]string{1: above, -1: below}[side], Points: slices.Clone(run)})
		}
	}
	for k, v := range vals {
		s := 0
		switch {
		case v > center:
			s = 1
		case v < center:
			s = -1
		}
		if s == 0 {
			continue
		}
		if s != side {
			flush()
			run, side = nil, s
		}
		run = append(run, k)
	}
	flush()
	return out
}

// trendRuns finds the runs of min or more values in a row each higher (or
// each lower) than the one before; a value equal to the one before neither
// adds to a run nor breaks it.
func trendRuns(vals []float64, min int) []Run {
	var out []Run
	var run []int
	side := 0
	flush := func() {
		if len(run) >= min {
			out = append(out, Run{Kind: map[int]string{1: "rising", -1: "falling"}[side], Points: slices.Clone(run)})
		}
	}
	prev := -1 // position of the last value counted
	for k, v := range vals {
		if prev < 0 {
			prev, run = k, []int{k}
			continue
		}
		s := 0
		switch {
		case v > vals[prev]:
			s = 1
		case v < vals[prev]:
			s = -1
		}
		if s == 0 {
			continue // like values are ignored
		}
		if s != side {
			flush()
			run, side = []int{prev}, s // the turning point starts the new run
		}
		run = append(run, k)
		prev = k
	}
	flush()
	return out
}

var (
	pointStyle   = lipgloss.NewStyle().Foreground(lipgloss.Color("4"))
	flaggedStyle = lipgloss.NewStyle().Foreground(lipgloss.Color("1")).Bold(true)
	medianStyle  = lipgloss.NewStyle().Faint(true)
)

// chartHeight is the number of rows the plot takes.
const chartHeight = 12

// plot is what the text renderer draws for a run or SPC chart: the points
// as shown, lines across them (the first the centre, dashed; the others
// limits, dotted), a flag for each point in a rule, and the changes.
type plot struct {
	percent bool
	exact   bool // the lines are exact, not rounded by shownCenter
	points  []Point
	lines   [][]float64 // each by point; NaN where there is none
	flags   []string    // by point
	changes []ChangeMark
	// least is the smallest count shown (Summary.smallestShown), and step
	// what counts are rounded to: a count axis is padded by step and
	// never labelled below least. 0 with --exact.
	least, step int
}

// draw writes the plot: the points (● plotted, ○ a partial period), the
// lines, a row of flags, a row of changes, and the period labels.
func (pl *plot) draw(b *strings.Builder, width int) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range pl.points {
		if !p.Missing {
			lo, hi = math.Min(lo, p.Value), math.Max(hi, p.Value)
		}
	}
	for _, l := range pl.lines {
		for _, v := range l {
			if !math.IsNaN(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if math.IsInf(lo, 1) {
		// Not an empty axis labelled 0 and 1, values nobody had.
		what := "every period is hidden (*) by disclosure control"
		if pl.exact {
			what = "no period has a value to show"
		}
		b.WriteString(wrapLines("Nothing to draw: "+what+"; the table below lists them.", width, noteStyle) + "\n")
		return
	}
	if hi == lo {
		// A count under disclosure control is padded by what counts
		// are rounded to, and never below the smallest count shown: one
		// point of 10 was labelled 9, 10 and 11, and "9" read as if a
		// count of 9 could be shown.
		if d := float64(pl.step); !pl.percent && pl.least > 0 && d > 0 {
			lo, hi = lo-d, hi+d
			if lo < float64(pl.least) {
				lo = hi - d
			}
		} else {
			lo, hi = lo-1, hi+1
		}
	}
	rowOf := func(v float64) int { return int(math.Round((hi - v) / (hi - lo) * (chartHeight - 1))) }
	// pointRow is the row of point i: its value's, or a row next to it
	// where rounding to the rows would draw the point on a line it is
	// not on (195 on a lower limit of 190) or on the wrong side of one,
	// and the row next to it is on the right side of every line. Where
	// no row is (a line on each side, a row apart), it stays on its own.
	pointRow := func(i int, v float64) int {
		inOrder := func(r int) bool {
			if r < 0 || r >= chartHeight {
				return false
			}
			for _, l := range pl.lines {
				lv := l[i]
				switch lr := rowOf(lv); {
				case math.IsNaN(lv):
				case v > lv && r >= lr, v < lv && r <= lr, v == lv && r != lr:
					return false
				}
			}
			return true
		}
		r := rowOf(v)
		for _, c := range []int{r, r - 1, r + 1} {
			if inOrder(c) {
				return c
			}
		}
		return r
	}
	center := math.NaN()
	if len(pl.lines) > 0 {
		for _, v := range pl.lines[0] {
			if !math.IsNaN(v) {
				center = v // the last segment's
			}
		}
	}
	labels := map[int]string{0: axisLabel(pl.percent, pl.exact, hi), chartHeight - 1: axisLabel(pl.percent, pl.exact, lo)}
	if !math.IsNaN(center) {
		labels[rowOf(center)] = formatCenter(pl.percent, pl.exact, center)
	}
	labelW := 0
	for _, l := range labels {
		labelW = max(labelW, len(l))
	}
	col := 3 // columns per point
	for col > 1 && labelW+2+col*len(pl.points) > width {
		col--
	}
	if fit := max(width-labelW-2, 1); width > 0 && len(pl.points) > fit {
		// Even one column a point is too wide: draw the most recent
		// periods that fit and say how many earlier ones are left out
		// of the drawing (the rules still ran on them all).
		pl.window(b, width, len(pl.points)-fit)
		return
	}
	for row := range chartHeight {
		label := labels[row]
		axis := "│"
		if label != "" {
			axis = "┤"
		}
		b.WriteString(strings.Repeat(" ", labelW-len(label)) + label + " " + axis)
		for i, p := range pl.points {
			fill, mark := " ", " "
			for li := len(pl.lines) - 1; li >= 0; li-- {
				if v := pl.lines[li][i]; !math.IsNaN(v) && rowOf(v) == row {
					ch := "·"
					if li == 0 {
						ch = "-"
					}
					mark = medianStyle.Render(ch)
					if i > 0 && !math.IsNaN(pl.lines[li][i-1]) && rowOf(pl.lines[li][i-1]) == row {
						fill = medianStyle.Render(ch)
					}
				}
			}
			if !p.Missing && pointRow(i, p.Value) == row {
				dot := "●"
				if p.Partial {
					dot = "○"
				}
				mark = pointStyle.Render(dot)
				if pl.flags[i] != "" && pl.flags[i] != CrossingMark {
					mark = flaggedStyle.Render(dot)
				}
			}
			b.WriteString(strings.Repeat(fill, col-1) + mark)
		}
		b.WriteString("\n")
	}
	b.WriteString(strings.Repeat(" ", labelW+1) + "└" + strings.Repeat("─", col*len(pl.points)) + "\n")
	row := func(at func(i int) string, style lipgloss.Style) {
		var r strings.Builder
		any := false
		for i := range pl.points {
			f := at(i)
			if f == "" {
				f = " "
			} else {
				any = true
			}
			r.WriteString(strings.Repeat(" ", col-1) + f)
		}
		if any {
			b.WriteString(strings.Repeat(" ", labelW+2) + style.Render(strings.TrimRight(r.String(), " ")) + "\n")
		}
	}
	row(func(i int) string {
		switch f := pl.flags[i]; {
		case strings.Contains(f, "S") && strings.Contains(f, "T"):
			return "B"
		case len(f) > 1 && strings.Trim(f, f[:1]) == "":
			return f[:1] // one rule twice: a point two trends share
		case f != "":
			return f
		case pl.points[i].Missing:
			return "*"
		}
		return ""
	}, flaggedStyle)
	// The changes' marks: every change at a point, "3,4" for two in one
	// period, ending under its point, or after the one before where they
	// would meet (10 and more take two columns, more than a point's).
	limit := labelW + 2 + col*len(pl.points) + 10
	if width > 0 {
		limit = min(limit, width)
	}
	// A mark that would have to move right of its point to clear the one
	// before is not drawn there, since it would stand under a later
	// period: it is named as unmarked, and the change lines list it.
	marks := []byte(strings.Repeat(" ", limit))
	next, anyMark := 0, false
	var unmarked []string
	unmarkedNote := ""
	for i := range pl.points {
		var ms []string
		for _, c := range pl.changes {
			if c.Point == i {
				ms = append(ms, c.Mark)
			}
		}
		if len(ms) == 0 {
			continue
		}
		text := strings.Join(ms, ",")
		at := labelW + 2 + col*i + col - len(text)
		if at+len(text) > len(marks) {
			at = len(marks) - len(text) // the last, pulled back within the width
		}
		if at < 0 || at < next {
			unmarked = append(unmarked, ms...)
			continue
		}
		copy(marks[at:], text)
		next, anyMark = at+len(text)+1, true
	}
	if anyMark {
		b.WriteString(titleStyle.Render(strings.TrimRight(string(marks), " ")) + "\n")
	}
	if len(unmarked) > 0 {
		what := "Change " + unmarked[0] + " falls"
		if len(unmarked) > 1 {
			what = "Changes " + strings.Join(unmarked, ", ") + " fall"
		}
		unmarkedNote = what + " too close to the change before to be marked on its period; the list below gives each date."
	}
	// Period labels, each under its point where there is room, within
	// the width.
	line := []byte(strings.Repeat(" ", limit))
	next = 0
	for i, p := range pl.points {
		at := labelW + 2 + col*i + col - 1
		if at < next || at+len(p.Label) > len(line) {
			continue
		}
		copy(line[at:], p.Label)
		next = at + len(p.Label) + 1
	}
	b.WriteString(strings.TrimRight(string(line), " ") + "\n")
	if unmarkedNote != "" {
		b.WriteString(wrapLines(unmarkedNote, limit, noteStyle) + "\n")
	}
}

// window draws the plot from point from on, the earlier points left out
// of the drawing, and says so under it: how many, from when to when, and
// where every period is.
func (pl *plot) window(b *strings.Builder, width, from int) {
	cut := plot{percent: pl.percent, exact: pl.exact, points: pl.points[from:], flags: pl.flags[from:], least: pl.least, step: pl.step}
	for _, l := range pl.lines {
		cut.lines = append(cut.lines, l[from:])
	}
	for _, c := range pl.changes {
		if c.Point >= from {
			c.Point -= from
			cut.changes = append(cut.changes, c)
		}
	}
	cut.draw(b, width)
	note := fmt.Sprintf("Drawn: the last %d of %d periods, from %s; the %d before (%s to %s) are too many for %d columns but are in the rules and the table below. To draw them all: --format html, or a shorter span (--from, --to).",
		len(cut.points), len(pl.points), cut.points[0].Label, from, pl.points[0].Label, pl.points[from-1].Label, width)
	b.WriteString(wrapLines(note, width, noteStyle) + "\n")
}

// RecalculateLabel is the label of a recalculation asked for on a date
// that names no change, and what a change's line adds when the centre and
// limits are worked out afresh from it.
const RecalculateLabel = "worked out afresh from here"

// centerRounding says how the centre line is shown under disclosure
// control, as shownCenter rounds it: a share to the nearest whole percent,
// a count to the nearest multiple of the rounding base, as counts are.
func (ch *Chart) centerRounding() string {
	if ch.Percent {
		return "the median to the nearest whole percent"
	}
	return fmt.Sprintf("the median to the nearest multiple of %d, as counts are shown", max(ch.roundTo, 1))
}

// changeLines words the changes drawn, one a line.
func changeLines(cs []ChangeMark) []string {
	var out []string
	for _, c := range cs {
		l := fmt.Sprintf("Change %s: %s, %s", c.Mark, c.Date.Format(time.DateOnly), c.Label)
		if c.Recalculate && c.Label != RecalculateLabel {
			l += " (" + RecalculateLabel + ")"
		}
		out = append(out, l)
	}
	return out
}

// finish trims the lines of a drawn chart and writes it, styled on a
// terminal and plain anywhere else.
func finish(w io.Writer, b *strings.Builder) error {
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	_, err := io.WriteString(colorprofile.NewWriter(w, os.Environ()), strings.Join(lines, "\n"))
	return err
}

// writeChartHead writes what a run chart and an SPC chart begin with
// alike: the banner of exact counts, the title, the legend (and the
// crossings' when there are any), the plot with the crossings marked, and
// the changes named under it.
func writeChartHead(b *strings.Builder, width int, exact bool, banners []string, title, counted, legend string, cs []Crossing, pl plot) {
	if exact {
		b.WriteString(wrapLines(ExactBanner, width, bannerStyle) + "\n")
	}
	for _, c := range banners {
		b.WriteString(wrapLines(questionnaire.Printable(c), width, bannerStyle) + "\n")
	}
	b.WriteString(wrapLines(title, width, titleStyle) + "\n")
	if counted != "" {
		b.WriteString(wrapLines(questionnaire.Printable(counted), width, noteStyle) + "\n")
	}
	if len(cs) > 0 {
		legend += crossingLegend
	}
	b.WriteString(wrapLines(legend, width, noteStyle) + "\n\n")
	markCrossings(pl.flags, cs)
	pl.draw(b, width)
	for _, l := range changeLines(pl.changes) {
		b.WriteString(ansi.Hardwrap(record.Wrap(l, "", "", width), width, false)) // a word wider than the line, cut
	}
	b.WriteString("\n")
}

// writeChartTail writes, after a chart's own findings, the crossings named
// and the chart's note, then the header of its table of values.
func writeChartTail(b *strings.Builder, width int, ps []Point, cs []Crossing, note string, notes []string, header string) {
	for _, l := range crossingLines(ps, cs) {
		b.WriteString(record.Wrap(l, "", "", width))
	}
	if note != "" {
		b.WriteString(record.Wrap(note, "", "", width))
	}
	for _, n := range notes {
		b.WriteString(record.Wrap(questionnaire.Printable(n), "", "", width))
	}
	b.WriteString("\n" + header + "\n")
}

// Write draws the chart: a plot of the points with the median as a dashed
// line, a row marking the points in a shift (S) or trend (T), the changes,
// the period labels, what the rules found, and the values as a list. On a
// terminal flagged points are red; anywhere else it is plain text.
func (ch *Chart) Write(w io.Writer, width int) error {
	if width <= 0 {
		width = 80
	}
	medians := formatCenter(ch.Percent, ch.Exact, ch.Median)
	if len(ch.Segments) > 1 {
		var ms []string
		for _, sg := range ch.Segments {
			m := formatCenter(ch.Percent, ch.Exact, sg.Center)
			if sg.Shown < MinCentreShown {
				m = "none"
			}
			ms = append(ms, m+" from "+ch.Points[sg.From].Label)
		}
		medians = strings.Join(ms, ", ")
	}
	legend := fmt.Sprintf("Median %s (the dashed line)%s. S: a point in a shift (6 or more in a row on one side of the median). "+
		"T: a point in a trend (5 or more in a row all rising or all falling). B: both.", medians, ch.baselineNote())
	none := "No shift or trend."
	if !centred(ch.Segments) {
		legend = "No median, so no shift is looked for (why is said below). T: a point in a trend (5 or more in a row all rising or all falling)."
		none = "No trend."
	}
	if ch.Withdrawn {
		legend = "No median, shifts or trends (why is said below)."
	} else if !ch.Exact {
		legend += " The median is worked out on the exact values of the points shown, the rules on every exact value; the points are shown as disclosure control allows (*: hidden), " + ch.centerRounding() + "."
	}
	if anyHollow(ch.Points) {
		legend += " ○: a period cut short, left out of the median and rules."
	}
	flags := make([]string, len(ch.Points))
	for _, r := range ch.Shifts {
		for _, i := range r.Points {
			flags[i] += "S"
		}
	}
	for _, r := range ch.Trends {
		for _, i := range r.Points {
			flags[i] += "T"
		}
	}
	center := make([]float64, len(ch.Points))
	for _, sg := range ch.Segments {
		for i := sg.From; i < sg.To; i++ {
			center[i] = sg.Center
		}
	}
	var b strings.Builder
	writeChartHead(&b, width, ch.Exact, ch.Banners, "Run chart: "+ch.Title, ch.Counted, legend, ch.Crossings,
		plot{percent: ch.Percent, exact: ch.Exact, points: ch.Points, lines: [][]float64{center}, flags: flags, changes: ch.Changes, least: ch.least, step: ch.roundTo})
	if len(ch.Shifts)+len(ch.Trends) == 0 && !ch.Withdrawn {
		b.WriteString(record.Wrap(noSignal(ch.noFinding(none), ch.Withheld), "", "", width))
	}
	for _, r := range ch.Shifts {
		wrapf(&b, width, "%s.\n", signalLine(ch.Points, "shift", r.Kind, r.Points, "median"))
	}
	for _, r := range ch.Trends {
		wrapf(&b, width, "%s.\n", signalLine(ch.Points, "trend", r.Kind, r.Points, "median"))
	}
	for _, l := range leftOutLines(ch.Points, ch.LeftOut, "median") {
		wrapf(&b, width, "%s\n", l)
	}
	writeChartTail(&b, width, ch.Points, ch.Crossings, ch.Note, ch.Notes, "Period      Value     Rule")
	for i, p := range ch.Points {
		rule := strings.Join(ch.rulesAt(i), ", ")
		if p.Partial {
			rule = strings.TrimPrefix(rule+", partial period: "+p.PartialWhy, ", ")
		}
		if isCrossing(ch.Crossings, i) {
			rule = strings.TrimPrefix(rule+", "+CrossingMark+" drawn across by rounding", ", ")
		}
		if len(p.LeftOut) > 0 {
			rule = strings.TrimPrefix(rule+", "+leftOutRule(p), ", ")
		}
		b.WriteString(ruleRow(fmt.Sprintf("%-10s  %8s  ", p.Label, pointValue(ch.Percent, p)), rule, width))
	}
	return finish(w, &b)
}

// wrapf writes a line of a chart's findings wrapped between words to
// width, breaking at spaces only, never inside a date (ansi.Wordwrap
// breaks after a hyphen and can leave the line a column over).
func wrapf(b *strings.Builder, width int, format string, args ...any) {
	b.WriteString(record.Wrap(fmt.Sprintf(format, args...), "", "", width))
}

// ruleRow is a row of a chart's table: its columns, then the rules that
// flag the point, wrapped at spaces to width and each further line
// indented to the Rule column, so that no rule runs under Period.
func ruleRow(columns, rules string, width int) string {
	if width-len(columns) < 12 && rules != "" {
		// Too narrow for a Rule column: the rules go on the lines
		// under the row, indented.
		return columns + "\n" + record.Wrap(rules, "    ", "    ", max(width, 16))
	}
	pad := strings.Repeat(" ", len(columns))
	return record.Wrap(rules, columns, pad, max(width, len(columns)+12))
}

// rulesAt names the rules point i is flagged by, for the table: "shift",
// "trend", or both. A point two trends share (the turning point, last of
// one and first of the next) names each by its direction, "rising trend,
// falling trend", so the table says why it is flagged twice.
func (ch *Chart) rulesAt(i int) []string {
	var out []string
	for _, r := range ch.Shifts {
		if slices.Contains(r.Points, i) {
			out = append(out, "shift")
			break
		}
	}
	var trends []string
	for _, r := range ch.Trends {
		if slices.Contains(r.Points, i) {
			trends = append(trends, r.Kind+" trend")
		}
	}
	if len(trends) == 1 {
		trends[0] = "trend"
	}
	return append(out, trends...)
}

// pointValue is a point's value as shown, on a run or SPC chart: "*" when
// hidden.
func pointValue(percent bool, p Point) string {
	if p.Missing {
		return "*"
	}
	return format(percent, p.Value)
}

// anyHollow reports whether a chart of ps draws a hollow point: a period
// cut short whose value is shown. One whose value is hidden is drawn as
// *, not hollow, and a legend for ○ then explains nothing on the chart.
func anyHollow(ps []Point) bool {
	return slices.ContainsFunc(ps, func(p Point) bool { return p.Partial && !p.Missing })
}

// baselineNote says when a segment's median is of its first points only.
func (ch *Chart) baselineNote() string {
	for _, sg := range ch.Segments {
		if n := len(usable(ch.Points, sg.From, sg.To)); sg.Baseline < n && sg.Shown >= MinCentreShown {
			return ", frozen: of the first " + plural(sg.Baseline, "point", "points") + shownOf(sg)
		}
	}
	return ""
}

// formatCenter is a centre line or limit as written: under disclosure
// control a share to the whole percent it is rounded to (shownCenter),
// not "9.0%", which claims a tenth.
func formatCenter(percent, exact bool, v float64) string {
	if percent && !exact {
		return strconv.FormatFloat(v, 'f', 0, 64) + "%"
	}
	return format(percent, v)
}

// axisLabel is a label on a chart's axis: a share under disclosure
// control that is a whole percent (the top or bottom of a p-chart is
// mostly a limit, worked out to the whole percent) is written as one, as
// the centre line is: labelled "2.0%" and "0.0%" beside a mean of "1%",
// the axis claimed a tenth the lines do not have. A point's share keeps
// its tenth; --exact keeps it everywhere.
func axisLabel(percent, exact bool, v float64) string {
	if percent && !exact && v == math.Round(v) {
		return formatCenter(percent, exact, v)
	}
	return format(percent, v)
}

func format(percent bool, v float64) string {
	if percent {
		return strconv.FormatFloat(v, 'f', 1, 64) + "%"
	}
	if v == math.Round(v) {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}
