package report

import (
	"bytes"
	"html"
	"math"
	"strings"
	"testing"
	"time"

	"digicheck/site"
)

// TestTheBoardsChartNoteSaysTheCentreLineIsDrawnRoundedFromTheExactValuesOfTheShownPoints:
// the board report's chart note said "the centre line and limits are worked
// out on the exact values of the points shown", and a reader who measured
// the lines found them at 35.0 where the exact median was 33, and at 100
// where the exact mean was 101.3, and took them to be worked out on the
// shown values. They are worked out on the exact values of the shown
// points (never of a hidden one) and drawn rounded: a share to the whole
// percent, a count to the nearest multiple of the rounding, as the
// terminal's legends say; a p-chart's limits on the bases as shown. Twelve
// months of 12 of 240 (exactly 5%, shown as 10 or 15 of 240, 4.2% or
// 6.3%) tell the two apart: the median of the shown values is 4.2%, of
// their exact values 5%, and the line is drawn at 5%. The note now says
// how the lines are drawn, with the rule in force.
func TestTheBoardsChartNoteSaysTheCentreLineIsDrawnRoundedFromTheExactValuesOfTheShownPoints(t *testing.T) {
	of := make([]int, 12)
	sig := make([]int, 12)
	for i := range of {
		of[i], sig[i] = 240, 12
	}
	for _, dc := range []site.Disclosure{{}, {RoundTo: 10, MaxSuppressed: 10}} {
		s := summarise(t, datasetOf(t, monthlyShare(t, of, sig)), Options{By: Month, Disclosure: dc})
		if dc == (site.Disclosure{}) {
			ch, err := s.Chart("band.access/significant", ChartOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var shown []float64
			for _, p := range ch.Points {
				if !p.Missing {
					shown = append(shown, p.Value)
				}
			}
			if len(shown) < 6 || math.Round(median(shown)) == 5 {
				t.Fatalf("the shown values %v have a median %v that rounds to the exact one's, 5%%: the case tells nothing apart", shown, median(shown))
			}
			if ch.Median != 5 {
				t.Errorf("the median is drawn at %v, not 5%% (of the exact values of the shown points, to the whole percent)", ch.Median)
			}
		}
		var b bytes.Buffer
		if err := s.WriteHTML(&b, HTMLOptions{SiteName: "Trust", Produced: time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC), ToolVersion: "v1.4.0", Names: names}); err != nil {
			t.Fatal(err)
		}
		page := oneLine(html.UnescapeString(b.String()))
		for _, want := range []string{
			"the centre line and limits are worked out on the exact values of the points shown, never of a hidden one, and drawn rounded: a share to the whole percent, a count to the nearest multiple of " +
				map[bool]string{true: "5", false: "10"}[s.Disclosure.RoundTo == 5] + "; a p-chart's limits on the bases as shown.",
		} {
			if !strings.Contains(page, want) {
				i := strings.Index(page, "Points are drawn as")
				t.Errorf("round_to %d: the chart note does not say %q:\n%.600s", s.Disclosure.RoundTo, want, page[max(i, 0):])
			}
		}
	}
}
