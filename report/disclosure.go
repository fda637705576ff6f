package report

import (
	"fmt"
	"math"
)

// Disclosure control, on unless a summary is Exact:
//
//   - a count from 1 to MaxSuppressed (7) is suppressed, shown as "*"
//     (primary suppression); zero is shown as 0;
//   - every other count is rounded to the nearest RoundTo (5);
//   - a percentage is worked out from the rounded counts, and is "*" when
//     either count is suppressed;
//   - no suppressed count can be worked out from the others (secondary
//     suppression). The cells of a summary are bound by sums: the bands
//     of a domain add up to the number assessed, a programme's agreed,
//     declined and not recorded add up to its offers, and every cell of
//     the whole is the sum of the same cell over the periods and over the
//     groups of each breakdown. If exactly one cell of such a sum were
//     suppressed, subtracting the others from the total would give it
//     back. So wherever a sum has one suppressed cell, another is
//     suppressed too: the smallest non-zero part shown, or else the total,
//     and again until every sum has none or at least two. Rounding then
//     blurs what the shown cells say about the suppressed ones.
func (s *Summary) control(maxSuppressed, roundTo int) {
	for i := range s.Cells {
		c := &s.Cells[i]
		c.Suppressed = c.Count >= 1 && c.Count <= maxSuppressed
	}
	for changed := true; changed; {
		changed = false
		for _, rel := range s.relations {
			hidden := 0
			for _, i := range rel {
				if s.Cells[i].Suppressed {
					hidden++
				}
			}
			if hidden != 1 {
				continue
			}
			if pick := s.complement(rel); pick >= 0 {
				s.Cells[pick].Suppressed = true
				s.Cells[pick].Secondary = true
				changed = true
			}
		}
	}
	for i := range s.Cells {
		c := &s.Cells[i]
		if !c.Suppressed {
			c.Shown = round(c.Count, roundTo)
		}
	}
}

// complement chooses the cell to suppress beside the one suppressed cell of
// a sum: the smallest non-zero part still shown (a zero hides nothing, as a
// suppressed count is never zero), or failing that the total.
func (s *Summary) complement(rel []int) int {
	pick := -1
	for _, i := range rel[1:] {
		c := &s.Cells[i]
		if !c.Suppressed && c.Count > 0 && (pick < 0 || c.Count < s.Cells[pick].Count) {
			pick = i
		}
	}
	if pick < 0 && !s.Cells[rel[0]].Suppressed && s.Cells[rel[0]].Count > 0 {
		pick = rel[0]
	}
	return pick
}

// round rounds n to the nearest multiple of to, halves up.
func round(n, to int) int {
	if to <= 1 {
		return n
	}
	return (n + to/2) / to * to
}

// Value is what a cell shows: its count, "*" when suppressed.
func (s *Summary) Value(i int) string {
	c := &s.Cells[i]
	if c.Suppressed {
		return "*"
	}
	return fmt.Sprint(c.Shown)
}

// Percent is a cell's share of its base, worked out from the counts as
// shown, with one decimal place: "*" when either is suppressed, "" when
// the cell has no base or the base is zero.
func (s *Summary) Percent(i int) string {
	p, ok, hidden := s.share(i)
	switch {
	case hidden:
		return "*"
	case !ok:
		return ""
	}
	return fmt.Sprintf("%.1f", p)
}

// share is a cell's percentage of its base from the shown counts; ok is
// false when there is none, hidden true when suppression hides it.
func (s *Summary) share(i int) (pct float64, ok, hidden bool) {
	c := &s.Cells[i]
	if c.Base < 0 {
		return 0, false, false
	}
	b := &s.Cells[c.Base]
	if c.Suppressed || b.Suppressed {
		return 0, false, true
	}
	if b.Shown == 0 {
		return 0, false, false
	}
	return math.Round(1000*float64(c.Shown)/float64(b.Shown)) / 10, true, false
}
