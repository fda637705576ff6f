package report

import (
	"fmt"
	"github.com/charmbracelet/x/ansi"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"

	"digicheck/questionnaire"
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
// A period whose value disclosure control hides, or that has nothing to
// divide by, has no point: it is left out of the median and the rules, as
// if it were not there.

// Point is one period of a run chart.
type Point struct {
	Label   string
	Value   float64
	Missing bool // no value: suppressed, or no assessments to divide by
}

// Run is a shift or trend: the points in it, by index.
type Run struct {
	Kind   string // "above", "below" (shifts), "rising", "falling" (trends)
	Points []int
}

// Chart is a run chart of one measure.
type Chart struct {
	Title   string
	Percent bool // values are percentages, not counts
	Points  []Point
	Median  float64
	Shifts  []Run
	Trends  []Run
	Exact   bool // from exact counts
	Note    string
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

// Chart makes the run chart of a measure given as MEASURE/CATEGORY (as in
// the CSV output: "band.access/significant", "referred/agreed-any",
// "primary/nhs-app") or "assessed". A measure with a base is plotted as
// its percentage of the base, from the counts as shown; "assessed" as a
// count.
func (s *Summary) Chart(spec string) (*Chart, error) {
	measure, category, _ := strings.Cut(spec, "/")
	if len(s.Periods) == 0 {
		return nil, fmt.Errorf("no assessments counted, so there is nothing to chart")
	}
	ch := &Chart{Title: ChartTitle(measure, category) + ", by " + string(s.By), Exact: s.Exact}
	found := false
	sets := s.sets()
	for _, p := range s.Periods {
		i, ok := sets[[3]string{p.Label, All, All}][[2]string{measure, category}]
		if !ok {
			break
		}
		found = true
		pt := Point{Label: p.Label}
		if s.Cells[i].Base >= 0 {
			ch.Percent = true
			v, ok, _ := s.share(i)
			pt.Value, pt.Missing = v, !ok
		} else {
			pt.Value, pt.Missing = float64(s.Cells[i].Shown), s.Cells[i].Suppressed
		}
		ch.Points = append(ch.Points, pt)
	}
	if !found {
		return nil, fmt.Errorf("no measure %q; choose one of: %s", spec, strings.Join(ChartMeasures(s), ", "))
	}
	ch.Median, ch.Shifts, ch.Trends = Rules(ch.Points)
	n := 0
	for _, p := range ch.Points {
		if !p.Missing {
			n++
		}
	}
	if n < 10 {
		ch.Note = fmt.Sprintf("Only %d points: the rules are more telling with 10 or more.", n)
	}
	if note := s.SkippedNote(); note != "" {
		ch.Note = strings.TrimSpace(ch.Note + "\n" + note)
	}
	return ch, nil
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

// Rules works out the median of the points that have a value, and the
// shifts and trends among them.
func Rules(ps []Point) (median float64, shifts, trends []Run) {
	var vals []float64
	var idx []int
	for i, p := range ps {
		if !p.Missing {
			vals = append(vals, p.Value)
			idx = append(idx, i)
		}
	}
	if len(vals) == 0 {
		return 0, nil, nil
	}
	sorted := slices.Clone(vals)
	slices.Sort(sorted)
	if n := len(sorted); n%2 == 1 {
		median = sorted[n/2]
	} else {
		median = (sorted[n/2-1] + sorted[n/2]) / 2
	}

	// Shifts.
	var run []int
	side := 0
	flush := func(kind string, min int, runs *[]Run) {
		if len(run) >= min {
			*runs = append(*runs, Run{Kind: kind, Points: slices.Clone(run)})
		}
	}
	for k, v := range vals {
		s := 0
		switch {
		case v > median:
			s = 1
		case v < median:
			s = -1
		}
		if s == 0 {
			continue
		}
		if s != side {
			flush(map[int]string{1: "above", -1: "below"}[side], 6, &shifts)
			run, side = nil, s
		}
		run = append(run, idx[k])
	}
	flush(map[int]string{1: "above", -1: "below"}[side], 6, &shifts)

	// Trends.
	run, side = nil, 0
	prev := -1 // position in vals of the last point counted
	for k, v := range vals {
		if prev < 0 {
			prev, run = k, []int{idx[k]}
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
			continue // like points are ignored
		}
		if s != side {
			flush(map[int]string{1: "rising", -1: "falling"}[side], 5, &trends)
			run, side = []int{idx[prev]}, s // the turning point starts the new run
		}
		run = append(run, idx[k])
		prev = k
	}
	flush(map[int]string{1: "rising", -1: "falling"}[side], 5, &trends)
	return median, shifts, trends
}

var (
	pointStyle   = lipgloss.NewStyle().Foreground(lipgloss.Color("4"))
	flaggedStyle = lipgloss.NewStyle().Foreground(lipgloss.Color("1")).Bold(true)
	medianStyle  = lipgloss.NewStyle().Faint(true)
)

// chartHeight is the number of rows the plot takes.
const chartHeight = 12

// Write draws the chart: a plot of the points with the median as a dashed
// line, a row marking the points in a shift (S) or trend (T), the period
// labels, what the rules found, and the values as a list. On a terminal
// flagged points are red; anywhere else it is plain text.
func (ch *Chart) Write(w io.Writer, width int) error {
	if width <= 0 {
		width = 80
	}
	var b strings.Builder
	if ch.Exact {
		b.WriteString(bannerStyle.Render(ansi.Wordwrap(ExactBanner, width, "")) + "\n")
	}
	b.WriteString(titleStyle.Render(ansi.Wordwrap("Run chart: "+ch.Title, width, "")) + "\n")
	legend := fmt.Sprintf("Median %s (the dashed line). S: a point in a shift (6 or more in a row on one side of the median). T: a point in a trend (5 or more in a row all rising or all falling). B: both.", ch.format(ch.Median))
	b.WriteString(noteStyle.Render(ansi.Wordwrap(legend, width, "")) + "\n\n")

	flag := map[int]string{}
	for _, r := range ch.Shifts {
		for _, i := range r.Points {
			flag[i] += "S"
		}
	}
	for _, r := range ch.Trends {
		for _, i := range r.Points {
			flag[i] += "T"
		}
	}
	lo, hi := ch.Median, ch.Median
	for _, p := range ch.Points {
		if !p.Missing {
			lo, hi = math.Min(lo, p.Value), math.Max(hi, p.Value)
		}
	}
	if hi == lo {
		lo, hi = lo-1, hi+1
	}
	rowOf := func(v float64) int { return int(math.Round((hi - v) / (hi - lo) * (chartHeight - 1))) }
	col := 3 // columns per point
	labelW := 0
	for _, v := range []float64{lo, hi, ch.Median} {
		labelW = max(labelW, len(ch.format(v)))
	}
	for col > 1 && labelW+2+col*len(ch.Points) > width {
		col--
	}
	medianRow := rowOf(ch.Median)
	for row := range chartHeight {
		label := ""
		switch row {
		case 0:
			label = ch.format(hi)
		case chartHeight - 1:
			label = ch.format(lo)
		case medianRow:
			label = ch.format(ch.Median)
		}
		axis := "│"
		if label != "" {
			axis = "┤"
		}
		b.WriteString(strings.Repeat(" ", labelW-len(label)) + label + " " + axis)
		for i, p := range ch.Points {
			cellText := strings.Repeat(" ", col-1)
			mark := " "
			switch {
			case !p.Missing && rowOf(p.Value) == row:
				mark = pointStyle.Render("●")
				if flag[i] != "" {
					mark = flaggedStyle.Render("●")
				}
			case row == medianRow:
				mark = medianStyle.Render("-")
				cellText = medianStyle.Render(strings.Repeat("-", col-1))
				if col > 2 {
					cellText = medianStyle.Render(" " + strings.Repeat("-", col-2))
				}
			}
			b.WriteString(cellText + mark)
		}
		b.WriteString("\n")
	}
	b.WriteString(strings.Repeat(" ", labelW+1) + "└" + strings.Repeat("─", col*len(ch.Points)) + "\n")
	var flags strings.Builder
	for i := range ch.Points {
		f := flag[i]
		switch len(f) {
		case 0:
			f = " "
		case 2:
			f = "B"
		}
		flags.WriteString(strings.Repeat(" ", col-1) + f)
	}
	if len(flag) > 0 {
		b.WriteString(strings.Repeat(" ", labelW+2) + flaggedStyle.Render(strings.TrimRight(flags.String(), " ")) + "\n")
	}
	// Period labels, each under its point where there is room.
	line := []byte(strings.Repeat(" ", labelW+2+col*len(ch.Points)+10))
	next := 0
	for i, p := range ch.Points {
		at := labelW + 2 + col*i + col - 1
		if at < next || at+len(p.Label) > len(line) {
			continue
		}
		copy(line[at:], p.Label)
		next = at + len(p.Label) + 1
	}
	b.WriteString(strings.TrimRight(string(line), " ") + "\n\n")

	if len(ch.Shifts)+len(ch.Trends) == 0 {
		b.WriteString("No shift or trend.\n")
	}
	for _, r := range ch.Shifts {
		fmt.Fprintf(&b, "Shift: %d points %s the median, %s to %s.\n", len(r.Points), r.Kind, ch.Points[r.Points[0]].Label, ch.Points[r.Points[len(r.Points)-1]].Label)
	}
	for _, r := range ch.Trends {
		fmt.Fprintf(&b, "Trend: %d points %s, %s to %s.\n", len(r.Points), r.Kind, ch.Points[r.Points[0]].Label, ch.Points[r.Points[len(r.Points)-1]].Label)
	}
	if ch.Note != "" {
		b.WriteString(ch.Note + "\n")
	}
	b.WriteString("\nPeriod      Value     Rule\n")
	for i, p := range ch.Points {
		v := "*"
		if !p.Missing {
			v = ch.format(p.Value)
		}
		rule := map[string]string{"": "", "S": "shift", "T": "trend", "ST": "shift, trend"}[flag[i]]
		fmt.Fprintf(&b, "%-10s  %8s  %s\n", p.Label, v, rule)
	}
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	_, err := io.WriteString(colorprofile.NewWriter(w, os.Environ()), strings.Join(lines, "\n"))
	return err
}

func (ch *Chart) format(v float64) string {
	if ch.Percent {
		return strconv.FormatFloat(v, 'f', 1, 64) + "%"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
