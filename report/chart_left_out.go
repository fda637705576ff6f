package report

import (
	"fmt"
	"slices"
	"strings"
)

// A chart of several teams under disclosure control counts, in each
// period, only the teams with enough assessments in it to show (rule 10
// of docs/disclosure.md). A team that moves above and below the limit
// moves the total by about as many each time: a run chart of three teams
// flagged "Trend: 5 points falling" that came from a small team left out
// of the last two months alone. Each point names the teams left out of
// its period (Point.LeftOut), the chart names those periods in its note,
// and a signal that rests on one (it takes such a period in, or is judged
// against a centre line or limits worked out with one) is not stated as a
// finding: it is set apart (LeftOutSignal) and says it may come from the
// team being left out. docs/charts.md.

// LeftOutSignal is a shift, trend or special cause that rests on a
// period a team was left out of: drawn unflagged, and said not to be a
// finding.
type LeftOutSignal struct {
	Rule   string // "shift", "trend", "astronomical", "two of three"
	Side   string // "above", "below", "rising", "falling"
	Points []int
	Why    string
}

// leftOutOf names the teams left out of the grid's periods inside p, in
// the order they are named (Summary.TeamsLeftOutIn).
func (s *Summary) leftOutOf(p Period) []string {
	var out []string
	for _, g := range s.leftOutPeriods {
		if g.Start.Before(p.Start) || !g.Start.Before(p.End) {
			continue
		}
		for _, t := range s.TeamsLeftOutIn[g.Label] {
			if !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	return out
}

// leftOutWhy says why a signal on points pts is not a finding, "" when
// it rests on no period a team was left out of: pts take one in, or,
// for a signal judged against the centre line (and limits), centre, the
// points they are worked out from, do.
func leftOutWhy(ps []Point, pts, centre []int, line string) string {
	var at []int
	for _, i := range pts {
		if len(ps[i].LeftOut) > 0 {
			at = append(at, i)
		}
	}
	how := "it takes in"
	if len(at) == 0 {
		for _, i := range centre {
			if len(ps[i].LeftOut) > 0 {
				at = append(at, i)
			}
		}
		how = "the " + line + " it is judged against is worked out with"
	}
	if len(at) == 0 {
		return ""
	}
	var labels, teams []string
	for _, i := range at {
		labels = append(labels, ps[i].Label)
		for _, t := range ps[i].LeftOut {
			if !slices.Contains(teams, t) {
				teams = append(teams, t)
			}
		}
	}
	was := " was"
	if len(teams) > 1 {
		was = " were"
	}
	return fmt.Sprintf("not a finding, as %s %s, when %s%s left out (too few to show); it may come from the team being left out, not from a change in the process",
		how, andList(labels), andList(backslashedAll(teams)), was)
}

func backslashedAll(ts []string) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = backslashed(t)
	}
	return out
}

// andList is "a", "a and b", "a, b and c".
func andList(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// splitLeftOut sets apart the signals that rest on a period a team was
// left out of (see leftOutWhy): kept are the findings.
func splitLeftOut[T any](ps []Point, sigs []T, of func(T) (rule, side string, pts []int), centre func(pts []int) []int, line string) (kept []T, apart []LeftOutSignal) {
	for _, sig := range sigs {
		rule, side, pts := of(sig)
		var c []int
		if rule != "trend" {
			c = centre(pts)
		}
		if why := leftOutWhy(ps, pts, c, line); why != "" {
			apart = append(apart, LeftOutSignal{Rule: rule, Side: side, Points: pts, Why: why})
			continue
		}
		kept = append(kept, sig)
	}
	return kept, apart
}

// leftOutNote names the periods of a chart a team was left out of, ""
// when there are none.
func leftOutNote(ps []Point) string {
	var at []string
	for _, p := range ps {
		if len(p.LeftOut) > 0 {
			at = append(at, p.Label+": "+strings.Join(backslashedAll(p.LeftOut), ", "))
		}
	}
	if len(at) == 0 {
		return ""
	}
	return "Left out, too few in the period to show (disclosure control): " + strings.Join(at, "; ") +
		". Those points count none of the assessments of the team named beside them, so a shift, trend or point outside the limits that rests on them may come from the team being left out, and is not stated as a finding."
}

// signalLine words a signal as the charts state it, with no full stop:
// centre is "median" or "mean".
func signalLine(ps []Point, rule, side string, pts []int, centre string) string {
	first, last := ps[pts[0]].Label, ps[pts[len(pts)-1]].Label
	switch rule {
	case "shift":
		return fmt.Sprintf("Shift: %d points %s the %s, %s to %s", len(pts), side, centre, first, last)
	case "trend":
		return fmt.Sprintf("Trend: %d points %s, %s to %s", len(pts), side, first, last)
	case "astronomical":
		return fmt.Sprintf("Astronomical: %s, %s the limits", first, side)
	}
	return fmt.Sprintf("Two of three near the %s limit: %s to %s", map[string]string{"above": "upper", "below": "lower"}[side], first, last)
}

// leftOutLines are the signals set apart, each with why it is not a
// finding.
func leftOutLines(ps []Point, sigs []LeftOutSignal, centre string) []string {
	var out []string
	for _, sig := range sigs {
		out = append(out, signalLine(ps, sig.Rule, sig.Side, sig.Points, centre)+": "+sig.Why+".")
	}
	return out
}

// segmentCentre is, for a signal on pts, the points the centre line of
// its segment is worked out from.
func segmentCentre(segs []Segment) func(pts []int) []int {
	return func(pts []int) []int {
		for _, sg := range segs {
			if len(pts) > 0 && pts[0] >= sg.From && pts[0] < sg.To {
				return sg.base
			}
		}
		return nil
	}
}

// leftOutRule is what a chart's table says of a point a team was left
// out of.
func leftOutRule(p Point) string {
	return andList(backslashedAll(p.LeftOut)) + " left out"
}

// noFinding is what a run chart with no shift or trend stated says:
// none, or, with signals set apart, none that is a finding.
func (ch *Chart) noFinding(none string) string {
	if len(ch.LeftOut) == 0 {
		return none
	}
	return "No shift or trend that is a finding: those below may come from a team being left out."
}
