package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// TestChangeMarksCountOnAndTheChartFitsItsWidth: a weekly chart of 25
// weeks with twelve changes, two of them in one week, drawn at 80
// columns. The marks wrapped after 9 ("1" again for the tenth), a second
// change in a week was not marked, the date line under the axis ran to 88
// columns, and a change label with no spaces to 81. Now the marks run 1
// to 12, both changes of one week are marked ("3,4"), and every line fits.
func TestChangeMarksCountOnAndTheChartFitsItsWidth(t *testing.T) {
	counts := make([]int, 25)
	for i := range counts {
		counts[i] = 20 + i%3
	}
	s := summarise(t, weeklyAssessed(t, counts), Options{By: Week, Exact: true})
	monday := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	var cs []Change
	for k, w := range []int{1, 3, 5, 5, 7, 9, 11, 13, 15, 17, 19, 21} {
		label := "training session"
		if k == 11 {
			label = strings.Repeat("x", 100) // no spaces to break at
		}
		cs = append(cs, Change{Date: monday.AddDate(0, 0, 7*w+1), Label: label, Asked: true})
	}
	rc, err := s.Chart("assessed", ChartOptions{Changes: cs})
	if err != nil {
		t.Fatal(err)
	}
	spc, err := s.SPC("assessed", MethodXmR, ChartOptions{Changes: cs})
	if err != nil {
		t.Fatal(err)
	}
	var run, sp bytes.Buffer
	if err := rc.Write(&run, 80); err != nil {
		t.Fatal(err)
	}
	if err := spc.Write(&sp, 80); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"run chart": run.String(), "SPC chart": sp.String()} {
		var marks string
		for _, l := range strings.Split(out, "\n") {
			if w := ansi.StringWidth(l); w > 80 {
				t.Errorf("%s: a line of %d columns at 80: %q", name, w, l)
			}
			if strings.Contains(l, "3,4") {
				marks = l
			}
		}
		if marks == "" {
			t.Errorf("%s: the two changes of one week are not both marked:\n%s", name, out)
			continue
		}
		fields := strings.Fields(marks)
		want := []string{"1", "2", "3,4", "5", "6", "7", "8", "9", "10", "11", "12"}
		if strings.Join(fields, " ") != strings.Join(want, " ") {
			t.Errorf("%s: marks %q, want %q", name, fields, want)
		}
		for _, want := range []string{"Change 10: ", "Change 12: ", "Change 4: "} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: no %q line:\n%s", name, want, out)
			}
		}
	}
}
