package report

import (
	"bytes"
	"io"
	"regexp"
	"strconv"
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
	// Seventy weeks that have all passed: a record dated after today is
	// not counted.
	monday := time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC)
	s := summarise(t, datasetOf(t, weeklyShareFrom(t, monday, counts, make([]int, len(counts)))), Options{By: Week, Exact: true})
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

// TestAChangeMarkIsDrawnOnlyUnderItsOwnPeriod: twelve changes in twelve
// weeks running, at one column a week, cannot each have a mark of their
// own; a mark that would have to move right of its week to clear the one
// before stood under a later week (change 12 thirteen weeks late). Every
// mark drawn ends under its own week, and those left off are named.
func TestAChangeMarkIsDrawnOnlyUnderItsOwnPeriod(t *testing.T) {
	counts := make([]int, 70)
	for i := range counts {
		counts[i] = 20 + i%3
	}
	// Seventy weeks that have all passed: a record dated after today is
	// not counted.
	monday := time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC)
	s := summarise(t, datasetOf(t, weeklyShareFrom(t, monday, counts, make([]int, len(counts)))), Options{By: Week, Exact: true})
	var cs []Change
	for w := 40; w < 52; w++ {
		cs = append(cs, Change{Date: monday.AddDate(0, 0, 7*w+1), Label: "cycle", Asked: true})
	}
	rc, err := s.Chart("assessed", ChartOptions{Changes: cs})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := rc.Write(&out, 80); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(ansi.Strip(out.String()), "\n")
	first := rc.Points[0].Label
	labels, marks := -1, -1
	for i, l := range lines {
		if strings.Contains(l, first) && strings.Count(l, "-") >= 2 && !strings.Contains(l, ":") {
			labels, marks = i, i-1
			break
		}
	}
	if labels < 1 {
		t.Fatalf("no row of period labels:\n%s", out.String())
	}
	x0 := strings.Index(lines[labels], first) // the first week's column
	drawn := 0
	row := lines[marks]
	for at := 0; at < len(row); {
		if row[at] == ' ' {
			at++
			continue
		}
		end := at
		for end < len(row) && row[end] != ' ' {
			end++
		}
		for _, m := range strings.Split(row[at:end], ",") {
			n, err := strconv.Atoi(m)
			if err != nil {
				t.Fatalf("the row above the labels is not the marks: %q", row)
			}
			week := 40 + n - 1
			if end-1 != x0+week {
				t.Errorf("change %s is drawn ending at column %d, under week %d, not its own week %d", m, end-1, end-1-x0, week)
			}
			drawn++
		}
		at = end
	}
	flat := strings.Join(strings.Fields(out.String()), " ")
	if drawn == 12 || !strings.Contains(flat, "too close to the change before to be marked on its period") {
		t.Errorf("%d of 12 marks drawn, and those left off not named:\n%s", drawn, out.String())
	}
}

// brokenAtHyphen is a line of words broken after a hyphen (the axis's
// dashes are not words).
var brokenAtHyphen = regexp.MustCompile(`[0-9A-Za-z]-$`)

// TestAChartNeverBreaksADateAtItsHyphen: a chart's title, legend, notes
// and change lines were wrapped by ansi.Wordwrap and ansi.Wrap, which
// break after a hyphen, so at a narrow terminal a change's date or a
// team's name went over two lines ("2026-" / "02-10"). They break at
// spaces only, as the findings under the chart do.
func TestAChartNeverBreaksADateAtItsHyphen(t *testing.T) {
	counts := make([]int, 12)
	for i := range counts {
		counts[i] = 20 + i%3
	}
	s := summarise(t, weeklyAssessed(t, counts), Options{By: Week, Exact: true})
	monday := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	cs := []Change{{Date: monday.AddDate(0, 0, 15), Label: "new digital-inclusion pathway agreed 2026-01-14 by the ward-7 team", Asked: true}}
	rc, err := s.Chart("assessed", ChartOptions{Changes: cs})
	if err != nil {
		t.Fatal(err)
	}
	spc, err := s.SPC("assessed", MethodXmR, ChartOptions{Changes: cs})
	if err != nil {
		t.Fatal(err)
	}
	for width := 30; width <= 80; width++ {
		for name, ch := range map[string]interface{ Write(io.Writer, int) error }{"run chart": rc, "SPC chart": spc} {
			var b bytes.Buffer
			if err := ch.Write(&b, width); err != nil {
				t.Fatal(err)
			}
			for _, l := range strings.Split(ansi.Strip(b.String()), "\n") {
				if l := strings.TrimRight(l, " "); brokenAtHyphen.MatchString(l) {
					t.Errorf("%s at %d columns breaks at a hyphen: %q", name, width, l)
				}
			}
		}
	}
}
