package report

import (
	"regexp"
	"strconv"
	"testing"
)

// TestAChangeNumberHasItsOwnRowAboveTheHiddenMarks: on a team's weekly
// p-chart the change number "1" was drawn on the row of the "*" that
// marks hidden weeks, and overlapped the * of a hidden week beside the
// change. The numbers now have a row of their own above the *s, a line
// of text (11 units) clear of them.
func TestAChangeNumberHasItsOwnRowAboveTheHiddenMarks(t *testing.T) {
	var ps []Point
	for i := range 12 {
		ps = append(ps, Point{Label: "2026-01-" + strconv.Itoa(10+i), Value: 40, Missing: i == 4 || i == 5})
	}
	c := svgChart{title: "team p-chart", percent: true, points: ps, flags: make([]string, len(ps)),
		changes: []ChangeMark{{Point: 5, Mark: "1"}}}
	svg := string(c.svg())
	ys := func(re string) []float64 {
		var out []float64
		for _, m := range regexp.MustCompile(re).FindAllStringSubmatch(svg, -1) {
			y, err := strconv.ParseFloat(m[1], 64)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, y)
		}
		return out
	}
	marks := ys(`<text x="[0-9.]+" y="([0-9.]+)" font-size="11" font-weight="bold"[^>]*>1</text>`)
	stars := ys(`<text x="[0-9.]+" y="([0-9.]+)"[^>]*>\*</text>`)
	if len(marks) != 1 || len(stars) != 2 {
		t.Fatalf("%d change marks and %d *s, want 1 and 2:\n%s", len(marks), len(stars), svg)
	}
	for _, s := range stars {
		if gap := s - marks[0]; gap < 11 {
			t.Errorf("the change number at y %.1f is %.1f above a * at y %.1f: they overlap", marks[0], gap, s)
		}
		if s >= svgTop {
			t.Errorf("a * at y %.1f is inside the plot (from %.1f)", s, svgTop)
		}
	}
	if marks[0] < 11 {
		t.Errorf("the change number at y %.1f is cut off at the top", marks[0])
	}
}
