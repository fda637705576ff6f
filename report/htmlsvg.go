package report

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"

	"digicheck/questionnaire"
)

// svgChart draws a run or SPC chart as inline SVG for the board report,
// from the same points, centre lines, limits and flags as the terminal's
// chart: a stepped line for each centre line or limit (a p-chart's limits
// change with each period's base), the points joined, a hollow point for a
// period cut short, a red diamond for a flagged point, * for a hidden one,
// and a dashed upright line numbered for each change.
type svgChart struct {
	title   string
	percent bool
	exact   bool // --exact: an axis label keeps its tenth (axisLabel)
	points  []Point
	lines   []svgLine
	flags   []string // by point: the rule that flags it, or ""
	changes []ChangeMark
	hidden  string // what a hidden point may be, under the control in force (hiddenPoint)
	// least is the smallest count shown (Summary.smallestShown): a count
	// axis is labelled nowhere between 0 and it. 0 with --exact.
	least int
}

type svgLine struct {
	values []float64 // by point; NaN for none
	name   string
	dash   string
}

// The chart's size in SVG units; it is drawn at the page's width.
const (
	svgWidth, svgHeight = 680.0, 250.0
	svgLeft, svgRight   = 58.0, 14.0
	svgTop, svgBottom   = 36.0, 40.0
	// Above the plot, two rows of text: the changes' numbers, then the
	// *s of hidden periods, each its own row so that neither overlaps.
	svgChangeRow             = 13.0
	svgInk, svgGrid, svgMark = "#212b32", "#d8dde0", "#005eb8"
	svgFlag                  = "#c8102e"
)

func (c svgChart) svg() template.HTML {
	n := len(c.points)
	if n == 0 {
		return ""
	}
	lo, hi := 0.0, 0.0
	drawn := false // a point or a line
	for _, p := range c.points {
		if !p.Missing {
			hi = max(hi, p.Value)
			lo = min(lo, p.Value)
			drawn = true
		}
	}
	for _, l := range c.lines {
		for _, v := range l.values {
			if !math.IsNaN(v) {
				hi, lo = max(hi, v), min(lo, v)
				drawn = true
			}
		}
	}
	step := niceStep((hi - lo) / 4)
	if step <= 0 {
		step = 1
	}
	hi = math.Ceil(hi/step) * step
	if hi <= lo {
		hi = lo + step
	}
	if c.percent && hi > 100 && lo >= 0 {
		hi = 100
	}
	plotW, plotH := svgWidth-svgLeft-svgRight, svgHeight-svgTop-svgBottom
	col := plotW / float64(n)
	x := func(i int) float64 { return svgLeft + (float64(i)+0.5)*col }
	y := func(v float64) float64 { return svgTop + plotH*(1-(v-lo)/(hi-lo)) }
	label := func(v float64) string { return axisLabel(c.percent, c.exact, v) }

	var b strings.Builder
	id := svgID(c.title)
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %.0f %.0f" role="img" aria-labelledby="%s-t %s-d">`,
		svgWidth, svgHeight, id, id)
	fmt.Fprintf(&b, `<title id="%s-t">%s</title>`, id, esc(c.title))
	fmt.Fprintf(&b, `<desc id="%s-d">%s</desc>`, id, esc(c.describe()))
	// Axes and grid: none where nothing is drawn (an empty axis
	// labelled 0 and 1 gave values nobody had), and a count axis under
	// disclosure control labelled nowhere between 0 and the smallest
	// count shown ("5" read as if a count of 5 could be shown).
	if !drawn {
		what := "every period is hidden (*) by disclosure control"
		if c.exact {
			what = "no period has a value to show"
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" font-size="13" fill="%s">Nothing to draw: %s.</text>`, svgLeft+plotW/2, svgTop+plotH/2, svgInk, esc(what))
	}
	for v := lo; drawn && v <= hi+step/2; v += step {
		fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="%s" stroke-width="1"/>`, svgLeft, svgWidth-svgRight, y(v), y(v), svgGrid)
		if !c.percent && v > 0 && v < float64(c.least) {
			continue
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="end" font-size="11" fill="%s">%s</text>`, svgLeft-6, y(v)+4, svgInk, esc(label(v)))
	}
	fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="%s"/>`, svgLeft, svgLeft, svgTop, svgTop+plotH, svgInk)
	fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="%s"/>`, svgLeft, svgWidth-svgRight, svgTop+plotH, svgTop+plotH, svgInk)
	// Period labels, as many as fit.
	every := 1
	if w := 7.0 * float64(len(c.points[0].Label)+2); w > col {
		every = int(math.Ceil(w / col))
	}
	for i := 0; i < n; i += every {
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" font-size="11" fill="%s">%s</text>`, x(i), svgTop+plotH+16, svgInk, esc(c.points[i].Label))
	}
	// Changes.
	// Two changes in one period share its line, their marks together.
	for k, m := range c.changes {
		if k > 0 && c.changes[k-1].Point == m.Point {
			continue
		}
		marks := []string{m.Mark}
		for _, o := range c.changes[k+1:] {
			if o.Point == m.Point {
				marks = append(marks, o.Mark)
			}
		}
		cx := x(m.Point) - col/2
		fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="%s" stroke-dasharray="3 3"/>`, cx, cx, svgTop, svgTop+plotH, svgInk)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="11" font-weight="bold" fill="%s">%s</text>`, cx+3, svgChangeRow, svgInk, esc(strings.Join(marks, ",")))
	}
	// Centre lines and limits, stepped.
	for _, l := range c.lines {
		var d strings.Builder
		open := false
		for i, v := range l.values {
			if math.IsNaN(v) {
				open = false
				continue
			}
			if !open {
				fmt.Fprintf(&d, "M%.1f %.1f", x(i)-col/2, y(v))
				open = true
			} else {
				fmt.Fprintf(&d, "V%.1f", y(v))
			}
			fmt.Fprintf(&d, "H%.1f", x(i)+col/2)
		}
		if d.Len() > 0 {
			fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="%s" stroke-width="1.5" stroke-dasharray="%s"><title>%s</title></path>`, d.String(), svgInk, l.dash, esc(l.name))
		}
	}
	// The points, joined where neither is hidden.
	var d strings.Builder
	for i, p := range c.points {
		if p.Missing {
			continue
		}
		cmd := "L"
		if i == 0 || c.points[i-1].Missing {
			cmd = "M"
		}
		fmt.Fprintf(&d, "%s%.1f %.1f", cmd, x(i), y(p.Value))
	}
	if d.Len() > 0 {
		fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="%s" stroke-width="1.5"/>`, d.String(), svgMark)
	}
	for i, p := range c.points {
		px := x(i)
		if p.Missing {
			// A hidden value is no value: a dotted line the height of the
			// plot with * above it, outside the plot, never a mark inside
			// it, where on the axis it read as zero.
			fmt.Fprintf(&b, `<g><title>%s: hidden (%s)</title><line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="%s" stroke-width="1" stroke-dasharray="2 3"/><text x="%.1f" y="%.1f" text-anchor="middle" font-size="13" fill="%s" stroke="#ffffff" stroke-width="3" paint-order="stroke">*</text></g>`,
				esc(p.Label), esc(c.hidden), px, px, svgTop, svgTop+plotH, svgInk, px, svgTop-7, svgInk)
			continue
		}
		py := y(p.Value)
		tip := esc(p.Label + ": " + c.value(p.Value))
		switch {
		case i < len(c.flags) && c.flags[i] != "":
			fmt.Fprintf(&b, `<path d="M%.1f %.1fl6 6l-6 6l-6 -6z" fill="%s"><title>%s (%s)</title></path>`, px, py-6, svgFlag, tip, esc(c.flags[i]))
		case p.Partial:
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="4" fill="#ffffff" stroke="%s" stroke-width="1.5"><title>%s (part of a period: %s)</title></circle>`, px, py, svgMark, tip, esc(p.PartialWhy))
		default:
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="4" fill="%s"><title>%s</title></circle>`, px, py, svgMark, tip)
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // every text in it escaped above
}

// value is a point's value as the board report gives it: a share in whole
// percentages under disclosure control, as its tables give it (counts
// rounded to 5 carry no decimal place); with --exact to a tenth, as the
// terminal's chart gives it.
func (c svgChart) value(v float64) string {
	if c.percent && !c.exact {
		return strconv.FormatFloat(v, 'f', 0, 64) + "%"
	}
	return format(c.percent, v)
}

// describe is the chart in words, for a screen reader: the points and
// their values.
func (c svgChart) describe() string {
	var parts []string
	for _, p := range c.points {
		v := "hidden"
		if !p.Missing {
			v = c.value(p.Value)
		}
		parts = append(parts, p.Label+" "+v)
	}
	return "Values by period: " + strings.Join(parts, ", ") + "."
}

// niceStep rounds a rough step up to 1, 2 or 5 times a power of ten.
func niceStep(rough float64) float64 {
	if rough <= 0 || math.IsNaN(rough) || math.IsInf(rough, 0) {
		return 0
	}
	p := math.Pow(10, math.Floor(math.Log10(rough)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= rough {
			return m * p
		}
	}
	return 10 * p
}

// svgID makes an id from a title: letters and digits only.
func svgID(title string) string {
	var b strings.Builder
	b.WriteString("c")
	for _, r := range strings.ToLower(title) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// esc is text as the chart shows it: printable (see htmlPage.printable),
// then escaped for HTML.
func esc(s string) string { return template.HTMLEscapeString(questionnaire.Printable(s)) }
