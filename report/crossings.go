package report

import (
	"fmt"
	"math"
	"slices"
)

// Crossings. The published chart draws each point as disclosure control
// shows it (rounded) and its centre line and limits rounded, while the
// flags come from the exact values. Rounding can then draw a point outside
// a limit though it is inside on the exact values (no flag), or inside
// though it is outside (a flag on a point that looks ordinary), or on the
// wrong side of the centre line for the shift it is flagged in. Such a
// point is marked on the chart and named under it with what its exact
// value says, so that the chart never says one thing in its drawing and
// another in its flags. What is named is only which side of a line the
// exact value is: the flags say as much, and the absence of a flag says
// the rest (a point not flagged astronomical is inside the limits).
// Hidden points are never named.

// Crossing is a point drawn across a line its exact value is not across.
type Crossing struct {
	Point int
	// Why says it in words: what the drawing shows and what the exact
	// value is, e.g. "drawn outside the limits; inside them on the exact
	// values, so not a special cause".
	Why string
}

// CrossingMark is drawn in the flag row under a point drawn across a line
// by rounding that no rule flags.
const CrossingMark = "~"

// crossingLegend says what CrossingMark means.
const crossingLegend = " ~: rounding draws the point across a line its exact value is not across, or out of step with a trend it is part of (named below the chart); the flags follow the exact values."

// spcCrossings finds the points of a published SPC chart drawn across a
// limit, or the mean, against their flags.
func spcCrossings(ch *SPC) []Crossing {
	if ch.Exact {
		return nil
	}
	astro := map[int]bool{}
	shift := map[int]string{}
	for _, sig := range ch.Signals {
		for _, i := range sig.Points {
			switch sig.Rule {
			case "astronomical":
				astro[i] = true
			case "shift":
				shift[i] = sig.Side
			}
		}
	}
	var out []Crossing
	for i, p := range ch.Points {
		if p.Missing || p.Partial || math.IsNaN(ch.Upper[i]) || math.IsNaN(ch.Lower[i]) {
			continue
		}
		drawnOut := p.Value > ch.Upper[i] || p.Value < ch.Lower[i]
		switch {
		case drawnOut && !astro[i]:
			out = append(out, Crossing{i, "drawn outside the limits by rounding; inside them on the exact values, so not a special cause"})
			continue
		case !drawnOut && astro[i] && (p.Value == ch.Upper[i] || p.Value == ch.Lower[i]):
			out = append(out, Crossing{i, "drawn on a limit by rounding; outside it on the exact values, so a special cause (A)"})
			continue
		case !drawnOut && astro[i]:
			out = append(out, Crossing{i, "drawn inside the limits by rounding; outside them on the exact values, so a special cause (A)"})
			continue
		}
		if w := wrongSide(p.Value, ch.Mean[i], shift[i], "mean"); w != "" {
			out = append(out, Crossing{i, w})
		}
	}
	for _, sig := range ch.Signals {
		if sig.Rule == "trend" {
			out = append(out, trendCrossings(ch.Points, sig.Side, sig.Points)...)
		}
	}
	return sortCrossings(out)
}

// runCrossings finds the points of a published run chart drawn on the
// wrong side of the median for the shift they are flagged in.
func runCrossings(ch *Chart) []Crossing {
	if ch.Exact {
		return nil
	}
	shift := map[int]string{}
	for _, r := range ch.Shifts {
		for _, i := range r.Points {
			shift[i] = r.Kind
		}
	}
	var out []Crossing
	for _, sg := range ch.Segments {
		for i := sg.From; i < sg.To; i++ {
			p := ch.Points[i]
			if p.Missing || p.Partial {
				continue
			}
			if w := wrongSide(p.Value, sg.Center, shift[i], "median"); w != "" {
				out = append(out, Crossing{i, w})
			}
		}
	}
	for _, r := range ch.Trends {
		out = append(out, trendCrossings(ch.Points, r.Kind, r.Points)...)
	}
	return sortCrossings(out)
}

// trendCrossings are the points of a trend (rising or falling on the
// exact values) that rounding draws no higher, or no lower, than the
// point before them, so that as drawn the trend is not there: each is
// named, as a point drawn across a line is.
func trendCrossings(ps []Point, kind string, points []int) []Crossing {
	var out []Crossing
	for k := 1; k < len(points); k++ {
		prev, cur := ps[points[k-1]], ps[points[k]]
		if prev.Missing || cur.Missing {
			continue
		}
		switch {
		case kind == "rising" && cur.Value <= prev.Value:
			out = append(out, Crossing{points[k], fmt.Sprintf("drawn %s the point before by rounding; higher than it on the exact values, so part of the trend (T)", map[bool]string{true: "level with", false: "below"}[cur.Value == prev.Value])})
		case kind == "falling" && cur.Value >= prev.Value:
			out = append(out, Crossing{points[k], fmt.Sprintf("drawn %s the point before by rounding; lower than it on the exact values, so part of the trend (T)", map[bool]string{true: "level with", false: "above"}[cur.Value == prev.Value])})
		}
	}
	return out
}

// sortCrossings orders crossings by point, one a point (the first found).
func sortCrossings(cs []Crossing) []Crossing {
	slices.SortStableFunc(cs, func(a, b Crossing) int { return a.Point - b.Point })
	return slices.CompactFunc(cs, func(a, b Crossing) bool { return a.Point == b.Point })
}

// wrongSide says, for a point in a shift on side ("above", "below"; ""
// for none), when it is drawn on the line or the other side of it.
func wrongSide(v, line float64, side, name string) string {
	switch {
	case side == "above" && v <= line:
		return fmt.Sprintf("drawn %s the %s by rounding; above it on the exact values, so part of the shift (S)", onOrBelow(v, line, "below"), name)
	case side == "below" && v >= line:
		return fmt.Sprintf("drawn %s the %s by rounding; below it on the exact values, so part of the shift (S)", onOrBelow(v, line, "above"), name)
	}
	return ""
}

func onOrBelow(v, line float64, other string) string {
	if v == line {
		return "on"
	}
	return other
}

// crossingLines name each crossing under a chart.
func crossingLines(ps []Point, cs []Crossing) []string {
	var out []string
	for _, c := range cs {
		out = append(out, fmt.Sprintf("%s %s: %s.", CrossingMark, ps[c.Point].Label, c.Why))
	}
	return out
}

// markCrossings puts CrossingMark in the flag row under each crossing no
// rule flags.
func markCrossings(flags []string, cs []Crossing) {
	for _, c := range cs {
		if flags[c.Point] == "" {
			flags[c.Point] = CrossingMark
		}
	}
}

func isCrossing(cs []Crossing, i int) bool {
	return slices.ContainsFunc(cs, func(c Crossing) bool { return c.Point == i })
}

// crossingFindings name each crossing in words, for the HTML report, which
// has no flag row.
func crossingFindings(ps []Point, cs []Crossing) []string {
	var out []string
	for _, c := range cs {
		out = append(out, fmt.Sprintf("%s is %s.", ps[c.Point].Label, c.Why))
	}
	return out
}
