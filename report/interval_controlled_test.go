package report

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"
)

// TestAnIntervalUnderDisclosureControlCoversEveryShareTheShownCountsCouldBe:
// the board report drew Wilson intervals on counts as shown, "100% (25 of
// 25), 87% to 100%", where the exact was 24 of 28 (85.7%, outside it), and
// by its own guidance that group then differed from one at 78% to 81%
// beyond chance. Each shown count is within RoundTo-1 of its exact count
// (rules 3 to 5 of docs/disclosure.md), so the interval of a shown k of n
// is the union of the Wilson intervals of every exact k' of n' it could
// stand for (k' within RoundTo-1 of k, n' of n, k' at most n'). Its lower
// bound is that of the fewest of the most, its upper that of the most of
// the fewest, and 1 wherever k' can reach n'.
func TestAnIntervalUnderDisclosureControlCoversEveryShareTheShownCountsCouldBe(t *testing.T) {
	for _, c := range []struct {
		k, n, roundTo int
		lo, hi        float64 // worked out by hand from the corners named
		text          string
	}{
		{25, 25, 5, wlo(21, 29), 1, "54% to 100%"},         // capped at its base: 21 of 29 to all
		{20, 20, 5, wlo(16, 24), 1, "47% to 100%"},         // the smallest base a share is shown of
		{10, 20, 5, wlo(6, 24), whi(14, 16), "12% to 97%"}, // 14 of 16 the most: 14 cannot reach 16
		{10, 25, 5, wlo(6, 29), whi(14, 21), "10% to 83%"}, // 14 of 21 the most: 14 can no longer reach 21
		{10, 30, 5, wlo(6, 34), whi(14, 26), "8% to 71%"},
		{1635, 2060, 5, wlo(1631, 2064), whi(1639, 2056), "77% to 81%"},
		{20, 40, 10, wlo(11, 49), whi(29, 31), "13% to 98%"}, // round_to = 10: within 9
		{40, 40, 10, wlo(31, 49), 1, "49% to 100%"},
	} {
		lo, hi := ControlledInterval(c.k, c.n, c.roundTo, z95)
		if math.Abs(lo-c.lo) > 1e-12 || math.Abs(hi-c.hi) > 1e-12 {
			t.Errorf("%d of %d (round to %d): %.4f to %.4f, want %.4f to %.4f", c.k, c.n, c.roundTo, lo, hi, c.lo, c.hi)
		}
		// Every exact k' of n' the shown counts could stand for has its
		// share and its own interval inside.
		d := c.roundTo - 1
		for n := c.n - d; n <= c.n+d; n++ {
			for k := max(0, c.k-d); k <= min(n, c.k+d); k++ {
				wl, wh := Wilson(k, n, z95)
				if wl < lo-1e-12 || wh > hi+1e-12 {
					t.Errorf("%d of %d: the exact %d of %d (%.4f to %.4f) is not inside %.4f to %.4f", c.k, c.n, k, n, wl, wh, lo, hi)
				}
			}
		}
		s := &Summary{}
		s.Disclosure.RoundTo = c.roundTo
		if got := s.intervalText(c.k, c.n, true); got != c.text {
			t.Errorf("%d of %d: %q, want %q", c.k, c.n, got, c.text)
		}
		s.Exact = true
		wl, wh := Wilson(c.k, c.n, z95)
		if got, want := s.intervalText(c.k, c.n, true), fmt.Sprintf("%.1f%% to %.1f%%", 100*wl, 100*wh); got != want {
			t.Errorf("%d of %d --exact: %q, want the Wilson interval %q", c.k, c.n, got, want)
		}
	}
}

func wlo(k, n int) float64 { lo, _ := Wilson(k, n, z95); return lo }
func whi(k, n int) float64 { _, hi := Wilson(k, n, z95); return hi }

// TestTheBoardReportSaysItsIntervalsAllowForTheRounding: the page said
// its intervals were "worked out from the counts as shown" and that
// intervals not overlapping meant a difference beyond chance; under
// disclosure control it says each is widened to every share the rounded
// counts could stand for. --exact keeps the words it had.
func TestTheBoardReportSaysItsIntervalsAllowForTheRounding(t *testing.T) {
	note := regexp.MustCompile(`Each share is[^<]*`)
	_, page := boardHTML(t, Options{By: Month})
	if n := note.FindString(page); strings.Contains(n, "worked out from the counts as shown") || !strings.Contains(n, "widened to cover every share the rounded counts could stand for") {
		t.Errorf("the equity note does not say the intervals allow for the rounding: %s", n)
	}
	_, exact := boardHTML(t, Options{By: Month, Exact: true})
	if n := note.FindString(exact); n != "Each share is of the assessments counted in the group, with its 95% confidence interval (Wilson score interval), "+
		"worked out from the counts as shown. Where intervals do not overlap, the groups differ by more than chance alone would "+
		"usually explain; overlapping intervals do not show that they are the same. * : hidden by disclosure control." {
		t.Errorf("--exact's equity note changed: %s", n)
	}
}
