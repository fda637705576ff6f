package report

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
)

// TestAChartsAxisGivesAWholePercentWithoutATenth: under disclosure control
// a chart's centre line and limits are worked out to the whole percent and
// written so (docs/charts.md: "never 9.0%, which claims a tenth"), but the
// axis of a p-chart, whose top and bottom are its limits, was labelled
// "2.0%" and "0.0%" beside a mean of "1%". An axis label that is a whole
// percent is written as one; with --exact the axis keeps its tenth.
func TestAChartsAxisGivesAWholePercentWithoutATenth(t *testing.T) {
	of := []int{200, 200, 200, 200, 200, 200, 200, 200, 200, 200}
	sig := []int{22, 25, 19, 21, 24, 20, 23, 18, 26, 22}
	rs := monthlyShare(t, of, sig)
	labels := func(exact bool) []string {
		t.Helper()
		s := summarise(t, datasetOf(t, rs), Options{By: Month, Exact: exact})
		var out []string
		for _, method := range []string{MethodP, MethodXmR} {
			c, err := s.SPC("band.access/significant", method, ChartOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := c.Write(&b, 200); err != nil {
				t.Fatal(err)
			}
			for _, l := range strings.Split(b.String(), "\n") {
				if i := strings.Index(l, " ┤"); i > 0 && strings.HasSuffix(l[:i], "%") {
					out = append(out, strings.TrimSpace(l[:i]))
				}
			}
		}
		ch, err := s.Chart("band.access/significant", ChartOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := ch.Write(&b, 200); err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(b.String(), "\n") {
			if i := strings.Index(l, " ┤"); i > 0 && strings.HasSuffix(l[:i], "%") {
				out = append(out, strings.TrimSpace(l[:i]))
			}
		}
		return out
	}
	whole := 0
	for _, l := range labels(false) {
		v, err := strconv.ParseFloat(strings.TrimSuffix(l, "%"), 64)
		if err != nil {
			t.Errorf("axis label %q", l)
			continue
		}
		if v == float64(int(v)) {
			whole++
			if strings.Contains(l, ".") {
				t.Errorf("axis label %q claims a tenth of a whole percent", l)
			}
		}
	}
	if whole < 3 {
		t.Errorf("the premise: only %d axis labels are a whole percent (%q)", whole, labels(false))
	}
	for _, l := range labels(true) {
		if !strings.Contains(l, ".") {
			t.Errorf("--exact: axis label %q without its tenth", l)
		}
	}
}
