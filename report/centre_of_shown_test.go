package report

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"digicheck/questionnaire"
	"digicheck/record"
)

// monthlyShare makes records by month from January 2026, each on the
// month's first day: of[i] assessed in month i, sig[i] of them with a
// significant access barrier.
func monthlyShare(t *testing.T, of, sig []int) []record.Record {
	next := 0
	var rs []record.Record
	for m := range of {
		d := fmt.Sprintf("2026-%02d-01", m+1)
		rs = append(rs, bulk(t, &next, sig[m], fixture{day: d, team: "Ward 7", bands: questionnaire.Bands{Access: questionnaire.SignificantBarrier}})...)
		rs = append(rs, bulk(t, &next, of[m]-sig[m], fixture{day: d, team: "Ward 7"})...)
	}
	return rs
}

// TestACentreLineUnderDisclosureControlRestsOnShownPointsOnly: ten months,
// three shown at about 5%, four hidden (2 to 4 of 25, a count shown as 0
// or 5) in the middle, three shown at 30%. On every exact value the median
// is the mean of two hidden months, and the tester's chart printed it as
// "Median 9.0%", which with the hidden months' bases shown narrowed their
// counts far beyond what * allows. The median, the p-chart's and XmR
// chart's mean and limits are now worked out from the shown points only:
// they are the same whatever the hidden months held, and a centre line is
// printed to the whole percent the legend says, never "18.0%".
func TestACentreLineUnderDisclosureControlRestsOnShownPointsOnly(t *testing.T) {
	of := []int{240, 240, 240, 25, 25, 25, 25, 50, 50, 50}
	hiddenA := []int{12, 12, 12, 2, 3, 3, 4, 15, 15, 15}
	hiddenB := []int{12, 12, 12, 1, 1, 4, 4, 15, 15, 15}
	type lines struct {
		median           float64
		pMean, pUp, pLo  []float64
		xMean, xUp, xLo  []float64
		runText, spcText string
		exactMedia       float64
	}
	chart := func(sig []int) lines {
		t.Helper()
		rs := monthlyShare(t, of, sig)
		s := summarise(t, datasetOf(t, rs), Options{By: Month})
		ch, err := s.Chart("band.access/significant", ChartOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for i := 3; i < 7; i++ {
			if !ch.Points[i].Missing {
				t.Fatalf("month %s shown as %v: the case needs it hidden", ch.Points[i].Label, ch.Points[i].Value)
			}
		}
		if ch.Withdrawn {
			t.Fatalf("the chart is withdrawn: the case needs six of ten points shown")
		}
		p, err := s.SPC("band.access/significant", MethodP, ChartOptions{})
		if err != nil {
			t.Fatal(err)
		}
		x, err := s.SPC("band.access/significant", MethodXmR, ChartOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var rb, pb bytes.Buffer
		if err := ch.Write(&rb, 200); err != nil {
			t.Fatal(err)
		}
		if err := p.Write(&pb, 200); err != nil {
			t.Fatal(err)
		}
		exact, err := summarise(t, datasetOf(t, rs), Options{By: Month, Exact: true}).Chart("band.access/significant", ChartOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return lines{median: ch.Median, pMean: p.Mean, pUp: p.Upper, pLo: p.Lower, xMean: x.Mean, xUp: x.Upper, xLo: x.Lower,
			runText: oneLine(rb.String()), spcText: pb.String(), exactMedia: exact.Median}
	}
	a, b := chart(hiddenA), chart(hiddenB)
	if a.exactMedia == b.exactMedia {
		t.Fatalf("exact medians %v and %v alike: the case tests nothing", a.exactMedia, b.exactMedia)
	}
	if a.median != b.median || math.IsNaN(a.median) {
		t.Errorf("the published median is %v or %v as the hidden months held 2,3,3,4 or 1,1,4,4 of 25: it rests on hidden points", a.median, b.median)
	}
	// The shown months, exactly: 5, 5, 5, 30, 30, 30 (%).
	if a.median != 18 {
		t.Errorf("median %v, want 18 (17.5, of the six shown months, to the whole percent)", a.median)
	}
	same := func(what string, x, y []float64) {
		for i := range x {
			if x[i] != y[i] && !(math.IsNaN(x[i]) && math.IsNaN(y[i])) {
				t.Errorf("%s at month %d is %v or %v as the hidden months held: it rests on hidden points", what, i+1, x[i], y[i])
				return
			}
		}
	}
	same("the p-chart's mean", a.pMean, b.pMean)
	same("the p-chart's upper limit", a.pUp, b.pUp)
	same("the p-chart's lower limit", a.pLo, b.pLo)
	same("the XmR chart's mean", a.xMean, b.xMean)
	same("the XmR chart's upper limit", a.xUp, b.xUp)
	same("the XmR chart's lower limit", a.xLo, b.xLo)
	if !strings.Contains(a.runText, "Median 18% ") || strings.Contains(a.runText, "Median 18.0%") {
		t.Errorf("the median is not given to the whole percent the legend says:\n%s", a.runText)
	}
	for _, l := range strings.Split(a.spcText, "\n") {
		if strings.HasPrefix(l, "2026-08") && !strings.Contains(l, "30.0%") {
			t.Errorf("a shown point lost its decimal: %q", l)
		}
		if f := strings.Fields(l); strings.HasPrefix(l, "2026-01") && (len(f) < 5 || strings.Contains(f[2]+f[3]+f[4], ".")) {
			t.Errorf("the p-chart's mean and limits are not given to the whole percent the legend says: %q", l)
		}
	}
}
