package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
	"digicheck/record"
)

var locUTC = time.UTC

var update = flag.Bool("update", false, "rewrite golden files")

func points(vals ...float64) []Point {
	var out []Point
	for i, v := range vals {
		p := Point{Label: "p" + strconv.Itoa(i), Value: v}
		if v < 0 {
			p.Missing = true
		}
		out = append(out, p)
	}
	return out
}

func runs(rs []Run) [][]int {
	var out [][]int
	for _, r := range rs {
		out = append(out, append([]int{len(r.Points)}, r.Points...))
	}
	return out
}

func TestAShiftIsSixPointsInARowOnOneSideOfTheMedian(t *testing.T) {
	// Median of 1..12 is 6.5: six below, then six above.
	median, shifts, _ := Rules(points(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12))
	if median != 6.5 {
		t.Errorf("median %v, want 6.5", median)
	}
	if len(shifts) != 2 || shifts[0].Kind != "below" || shifts[1].Kind != "above" || len(shifts[0].Points) != 6 {
		t.Errorf("shifts %+v, want six below then six above", shifts)
	}
	// Five on a side is not a shift: 10 10 10 10 10 1 | median 10... use
	// values around a median of 5: five above, then alternating.
	_, shifts, _ = Rules(points(9, 9, 9, 9, 9, 1, 9, 1, 1, 1, 5, 5))
	for _, s := range shifts {
		if len(s.Points) < 6 {
			t.Errorf("a run of %d reported as a shift", len(s.Points))
		}
	}
	if len(shifts) != 0 {
		t.Errorf("shifts %+v in runs of at most five", runs(shifts))
	}
}

func TestPointsOnTheMedianNeitherMakeNorBreakAShift(t *testing.T) {
	// Median 5. Below: 1 2, on: 5, below: 3 4 4 2 — six below, with a
	// point on the median among them.
	ps := points(1, 2, 5, 3, 4, 4, 2, 8, 9, 9, 9, 9, 5, 5, 5)
	median, shifts, _ := Rules(ps)
	if median != 5 {
		t.Fatalf("median %v", median)
	}
	want := [][]int{{6, 0, 1, 3, 4, 5, 6}}
	if got := runs(shifts); !reflect.DeepEqual(got, want) {
		t.Errorf("shifts %v, want %v (the six below, skipping the point on the median)", got, want)
	}
}

func TestATrendIsFivePointsAllRisingOrAllFalling(t *testing.T) {
	_, _, trends := Rules(points(3, 1, 2, 3, 4, 5, 4, 3, 2, 1, 0.5, 2))
	want := [][]int{{5, 1, 2, 3, 4, 5}, {6, 5, 6, 7, 8, 9, 10}}
	if got := runs(trends); !reflect.DeepEqual(got, want) {
		t.Errorf("trends %v, want %v (rising 1..5, then falling from the turning point)", got, want)
	}
	_, _, trends = Rules(points(1, 2, 3, 4, 3, 4, 5, 6, 5))
	if len(trends) != 0 {
		t.Errorf("four rising reported as a trend: %v", runs(trends))
	}
}

func TestEqualNeighboursNeitherMakeNorBreakATrend(t *testing.T) {
	_, _, trends := Rules(points(1, 2, 2, 3, 4, 5))
	want := [][]int{{5, 0, 1, 3, 4, 5}}
	if got := runs(trends); !reflect.DeepEqual(got, want) {
		t.Errorf("trends %v, want %v", got, want)
	}
	_, _, trends = Rules(points(1, 2, 2, 2, 3, 1))
	if len(trends) != 0 {
		t.Errorf("like points counted towards a trend: %v", runs(trends))
	}
}

func TestHiddenPointsAreLeftOutOfTheRules(t *testing.T) {
	// -1 marks a suppressed point: the rising run carries on across it.
	median, _, trends := Rules(points(1, 2, -1, 3, 4, 5))
	if median != 3 {
		t.Errorf("median %v, want 3 (of 1 2 3 4 5)", median)
	}
	if got := runs(trends); !reflect.DeepEqual(got, [][]int{{5, 0, 1, 3, 4, 5}}) {
		t.Errorf("trends %v", got)
	}
}

// TestRunChartOfAMeasure charts the share with a significant access barrier
// by month over a year in which it falls steadily for six months: a trend,
// and a shift below the median in the second half.
func TestRunChartOfAMeasure(t *testing.T) {
	next := 0
	var rs []record.Record
	sig := []int{30, 28, 32, 30, 31, 29, 25, 22, 18, 15, 12, 10} // of 40 each month
	for m, n := range sig {
		d := "2025-" + []string{"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"}[m] + "-10"
		rs = append(rs, bulk(t, &next, n, fixture{day: d, bands: questionnaire.Bands{Access: questionnaire.SignificantBarrier}})...)
		rs = append(rs, bulk(t, &next, 40-n, fixture{day: d})...)
	}
	s := summarise(t, datasetOf(t, rs), Options{By: Month, Exact: true})
	ch, err := s.Chart("band.access/significant")
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Points) != 12 || ch.Points[0].Value != 75 || ch.Points[11].Value != 25 {
		t.Fatalf("points %+v", ch.Points)
	}
	// Shares: 75 70 80 75 77.5 72.5 62.5 55 45 37.5 30 25 (%). Sorted,
	// the middle two are 62.5 and 70: the median is 66.25. The first six
	// are all above it, the last six all below: two shifts. From May
	// (77.5) every point is lower than the one before: a trend of eight.
	if ch.Median != 66.25 {
		t.Errorf("median %v, want 66.25", ch.Median)
	}
	if got := runs(ch.Trends); !reflect.DeepEqual(got, [][]int{{8, 4, 5, 6, 7, 8, 9, 10, 11}}) {
		t.Errorf("trends %v, want one falling from May to December", got)
	}
	if got, want := runs(ch.Shifts), [][]int{{6, 0, 1, 2, 3, 4, 5}, {6, 6, 7, 8, 9, 10, 11}}; !reflect.DeepEqual(got, want) {
		t.Errorf("shifts %v, want %v", got, want)
	}
	if ch.Shifts[0].Kind != "above" || ch.Shifts[1].Kind != "below" || ch.Trends[0].Kind != "falling" {
		t.Errorf("kinds %s %s %s", ch.Shifts[0].Kind, ch.Shifts[1].Kind, ch.Trends[0].Kind)
	}
	var buf bytes.Buffer
	if err := ch.Write(&buf, 100); err != nil {
		t.Fatal(err)
	}
	golden(t, "runchart-access-significant.golden", buf.Bytes())

	if _, err := s.Chart("band.access/catastrophic"); err == nil {
		t.Error("an unknown measure was charted")
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestARunChartFitsTheWidthItIsGiven(t *testing.T) {
	ch := &Chart{Title: "many weeks", Percent: true}
	for i := range 54 {
		ch.Points = append(ch.Points, Point{Label: "2025-" + strconv.Itoa(i), Value: float64(i % 7)})
	}
	ch.Median, ch.Shifts, ch.Trends = Rules(ch.Points)
	for _, width := range []int{80, 120} {
		var b bytes.Buffer
		if err := ch.Write(&b, width); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(b.String(), "\n")
		for _, l := range lines[3:20] { // the plot, under the title and note
			if n := len([]rune(l)); n > width {
				t.Errorf("width %d: a line of %d columns: %q", width, n, l)
			}
		}
	}
}
