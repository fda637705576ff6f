package report

import (
	"bytes"
	"math/rand"
	"strings"
	"testing"
)

// TestAPublishedSPCChartNeverContradictsItsFlags: weekly counts whose
// rounding draws a point across a limit, or the mean, against what the
// exact values flag. Each such point is marked ~ (when no rule flags it)
// and named under the chart with what its exact value is, in the table
// too, and in the HTML report's findings; with --exact nothing is.
func TestAPublishedSPCChartNeverContradictsItsFlags(t *testing.T) {
	for _, c := range []struct {
		name  string
		of    []int
		point int
		why   string
	}{
		// Exactly 37 + 2.66 x the mean moving range puts the upper
		// limit below 45; 45 rounds to 45, drawn on the upper limit
		// rounded to 45.
		{"flagged but drawn on the limit", []int{31, 37, 37, 33, 31, 36, 31, 34, 30, 34, 36, 45, 32, 31, 30, 32}, 11,
			"drawn on a limit by rounding; outside it on the exact values, so a special cause (A)"},
		// 41, inside the exact limits, is shown as 45, above the upper
		// limit drawn as 40.
		{"drawn outside but not flagged", []int{34, 36, 41, 35, 31, 31, 37, 35, 33, 34, 37, 33, 33, 34, 32, 33}, 2,
			"drawn outside the limits by rounding; inside them on the exact values, so not a special cause"},
		// 33 is below the exact mean and in a shift below it; shown as
		// 35, it is drawn on the mean.
		{"in a shift but drawn on the mean", []int{37, 32, 32, 42, 36, 33, 32, 32, 33, 32, 33, 34, 33, 31, 36, 37}, 5,
			"drawn on the mean by rounding; below it on the exact values, so part of the shift (S)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rs := weeklyShare(t, c.of, make([]int, len(c.of)))
			ch, err := summarise(t, datasetOf(t, rs), Options{By: Week}).SPC("assessed", "", ChartOptions{})
			if err != nil {
				t.Fatal(err)
			}
			p := ch.Points[c.point]
			var b bytes.Buffer
			if err := ch.Write(&b, 80); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			flat := strings.Join(strings.Fields(out), " ")
			if want := CrossingMark + " " + p.Label + ": " + c.why + "."; !strings.Contains(flat, want) {
				t.Errorf("the chart does not say %q:\n%s", want, out)
			}
			if !strings.Contains(flat, "rounding draws the point across a line its exact value is not across") {
				t.Errorf("the legend does not explain ~:\n%s", out)
			}
			if !strings.Contains(out, p.Label) || !strings.Contains(flat, "drawn across by rounding") {
				t.Errorf("the table does not mark %s:\n%s", p.Label, out)
			}
			// The drawing itself: a point no rule flags gets ~ in the
			// flag row; one that is flagged keeps its letter.
			if !strings.Contains(c.why, "special cause (A)") && !strings.Contains(c.why, "shift (S)") {
				if !strings.Contains(out, CrossingMark+"\n") && !strings.Contains(out, CrossingMark+" ") {
					t.Errorf("no ~ in the flag row:\n%s", out)
				}
			}

			exact, err := summarise(t, datasetOf(t, rs), Options{By: Week, Exact: true}).SPC("assessed", "", ChartOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(exact.Crossings) != 0 {
				t.Errorf("exact chart has crossings %v: drawn exactly, it cannot contradict itself", exact.Crossings)
			}
		})
	}
}

// TestEveryPublishedChartAgreesWithItsFlags: over many series, every shown
// point of a published XmR chart is drawn outside its limits exactly when
// it is flagged astronomical, unless it is named as a crossing; and every
// point of a flagged shift is drawn on its side of the mean, unless named.
func TestEveryPublishedChartAgreesWithItsFlags(t *testing.T) {
	crossed := 0
	r := rand.New(rand.NewSource(1))
	for range 60 {
		of := make([]int, 16)
		for i := range of {
			of[i] = 30 + r.Intn(8)
		}
		of[r.Intn(len(of))] = 40 + r.Intn(6)
		ch, err := summarise(t, datasetOf(t, weeklyShare(t, of, make([]int, len(of)))), Options{By: Week}).SPC("assessed", "", ChartOptions{})
		if err != nil {
			t.Fatal(err)
		}
		astro := map[int]bool{}
		for _, sig := range ch.Signals {
			for _, i := range sig.Points {
				if sig.Rule == "astronomical" {
					astro[i] = true
				}
				if sig.Rule == "shift" && !isCrossing(ch.Crossings, i) {
					v, m := ch.Points[i].Value, ch.Mean[i]
					if sig.Side == "above" && v <= m || sig.Side == "below" && v >= m {
						t.Errorf("series %v: %s in a shift %s the mean is drawn at %v against a mean of %v, unexplained", of, ch.Points[i].Label, sig.Side, v, m)
					}
				}
			}
		}
		for i, p := range ch.Points {
			if p.Missing || p.Partial {
				continue
			}
			out := p.Value > ch.Upper[i] || p.Value < ch.Lower[i]
			if out != astro[i] && !isCrossing(ch.Crossings, i) {
				t.Errorf("series %v: %s drawn outside the limits %v, flagged %v, unexplained", of, p.Label, out, astro[i])
			}
		}
		crossed += len(ch.Crossings)
	}
	if crossed == 0 {
		t.Error("no series was drawn across a line: the test tests nothing")
	}
}

// TestEveryPublishedTrendIsDrawnOrExplained: a trend is flagged on the
// exact values; where rounding draws one of its points level with, or
// against, the point before it, the published chart names that point (a
// rising trend was flagged on points drawn 65, 55, 60, 55, 55, 55 with no
// word), on run charts and SPC charts alike.
func TestEveryPublishedTrendIsDrawnOrExplained(t *testing.T) {
	explained := 0
	r := rand.New(rand.NewSource(2))
	for range 40 {
		of := make([]int, 14)
		base := 20 + r.Intn(20)
		for i := range of {
			of[i] = base + r.Intn(4)
		}
		start := r.Intn(6)
		for k := range 7 { // a rising run of 7, one more each week
			of[start+k] = base + 4 + k
		}
		s := summarise(t, datasetOf(t, weeklyShare(t, of, make([]int, len(of)))), Options{By: Week})
		run, err := s.Chart("assessed", ChartOptions{})
		if err != nil {
			t.Fatal(err)
		}
		spc, err := s.SPC("assessed", "", ChartOptions{})
		if err != nil {
			t.Fatal(err)
		}
		check := func(kind string, points []int, cs []Crossing) {
			for k := 1; k < len(points); k++ {
				prev, cur := run.Points[points[k-1]].Value, run.Points[points[k]].Value
				inStep := kind == "rising" && cur > prev || kind == "falling" && cur < prev
				if !inStep && !isCrossing(cs, points[k]) {
					t.Errorf("series %v: a %s trend drawn %v then %v at %s, unexplained", of, kind, prev, cur, run.Points[points[k]].Label)
				}
				if !inStep {
					explained++
				}
			}
		}
		for _, tr := range run.Trends {
			check(tr.Kind, tr.Points, run.Crossings)
		}
		for _, sig := range spc.Signals {
			if sig.Rule == "trend" {
				check(sig.Side, sig.Points, spc.Crossings)
			}
		}
	}
	if explained == 0 {
		t.Error("no trend was drawn out of step: the test tests nothing")
	}
}
