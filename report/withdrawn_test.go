package report

import (
	"bytes"
	"strings"
	"testing"
)

// TestAChartOfMostlyHiddenPointsShowsNoCentreLineOrRules: a weekly chart
// whose every point was hidden still printed "Median 17.0%" on a 16-18%
// axis worked out from the exact values, and said that a signal took in a
// hidden period. With more than half the points hidden, the run and SPC
// charts show the points only: no centre line, limits or axis from exact
// values, and nothing of signals, there or not. Half shown is enough.
func TestAChartOfMostlyHiddenPointsShowsNoCentreLineOrRules(t *testing.T) {
	for _, c := range []struct {
		name      string
		of        []int
		withdrawn bool
	}{
		// Every week 3 to 5 assessments (all hidden), with a shift in the exact values.
		{"every point hidden", []int{3, 4, 3, 4, 3, 4, 5, 5, 5, 5, 5, 5, 5, 5}, true},
		{"seven of twelve hidden", []int{30, 40, 30, 40, 30, 3, 4, 3, 4, 3, 4, 3}, true},
		{"six of twelve hidden", []int{30, 40, 30, 40, 30, 40, 3, 4, 3, 4, 3, 4}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := summarise(t, datasetOf(t, weeklyShare(t, c.of, make([]int, len(c.of)))), Options{By: Week})
			run, err := s.Chart("assessed", ChartOptions{})
			if err != nil {
				t.Fatal(err)
			}
			spc, err := s.SPC("assessed", MethodXmR, ChartOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if run.Withdrawn != c.withdrawn || spc.Withdrawn != c.withdrawn {
				t.Fatalf("withdrawn: run chart %v, SPC %v; want %v", run.Withdrawn, spc.Withdrawn, c.withdrawn)
			}
			var rb, sb bytes.Buffer
			if err := run.Write(&rb, 80); err != nil {
				t.Fatal(err)
			}
			if err := spc.Write(&sb, 80); err != nil {
				t.Fatal(err)
			}
			for _, out := range []string{rb.String(), sb.String()} {
				flat := strings.Join(strings.Fields(out), " ")
				if !c.withdrawn {
					if !strings.Contains(flat, "(the dashed line)") && !strings.Contains(flat, "Mean (dashed)") {
						t.Errorf("half the points shown, and no centre line:\n%s", out)
					}
					continue
				}
				for _, never := range []string{"Median 1", "Median 2", "Median 3", "Median 4", "Median 5", "Median 6", "Median 7", "Median 8", "Median 9", "Mean (dashed)",
					"signal(s)", "Signals found", "Signals that take in", "No shift or trend", "No special cause", "Shift:", "Trend:", "Astronomical"} {
					if strings.Contains(flat, never) {
						t.Errorf("says %q with too few points shown:\n%s", never, out)
					}
				}
				if !strings.Contains(flat, "too few for a centre line, limits or rules") {
					t.Errorf("does not say why nothing is drawn:\n%s", out)
				}
				// The axis is not the exact values': with no point or line
				// shown it runs 0 to 1.
				for _, l := range strings.Split(out, "\n") {
					if strings.Contains(l, "┤") && !strings.HasPrefix(strings.TrimSpace(l), "1 ") && !strings.HasPrefix(strings.TrimSpace(l), "0 ") && c.name == "every point hidden" {
						t.Errorf("an axis label from the exact values: %q", l)
					}
				}
			}
		})
	}
}
