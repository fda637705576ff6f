package report

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

// rolloutInputs: Ward 7 and Community North, each an input of its own
// with twenty assessments a month from January to June; extra adds
// further inputs, each of its team's assessments on the days given.
func rolloutInputs(t *testing.T, extra map[string][]string) *Inputs {
	t.Helper()
	in := &Inputs{}
	n := 0
	add := func(source, team, day string) {
		n++
		r := fixture{n: n, day: day, team: team}.record(t)
		if err := in.AddRecord(&r, source); err != nil {
			t.Fatal(err)
		}
	}
	for _, team := range []string{"Ward 7", "Community North"} {
		for m := 1; m <= 6; m++ {
			for d := 1; d <= 20; d++ {
				add(team+".csv", team, fmt.Sprintf("2026-%02d-%02d", m, d))
			}
		}
	}
	for team, days := range extra {
		for _, day := range days {
			add(team+".csv", team, day)
		}
	}
	return in
}

// daysOf is count assessments a month, from the 1st, in each month given.
func daysOf(count int, months ...int) []string {
	var out []string
	for _, m := range months {
		for d := 1; d <= count; d++ {
			out = append(out, fmt.Sprintf("2026-%02d-%02d", m, d))
		}
	}
	return out
}

// wholeChart checks that no period of s is partial and that the run
// chart and the SPC chart of the number assessed keep their centre line
// and limits, worked out from every month.
func wholeChart(t *testing.T, s *Summary) {
	t.Helper()
	for k, p := range s.Periods {
		if s.partial(k) {
			t.Errorf("%s is partial (%s): every month January to June is whole", p.Label, s.partialWhy(k))
		}
	}
	ch, err := s.Chart(MeasureAssessed, ChartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if ch.Withdrawn || len(ch.Segments) == 0 || ch.Segments[0].Baseline != 6 || math.IsNaN(ch.Median) {
		t.Errorf("the run chart's median is of %v points (withdrawn %v, median %v), want all 6 months:\n%s", baselineOf(ch.Segments), ch.Withdrawn, ch.Median, ch.Note)
	}
	spc, err := s.SPC(MeasureAssessed, MethodXmR, ChartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if spc.Withdrawn || math.IsNaN(spc.Upper[0]) {
		t.Errorf("the SPC chart has no limits for January (withdrawn %v):\n%s", spc.Withdrawn, spc.Note)
	}
}

func baselineOf(sg []Segment) int {
	if len(sg) == 0 {
		return 0
	}
	return sg[0].Baseline
}

// TestATeamWhoseDataStartLaterLeavesTheMonthsBeforeItWholeAndTheChartKeepsItsMedian:
// Falls Clinic joins in May, as teams do over a roll-out, and its
// export holds May and June. January to April were marked partial for
// the whole trust ("not covered by c3.csv, whose data start after it"),
// drawn hollow and left out of the median, which came from two points,
// and of the SPC limits. They are whole months: the team had none then.
func TestATeamWhoseDataStartLaterLeavesTheMonthsBeforeItWholeAndTheChartKeepsItsMedian(t *testing.T) {
	for _, exact := range []bool{true, false} {
		t.Run(fmt.Sprint("exact ", exact), func(t *testing.T) {
			in := rolloutInputs(t, map[string][]string{"Falls Clinic": daysOf(20, 5, 6)})
			wholeChart(t, summarise(t, in, Options{By: Month, Exact: exact}))
		})
	}
}

// TestASmallTeamsFileOfOneMonthLeavesEveryOtherMonthWhole: a team with
// one patient in March, in a file of its own, made January and February
// ("whose data start after it") and April to June ("whose data end
// before it") partial: every month of the trust, and the run chart said
// "0 of 0 points are shown (* is hidden by disclosure control)" under six
// points drawn. Every month is whole, and the team is still left out of
// every count as too few over the span.
func TestASmallTeamsFileOfOneMonthLeavesEveryOtherMonthWhole(t *testing.T) {
	for _, exact := range []bool{true, false} {
		t.Run(fmt.Sprint("exact ", exact), func(t *testing.T) {
			in := rolloutInputs(t, map[string][]string{"Tiny Team": {"2026-03-10"}})
			s := summarise(t, in, Options{By: Month, Exact: exact})
			wholeChart(t, s)
			if !exact && !strings.Contains(s.LeftOutNote(), "Tiny Team") {
				t.Errorf("Tiny Team is not left out as too few: %q", s.LeftOutNote())
			}
		})
	}
}

// TestAnExportWhoseDataEndSoonerButThatWasWrittenAfterLeavesTheMonthsAfterWhole:
// District nurses' export holds January to April and was written in
// July: the team had no assessments in May and June (it stopped, or
// passed its patients on), and those months are whole. Written on 1 May,
// the same file leaves May and June partial, naming it.
func TestAnExportWhoseDataEndSoonerButThatWasWrittenAfterLeavesTheMonthsAfterWhole(t *testing.T) {
	for _, c := range []struct {
		written time.Time
		partial bool
	}{
		{time.Date(2026, 7, 2, 9, 0, 0, 0, time.UTC), false},
		{time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC), true},
	} {
		in := twoTeamsInputs(t, "District nurses")
		writtenAt(in, "district.csv", c.written)
		s := summarise(t, in, Options{By: Month, Exact: true})
		for k, p := range s.Periods {
			want := c.partial && (p.Label == "2026-05" || p.Label == "2026-06")
			if s.partial(k) != want {
				t.Errorf("written %s: %s partial %v (%q), want %v", c.written.Format(time.DateOnly), p.Label, s.partial(k), s.partialWhy(k), want)
			}
			if want && s.partialWhy(k) != "not covered by district.csv, written before it ended" {
				t.Errorf("written %s: %s is partial for %q", c.written.Format(time.DateOnly), p.Label, s.partialWhy(k))
			}
		}
	}
}

// TestExportsEachWrittenBeforeTheLastMonthEndedLeaveItNotOverYet: read
// together, two exports both written on 20 June leave June partial as
// not over yet, as one would, and name neither as not covering it; one of
// them written on 1 July names the other.
func TestExportsEachWrittenBeforeTheLastMonthEndedLeaveItNotOverYet(t *testing.T) {
	in := rolloutInputs(t, nil)
	early := time.Date(2026, 6, 20, 17, 0, 0, 0, time.UTC)
	writtenAt(in, "Ward 7.csv", early)
	writtenAt(in, "Community North.csv", early)
	s := summarise(t, in, Options{By: Month, Exact: true})
	last := len(s.Periods) - 1
	if got := s.partialWhy(last); got != "not over yet" {
		t.Errorf("June is partial for %q, want not over yet", got)
	}
	writtenAt(in, "Ward 7.csv", time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC))
	s = summarise(t, in, Options{By: Month, Exact: true})
	if got := s.partialWhy(last); got != "not covered by Community North.csv, written before it ended" {
		t.Errorf("June is partial for %q, want not covered by Community North.csv", got)
	}
	for k := range last {
		if s.partial(k) {
			t.Errorf("%s is partial (%s)", s.Periods[k].Label, s.partialWhy(k))
		}
	}
}

// TestAChartOfPartialPeriodsOnlySaysSoAndDrawsNoCentreLine: data that
// start on 15 January, read on 10 February, give two points, both of part
// of a month. The chart said "0 of 0 points are shown (* is hidden by
// disclosure control)" under two points drawn, none hidden, and with
// --exact drew a median of 0. It now says that no point is of a whole
// month, and draws no median, mean or limits, exact or not.
func TestAChartOfPartialPeriodsOnlySaysSoAndDrawsNoCentreLine(t *testing.T) {
	next := 0
	var rs = bulk(t, &next, 30, fixture{day: "2026-01-15"})
	rs = append(rs, bulk(t, &next, 30, fixture{day: "2026-02-05"})...)
	for _, exact := range []bool{true, false} {
		s := summarise(t, datasetOf(t, rs), Options{By: Month, Exact: exact, ReadAt: time.Date(2026, 2, 10, 9, 0, 0, 0, time.UTC)})
		ch, err := s.Chart(MeasureAssessed, ChartOptions{})
		if err != nil {
			t.Fatal(err)
		}
		spc, err := s.SPC(MeasureAssessed, MethodXmR, ChartOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var run, lim strings.Builder
		if err := ch.Write(&run, 80); err != nil {
			t.Fatal(err)
		}
		if err := spc.Write(&lim, 80); err != nil {
			t.Fatal(err)
		}
		for name, out := range map[string]string{"run chart": run.String(), "SPC": lim.String()} {
			text := oneLine(out)
			if strings.Contains(text, "points are shown") || strings.Contains(text, "hidden by disclosure control") {
				t.Errorf("exact %v: the %s says points are hidden, of two shown:\n%s", exact, name, out)
			}
			if !strings.Contains(text, "No point is of a whole month") {
				t.Errorf("exact %v: the %s does not say no point is of a whole month:\n%s", exact, name, out)
			}
		}
		if !math.IsNaN(ch.Median) || !math.IsNaN(spc.Mean[0]) || !math.IsNaN(spc.Upper[1]) {
			t.Errorf("exact %v: median %v, mean %v, upper limit %v drawn from no whole month", exact, ch.Median, spc.Mean[0], spc.Upper[1])
		}
	}
}
