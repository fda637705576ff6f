package report

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
	"digicheck/record"

	"github.com/charmbracelet/x/ansi"
)

var locUTC = time.UTC

var update = flag.Bool("update", false, "rewrite golden files")

// rules is the median of vals and the shifts and trends about it.
func rules(vals ...float64) (float64, []Run, []Run) {
	m := median(vals)
	shifts, trends := Rules(vals, m)
	return m, shifts, trends
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
	median, shifts, _ := rules(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
	if median != 6.5 {
		t.Errorf("median %v, want 6.5", median)
	}
	if len(shifts) != 2 || shifts[0].Kind != "below" || shifts[1].Kind != "above" || len(shifts[0].Points) != 6 {
		t.Errorf("shifts %+v, want six below then six above", shifts)
	}
	// Five on a side is not a shift: 10 10 10 10 10 1 | median 10... use
	// values around a median of 5: five above, then alternating.
	_, shifts, _ = rules(9, 9, 9, 9, 9, 1, 9, 1, 1, 1, 5, 5)
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
	median, shifts, _ := rules(1, 2, 5, 3, 4, 4, 2, 8, 9, 9, 9, 9, 5, 5, 5)
	if median != 5 {
		t.Fatalf("median %v", median)
	}
	want := [][]int{{6, 0, 1, 3, 4, 5, 6}}
	if got := runs(shifts); !reflect.DeepEqual(got, want) {
		t.Errorf("shifts %v, want %v (the six below, skipping the point on the median)", got, want)
	}
}

func TestATrendIsFivePointsAllRisingOrAllFalling(t *testing.T) {
	_, _, trends := rules(3, 1, 2, 3, 4, 5, 4, 3, 2, 1, 0.5, 2)
	want := [][]int{{5, 1, 2, 3, 4, 5}, {6, 5, 6, 7, 8, 9, 10}}
	if got := runs(trends); !reflect.DeepEqual(got, want) {
		t.Errorf("trends %v, want %v (rising 1..5, then falling from the turning point)", got, want)
	}
	_, _, trends = rules(1, 2, 3, 4, 3, 4, 5, 6, 5)
	if len(trends) != 0 {
		t.Errorf("four rising reported as a trend: %v", runs(trends))
	}
}

func TestEqualNeighboursNeitherMakeNorBreakATrend(t *testing.T) {
	_, _, trends := rules(1, 2, 2, 3, 4, 5)
	want := [][]int{{5, 0, 1, 3, 4, 5}}
	if got := runs(trends); !reflect.DeepEqual(got, want) {
		t.Errorf("trends %v, want %v", got, want)
	}
	_, _, trends = rules(1, 2, 2, 2, 3, 1)
	if len(trends) != 0 {
		t.Errorf("like points counted towards a trend: %v", runs(trends))
	}
}

// weeklyShare makes records by week: of[i] assessed in week i, sig[i] of
// them with a significant access barrier; a week of none has no records.
// They are made on the Wednesday, but the first week's on its Monday and
// the last week's on its Sunday, so that the data cover every week whole.
func weeklyShare(t *testing.T, of, sig []int) []record.Record {
	return weeklyShareFrom(t, time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), of, sig)
}

// weeklyShareFrom is weeklyShare from the week of monday.
func weeklyShareFrom(t *testing.T, monday time.Time, of, sig []int) []record.Record {
	next := 0
	var rs []record.Record
	for w := range of {
		day := 2
		switch w {
		case 0:
			day = 0
		case len(of) - 1:
			day = 6
		}
		d := monday.AddDate(0, 0, 7*w+day).Format(time.DateOnly)
		rs = append(rs, bulk(t, &next, sig[w], fixture{day: d, bands: questionnaire.Bands{Access: questionnaire.SignificantBarrier}})...)
		rs = append(rs, bulk(t, &next, of[w]-sig[w], fixture{day: d})...)
	}
	return rs
}

// TestTheRulesRunOnExactValuesNotTheShownOnes: twelve weeks of 17 to 23
// assessed, with a significant access barrier in 4 or 5 a week for six
// weeks, then 1 or 2 a week for six: exactly, a shift above the median and
// then one below. Shown, every count of 5 or less is "*" and no share can
// be worked out, so rules on the shown values have nothing to go on. The
// rules find the two real shifts on the exact values; but every week is
// hidden, so the published chart draws no hidden value, no median (it
// would be worked out from hidden values) and says nothing of signals
// (see tooFewShown). Where most weeks are shown, a signal flagged on a
// hidden week would say which side of the centre its small group lies, so
// it is held back, and the chart says signals were held back, never that
// there are none.
func TestTheRulesRunOnExactValuesNotTheShownOnes(t *testing.T) {
	of := []int{20, 22, 18, 21, 19, 23, 20, 17, 21, 22, 18, 20}
	sig := []int{4, 5, 4, 5, 4, 5, 2, 1, 2, 1, 2, 1}
	rs := weeklyShare(t, of, sig)
	exact, err := summarise(t, datasetOf(t, rs), Options{By: Week, Exact: true}).Chart("band.access/significant", ChartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := runs(exact.Shifts), [][]int{{6, 0, 1, 2, 3, 4, 5}, {6, 6, 7, 8, 9, 10, 11}}; !reflect.DeepEqual(got, want) {
		t.Errorf("exact shifts %v, want six above then six below", got)
	}
	s := summarise(t, datasetOf(t, rs), Options{By: Week})
	ch, err := s.Chart("band.access/significant", ChartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Points) != 12 {
		t.Fatalf("%d points", len(ch.Points))
	}
	if len(ch.Shifts)+len(ch.Trends) != 0 || !ch.Withdrawn || strings.Contains(ch.Note, "signal") && !strings.Contains(ch.Note, "nothing is said of signals") {
		t.Errorf("shifts %v, trends %v, note %q: want none flagged, and nothing said of signals with every week hidden", runs(ch.Shifts), runs(ch.Trends), ch.Note)
	}
	// Six weeks shown, seven hidden, six shown: on the exact values, a
	// p-chart shift (7 or more) below the mean on the hidden weeks only.
	of16 := []int{20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20}
	sig16 := []int{10, 11, 10, 11, 10, 11, 1, 2, 1, 2, 1, 2, 1, 10, 11, 10, 11, 10, 11}
	rs16 := weeklyShare(t, of16, sig16)
	spc, err := summarise(t, datasetOf(t, rs16), Options{By: Week}).SPC("band.access/significant", MethodP, ChartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	exactSPC, err := summarise(t, datasetOf(t, rs16), Options{By: Week, Exact: true}).SPC("band.access/significant", MethodP, ChartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(exactSPC.Signals) == 0 || len(spc.Signals) != 0 || !strings.Contains(spc.Note, "Signals that take in a period whose value is hidden (*), or start or end beside one, are never shown") {
		t.Errorf("p-chart: %d signals exact, %d published (note %q): want some, none, and the note", len(exactSPC.Signals), len(spc.Signals), spc.Note)
	}
	// With signals held back, no chart says there are none: not the
	// run chart, not the SPC chart, in the terminal or the board report.
	var out bytes.Buffer
	if err := spc.Write(&out, 80); err != nil {
		t.Fatal(err)
	}
	for _, claim := range []string{"No shift or trend", "No special cause", "common cause variation only"} {
		if strings.Contains(out.String(), claim) {
			t.Errorf("a chart with signals held back says %q:\n%s", claim, out.String())
		}
	}
	if !strings.Contains(oneLine(out.String()), "Signals that take in or border a hidden period are not shown") {
		t.Errorf("the charts do not say signals beside hidden periods are not shown:\n%s", out.String())
	}
	if got := noSignal("No shift or trend.", 0); got != "No shift or trend." {
		t.Errorf("with nothing held back: %q", got)
	}
	// The exact shares: 20 22.7 22.2 23.8 21.1 21.7 | 10 5.9 9.5 4.5
	// 11.1 5 (%); the median is (11.1 + 20) / 2 = 15.6, shown as 16.
	if !math.IsNaN(ch.Median) {
		t.Errorf("median shown %v of twelve hidden weeks, want none", ch.Median)
	}
	for _, p := range ch.Points {
		if !p.Missing {
			t.Errorf("week %s: a share of a hidden count drawn as %v", p.Label, p.Value)
		}
	}
	var b bytes.Buffer
	if err := ch.Write(&b, 80); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "2026-01-05         *\n") {
		t.Errorf("a hidden week is not listed as * with no rule:\n%s", b.String())
	}

	// And where the shown values exist but are rounded: 40 a week with
	// 14 to 16 for six weeks, then 10 to 13. Rounding makes 14 and 16
	// into 15 and 10 to 13 into 10 or 15, so the shown series has no
	// shift below, or a false one; the exact one has both shifts.
	of = []int{40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40}
	sig = []int{16, 14, 16, 15, 14, 16, 12, 11, 13, 12, 13, 11}
	s = summarise(t, datasetOf(t, weeklyShare(t, of, sig)), Options{By: Week})
	ch, err = s.Chart("band.access/significant", ChartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := runs(ch.Shifts), [][]int{{6, 0, 1, 2, 3, 4, 5}, {6, 6, 7, 8, 9, 10, 11}}; !reflect.DeepEqual(got, want) {
		t.Errorf("shifts %v, want six above then six below", got)
	}
	var vals []float64
	for _, p := range ch.Points {
		if !p.Missing {
			vals = append(vals, p.Value)
		}
	}
	_, shownShifts, _ := rules(vals...)
	if reflect.DeepEqual(runs(shownShifts), runs(ch.Shifts)) {
		t.Errorf("the shown values %v find the same shifts: the case tests nothing", vals)
	}
}

// TestPartialPeriodsAreDrawnButLeftOutOfTheRules: a span from a Wednesday
// to a Tuesday cuts its first and last weeks short.
func TestPartialPeriodsAreDrawnButLeftOutOfTheRules(t *testing.T) {
	next := 0
	var rs []record.Record
	monday := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	for w := range 10 {
		d := monday.AddDate(0, 0, 7*w+3).Format(time.DateOnly)
		rs = append(rs, bulk(t, &next, 20+w, fixture{day: d})...)
	}
	from, to := monday.AddDate(0, 0, 2), monday.AddDate(0, 0, 7*9+1)
	s := summarise(t, datasetOf(t, rs), Options{By: Week, Exact: true, From: from, To: to})
	ch, err := s.Chart("assessed", ChartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Points) != 10 || !ch.Points[0].Partial || !ch.Points[9].Partial {
		t.Fatalf("points %+v: want ten, the first and last partial", ch.Points)
	}
	for _, p := range ch.Points[1:9] {
		if p.Partial {
			t.Errorf("week %s marked partial", p.Label)
		}
	}
	// 20 (partial) 21 ... 28 0 (partial; its records fall on a Thursday,
	// after the span): eight whole weeks rising, 21 to 28.
	if got := runs(ch.Trends); !reflect.DeepEqual(got, [][]int{{8, 1, 2, 3, 4, 5, 6, 7, 8}}) {
		t.Errorf("trends %v, want the eight whole weeks", got)
	}
	if ch.Median != 24.5 {
		t.Errorf("median %v, want 24.5, of the whole weeks", ch.Median)
	}
	var b bytes.Buffer
	if err := ch.Write(&b, 80); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "○") || !strings.Contains(b.String(), "partial period") {
		t.Errorf("partial weeks not marked:\n%s", b.String())
	}
}

// TestABaselineMedianIsFrozen: the median of the first six points only,
// against which the later ones are judged; a change that recalculates
// starts a new median from its period.
func TestABaselineMedianIsFrozen(t *testing.T) {
	of := []int{40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40}
	sig := []int{10, 12, 11, 10, 12, 11, 20, 21, 22, 20, 21, 22}
	s := summarise(t, datasetOf(t, weeklyShare(t, of, sig)), Options{By: Week, Exact: true})
	ch, err := s.Chart("band.access/significant", ChartOptions{Baseline: 6})
	if err != nil {
		t.Fatal(err)
	}
	// Baseline 25 30 27.5 25 30 27.5 (%): median 27.5. The fifth (30) is
	// above it, the sixth on it (neither adding nor breaking), and all six
	// later points above: a shift of seven. Over all twelve the median
	// would be 40 and the shift only the six.
	if ch.Median != 27.5 || ch.Segments[0].Baseline != 6 {
		t.Errorf("median %v of %d points, want 27.5 of 6", ch.Median, ch.Segments[0].Baseline)
	}
	if got := runs(ch.Shifts); !reflect.DeepEqual(got, [][]int{{7, 4, 6, 7, 8, 9, 10, 11}}) {
		t.Errorf("shifts %v, want the fifth and the six after the baseline", got)
	}
	// A recalculation takes 12 whole weeks on each side: twelve weeks
	// like the first six, then twelve like the last six.
	sig = []int{10, 12, 11, 10, 12, 11, 10, 12, 11, 10, 12, 11, 20, 21, 22, 20, 21, 22, 20, 21, 22, 20, 21, 22}
	of = append(of, of...)
	s = summarise(t, datasetOf(t, weeklyShare(t, of, sig)), Options{By: Week, Exact: true})
	change := Change{Date: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), Label: "Text reminders", Recalculate: true}
	ch, err = s.Chart("band.access/significant", ChartOptions{Changes: []Change{change}})
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Segments) != 2 || ch.Segments[1].From != 12 || ch.Segments[1].Center != 52.5 {
		t.Errorf("segments %+v, want a second from week 13 (30 Mar) with median 52.5", ch.Segments)
	}
	if len(ch.Changes) != 1 || ch.Changes[0].Point != 12 || ch.Changes[0].Mark != "1" {
		t.Errorf("changes %+v", ch.Changes)
	}
	var b bytes.Buffer
	if err := ch.Write(&b, 80); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "Change 1: 2026-04-01, Text reminders (worked out afresh from here)") {
		t.Errorf("the change is not named:\n%s", b.String())
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
		switch m { // the data cover the year whole
		case 0:
			d = "2025-01-01"
		case len(sig) - 1:
			d = "2025-12-31"
		}
		rs = append(rs, bulk(t, &next, n, fixture{day: d, bands: questionnaire.Bands{Access: questionnaire.SignificantBarrier}})...)
		rs = append(rs, bulk(t, &next, 40-n, fixture{day: d})...)
	}
	s := summarise(t, datasetOf(t, rs), Options{By: Month, Exact: true})
	ch, err := s.Chart("band.access/significant", ChartOptions{})
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

	if _, err := s.Chart("band.access/catastrophic", ChartOptions{}); err == nil {
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
	var vals []float64
	for i := range 54 {
		ch.Points = append(ch.Points, Point{Label: "2025-" + strconv.Itoa(i), Value: float64(i % 7)})
		vals = append(vals, float64(i%7))
	}
	ch.Median = median(vals)
	ch.Segments = []Segment{{From: 0, To: 54, Center: ch.Median, Baseline: 54}}
	ch.Shifts, ch.Trends = Rules(vals, ch.Median)
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

// TestChartOptionsOutOfRangeAreRefused: a baseline longer than the chart
// and a change asked for outside it were taken without a word (the whole
// chart as baseline, the change not drawn); now each is refused with what
// the chart holds. A site's standing change outside the chart is still
// left out quietly: it belongs to another span.
func TestChartOptionsOutOfRangeAreRefused(t *testing.T) {
	next := 0
	var rs []record.Record
	monday := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	for w := range 8 {
		d := 7 * w
		if w == 7 {
			d += 6 // the last week's Sunday: the data end with it whole
		}
		rs = append(rs, bulk(t, &next, 20+w, fixture{day: monday.AddDate(0, 0, d).Format(time.DateOnly)})...)
	}
	s := summarise(t, datasetOf(t, rs), Options{By: Week, Exact: true})
	before := Change{Date: monday.AddDate(0, 0, -20), Label: "reminders", Asked: true}
	for name, o := range map[string]ChartOptions{
		"baseline 100":           {Baseline: 100},
		"baseline 9 of 8":        {Baseline: 9},
		"change before the data": {Changes: []Change{before}},
		"change after the data":  {Changes: []Change{{Date: monday.AddDate(0, 0, 56), Label: "x", Asked: true}}},
	} {
		if _, err := s.Chart("assessed", o); err == nil {
			t.Errorf("run chart, %s: drawn", name)
		}
		if _, err := s.SPC("assessed", MethodXmR, o); err == nil {
			t.Errorf("SPC, %s: drawn", name)
		}
	}
	if _, err := s.Chart("assessed", ChartOptions{Baseline: 8}); err != nil {
		t.Errorf("a baseline of all 8 weeks: %v", err)
	}
	before.Asked = false
	if _, err := s.Chart("assessed", ChartOptions{Changes: []Change{before}}); err != nil {
		t.Errorf("a site's change before the chart: %v", err)
	}
}

// TestTheLegendSaysHowTheMedianIsShown: a count's median is shown rounded
// to 5, as counts are (exact 56, shown 55), and the legend says so; it
// said "the median to the nearest whole number" beside 55. A share's is
// to the nearest whole percent.
func TestTheLegendSaysHowTheMedianIsShown(t *testing.T) {
	next := 0
	var rs []record.Record
	for i, n := range []int{50, 56, 60} {
		rs = append(rs, bulk(t, &next, n, fixture{day: fmt.Sprintf("2026-0%d-01", i+1), team: "Ward 7"})...)
	}
	s := summarise(t, datasetOf(t, rs), Options{By: Month})
	ch, err := s.Chart("assessed", ChartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := ch.Write(&b, 200); err != nil {
		t.Fatal(err)
	}
	text := oneLine(b.String())
	if !strings.Contains(text, "Median 55 ") || !strings.Contains(text, "the median to the nearest multiple of 5, as counts are shown") ||
		strings.Contains(text, "nearest whole number") {
		t.Errorf("a median of 56 shown as 55 is not said to be rounded to 5:\n%s", text)
	}
	ch, err = s.Chart("band.access/none", ChartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b.Reset()
	if err := ch.Write(&b, 200); err != nil {
		t.Fatal(err)
	}
	if text := oneLine(b.String()); !strings.Contains(text, "the median to the nearest whole percent") {
		t.Errorf("a share's median is not said to be to the nearest whole percent:\n%s", text)
	}
}

// TestARecalculationWithoutAChangeIsNamedOnce: --recalculate on a date
// that names no change is listed as worked out afresh from there, once,
// not "worked out afresh (worked out afresh from here)".
func TestARecalculationWithoutAChangeIsNamedOnce(t *testing.T) {
	var b strings.Builder
	for _, l := range changeLines([]ChangeMark{{Mark: "1", Change: Change{Date: time.Date(2026, 2, 16, 0, 0, 0, 0, time.UTC), Label: RecalculateLabel, Recalculate: true}}}) {
		b.WriteString(l + "\n")
	}
	if got, want := b.String(), "Change 1: 2026-02-16, worked out afresh from here\n"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}

// TestAPointTwoTrendsShareNamesBoth: weeks rising then falling make a
// rising trend and a falling one that share the turning point. In the
// exact run and SPC charts' tables that point names both trends by their
// direction (its Rule column was blank), and the run chart's flag row
// marks it T, not B (which is a shift and a trend).
func TestAPointTwoTrendsShareNamesBoth(t *testing.T) {
	write := func(of []int, turn int, spc bool) (table, flagRow string) {
		s := summarise(t, datasetOf(t, weeklyShare(t, of, make([]int, len(of)))), Options{By: Week, Exact: true})
		var b strings.Builder
		if spc {
			ch, err := s.SPC("assessed", MethodXmR, ChartOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if err := ch.Write(&b, 80); err != nil {
				t.Fatal(err)
			}
		} else {
			ch, err := s.Chart("assessed", ChartOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(ch.Trends) != 2 || len(ch.Shifts) != 0 {
				t.Fatalf("trends %v, shifts %v: want a rising and a falling trend only", runs(ch.Trends), runs(ch.Shifts))
			}
			if err := ch.Write(&b, 80); err != nil {
				t.Fatal(err)
			}
		}
		lines := strings.Split(b.String(), "\n")
		for i, l := range lines {
			if strings.HasPrefix(l, s.Periods[turn].Label+" ") {
				table = l
				// The rules wrap onto further lines under the Rule column.
				for _, more := range lines[i+1:] {
					if !strings.HasPrefix(more, strings.Repeat(" ", 20)) {
						break
					}
					table += " " + strings.TrimSpace(more)
				}
			}
			if f := strings.TrimSpace(l); f != "" && strings.Trim(f, "TBS ") == "" {
				flagRow = l
			}
		}
		if table == "" {
			t.Fatalf("no row for %s in\n%s", s.Periods[turn].Label, b.String())
		}
		return table, flagRow
	}
	row, flags := write([]int{10, 12, 14, 16, 18, 16, 14, 12, 10}, 4, false)
	if !strings.HasSuffix(row, " rising trend, falling trend") {
		t.Errorf("run chart row %q: want both trends named", row)
	}
	if flags == "" || strings.Contains(flags, "B") {
		t.Errorf("run chart flag row %q: want every point T, none B", flags)
	}
	row, _ = write([]int{10, 11, 12, 13, 14, 15, 40, 39, 38, 37, 36, 35, 10}, 6, true)
	if !strings.Contains(row, "rising trend, falling trend") {
		t.Errorf("SPC row %q: want both trends named", row)
	}
}

// TestAChartSaysTheWeekNotEndedIsLeftOut: under disclosure control the
// week still in progress is not counted, and the run and SPC charts, whose
// last point is then the week before, say so in words as the tables and
// the board report do; an exact chart draws the week, marked cut short,
// and has no such note.
func TestAChartSaysTheWeekNotEndedIsLeftOut(t *testing.T) {
	rs := weeklyShare(t, []int{20, 22, 21, 23}, []int{5, 6, 5, 6})
	next := 1000
	rs = append(rs, bulk(t, &next, 3, fixture{day: time.Now().UTC().Format(time.DateOnly)})...)
	in := datasetOf(t, rs)
	write := func(s *Summary, spc bool) string {
		var b strings.Builder
		if spc {
			ch, err := s.SPC("assessed", MethodXmR, ChartOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if err := ch.Write(&b, 80); err != nil {
				t.Fatal(err)
			}
		} else {
			ch, err := s.Chart("assessed", ChartOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if err := ch.Write(&b, 80); err != nil {
				t.Fatal(err)
			}
		}
		return strings.Join(strings.Fields(b.String()), " ")
	}
	controlled := summarise(t, in, Options{By: Week})
	exact := summarise(t, in, Options{By: Week, Exact: true})
	from := controlled.notEnded.Format("2 Jan 2006")
	for _, spc := range []bool{false, true} {
		if out := write(controlled, spc); !strings.Contains(out, "Assessments from "+from+" on are not counted: that week has not ended") {
			t.Errorf("spc %v: the chart does not say the week from %s is left out:\n%s", spc, from, out)
		}
		if out := write(exact, spc); strings.Contains(out, "not counted") {
			t.Errorf("spc %v: the exact chart, which draws the week, says it is left out", spc)
		}
	}
}

// TestAChartOfMorePeriodsThanColumnsDrawsTheLatestThatFit: 87 weeks drew
// 92 columns at any width (one column a point, found by trying it at
// COLUMNS=60 and 80). Run, XmR and p charts, with changes before and in
// the part drawn, now draw the most recent weeks that fit, say how many
// earlier weeks are left out of the drawing and where to see them all,
// and keep the rules on every week. Nothing above the table runs past
// the width; at 60 and 80 columns nothing at all does.
func TestAChartOfMorePeriodsThanColumnsDrawsTheLatestThatFit(t *testing.T) {
	const weeks = 87
	of, sig := make([]int, weeks), make([]int, weeks)
	for w := range weeks {
		of[w], sig[w] = 20+w%5, 8+w%3
		if w >= 60 {
			sig[w] += 4 // a shift late on, in the part drawn
		}
	}
	s := summarise(t, datasetOf(t, weeklyShareFrom(t, time.Date(2024, 12, 30, 0, 0, 0, 0, time.UTC), of, sig)), Options{By: Week})
	early := Change{Date: time.Date(2025, 2, 5, 0, 0, 0, 0, time.UTC), Label: "Early clinic", Asked: true}
	late := Change{Date: time.Date(2026, 6, 3, 0, 0, 0, 0, time.UTC), Label: "Text reminders", Asked: true}
	opts := ChartOptions{Changes: []Change{early, late}}
	type chart interface{ Write(io.Writer, int) error }
	charts := map[string]func() (chart, error){
		"run": func() (chart, error) { return s.Chart("band.access/significant", opts) },
		"xmr": func() (chart, error) { return s.SPC("assessed", MethodXmR, opts) },
		"p":   func() (chart, error) { return s.SPC("band.access/significant", MethodP, opts) },
	}
	for name, make := range charts {
		ch, err := make()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, width := range []int{40, 60, 80} {
			var b bytes.Buffer
			if err := ch.Write(&b, width); err != nil {
				t.Fatal(err)
			}
			out := ansi.Strip(b.String())
			flat := oneLine(out)
			if !strings.Contains(flat, fmt.Sprintf("of %d periods", weeks)) || !strings.Contains(flat, "--format html") {
				t.Errorf("%s at %d: no word of the weeks left out of the drawing, or where to see them:\n%s", name, width, out)
			}
			if !strings.Contains(flat, "Change 1: 2025-02-05, Early clinic") || !strings.Contains(out, "\n2026-08-24 ") {
				t.Errorf("%s at %d: a change or the last week lost from the words or the table:\n%s", name, width, out)
			}
			table := strings.Index(out, "\nPeriod ")
			for _, l := range strings.Split(out, "\n") {
				if w := ansi.StringWidth(l); w > width && (width >= 60 || strings.Index(out, l) < table) {
					t.Errorf("%s: %d columns at %d: %q", name, w, width, l)
				}
			}
		}
	}
}
