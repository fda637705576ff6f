package report

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// summariseTwoPasses is Summarise as it was made before rule 10 was
// decided in the one pass (91db2c2): the inputs counted, then counted
// again by the grid's period when --by is coarser, the teams' periods too
// few to show decided on that, and, when they held any assessment, the
// inputs counted a last time without them. The one pass must give what
// it gave, byte for byte.
func summariseTwoPasses(in *Inputs, o Options) (*Summary, error) {
	if o.Unreadable == nil {
		o.Unreadable = in.Unreadable
	}
	if o.Instruments == nil {
		o.Instruments = in.Instruments
	}
	if err := in.mixedIDs(); err != nil {
		return nil, err
	}
	if err := in.unmatchable(); err != nil {
		return nil, err
	}
	plain := o
	plain.leftOut = teamsOut{} // counted as read: nothing decided
	s, err := in.count(plain)
	if err != nil || o.Exact {
		return s, err
	}
	// The teams a summary counted as read lays out: the span's, or
	// those named with --team.
	var teams []string
	for _, c := range s.Cells {
		if c.Period == All && c.Breakdown == BreakdownTeam && c.Measure == MeasureAssessed {
			teams = append(teams, c.Group)
		}
	}
	grid := s
	if by := gridPeriod(o.By); by != o.By {
		g := plain
		g.By = by
		grid, err = in.count(g)
	}
	if err == nil {
		out, counted := grid.smallTeams()
		if counted {
			o.leftOut = out
			s, err = in.count(o)
		}
		if s != nil && err == nil {
			s.leaveOut(out, grid.By, grid.Periods, teams)
		}
	}
	return s, err
}

// rendered is a summary in every format digicheck summary writes it in,
// the run charts included, into w; made stands for the time it was
// made, which the board report prints.
func rendered(w io.Writer, s *Summary, err error, made time.Time) {
	if err != nil {
		fmt.Fprintf(w, "error: %v\n", err)
		return
	}
	s.made = made
	write := func(name string, err error) {
		if err != nil {
			fmt.Fprintf(w, "\n%s: error: %v\n", name, err)
		}
		fmt.Fprintf(w, "\n==== %s\n", name)
	}
	write("table", s.WriteTableWidth(w, nil, 100))
	write("csv", s.WriteCSV(w))
	write("json", s.WriteJSON(w))
	write("markdown", s.WriteMarkdown(w, nil))
	write("html", s.WriteHTML(w, HTMLOptions{SiteName: "Test site", Produced: made, ToolVersion: "test"}))
	for _, measure := range []string{"assessed", "band.access"} {
		if ch, err := s.Chart(measure, ChartOptions{}); err != nil {
			write("chart "+measure, err)
		} else {
			write("chart "+measure, ch.Write(w, 80))
		}
	}
	if ch, err := s.SPC("assessed", "", ChartOptions{}); err != nil {
		write("spc", err)
	} else {
		write("spc", ch.Write(w, 80))
	}
}

// renderedSum is a hash of rendered: the outputs of a summary run to
// megabytes, and many are compared.
func renderedSum(s *Summary, err error, made time.Time) uint64 {
	var h maphash.Hash
	h.SetSeed(renderSeed)
	rendered(&h, s, err, made)
	return h.Sum64()
}

var renderSeed = maphash.MakeSeed()

// firstDiffering is the line where a and b first differ, with its
// number, for a failure to show.
func firstDiffering(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range max(len(la), len(lb)) {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n  one pass:   %q\n  two passes: %q", i+1, x, y)
		}
	}
	return "none"
}

// synthesised is a store of count synthetic records spread over [from,
// to), all of team when one is given.
func synthesised(t *testing.T, count int, seed uint64, team string, from, to time.Time) *store.Store {
	t.Helper()
	st := storeOf(t, nil)
	if _, err := Synthesise(st, SyntheticOptions{Count: count, Seed: seed, Team: team, From: from, To: to}); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestOnePassSummariesAreByteForByteTheSummariesThatCountedAgainWithoutWhatRule10LeftOut:
// rule 10 leaves a team out of each month (or week) in which it has too
// few assessments to show, and out of every count when it has too few
// over the span. The summary found those by counting everything, and,
// when they held any assessment, counted everything again without them
// (by quarter and financial year, a third time: the decision is the
// months'). It now counts once, holding back the rows of each team's
// months until there are too many for the month ever to be left out,
// and leaves out the rows held of the months left out at the end. Every
// output is what the passes gave, byte for byte: the table, CSV, JSON,
// Markdown, the board report and the run charts, by week, month, quarter
// and financial year, over a span given and an open one ending in the
// months of a quarter not ended, for every team, some (--team) and
// exact, from one store, several, and NDJSON and CSV exports beside
// them; with teams left out of months, of every count, and none.
func TestOnePassSummariesAreByteForByteTheSummariesThatCountedAgainWithoutWhatRule10LeftOut(t *testing.T) {
	testkit.Bulk(t)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	// 2025: Dental has plenty in January, February and May, one patient
	// in March, seven in June; Tiny three in April, too few over the span.
	big := synthesised(t, 600, 41, "", day(2025, 1, 1), day(2025, 6, 30).Add(20*time.Hour))
	dental := synthesised(t, 40, 51, "Dental", day(2025, 1, 1), day(2025, 2, 21))
	synthesiseInto(t, dental, 40, 52, "Dental", day(2025, 5, 3), day(2025, 5, 26))
	// Seven in June: fewer than the control shows, whatever its key
	// rounds them to, so left out of June.
	synthesiseInto(t, dental, 7, 55, "Dental", day(2025, 6, 3), day(2025, 6, 20))
	march := synthesised(t, 1, 53, "Dental", day(2025, 3, 15), day(2025, 3, 15).Add(time.Hour))
	tiny := synthesised(t, 3, 54, "Tiny", day(2025, 4, 2), day(2025, 4, 20))
	// Up to last month: Dental quiet in the last month, and Tiny too few,
	// in the months a summary by quarter or year with no --to stops
	// before, but its months count.
	now := time.Now().In(time.UTC)
	thisMonth := day(now.Year(), now.Month(), 1)
	lastMonth := thisMonth.AddDate(0, -1, 0)
	recent := synthesised(t, 500, 61, "", thisMonth.AddDate(-1, -2, 0), thisMonth.Add(-time.Hour))
	recentDental := synthesised(t, 60, 62, "Dental", thisMonth.AddDate(0, -6, 0), lastMonth.Add(-time.Hour))
	synthesiseInto(t, recentDental, 2, 63, "Dental", lastMonth.AddDate(0, 0, 3), lastMonth.AddDate(0, 0, 9))
	recentTiny := synthesised(t, 4, 64, "Tiny", lastMonth.AddDate(0, -4, 0), lastMonth.AddDate(0, 0, 20))

	// Real data: Ward 7 has plenty; Odd Team two assessments and one
	// dated 0001-01-01, skipped for its date and named. Odd Team is left
	// out of every count, and the pass without it did not name its
	// skipped record: that summary is still counted twice.
	var fixtures []fixture
	for i := range 40 {
		fixtures = append(fixtures, fixture{n: 1 + i, day: fmt.Sprintf("2026-01-%02d", 1+i%28), team: "Ward 7"})
	}
	fixtures = append(fixtures, fixture{n: 50, day: "2026-01-05", team: "Odd Team"}, fixture{n: 51, day: "2026-02-05", team: "Odd Team"},
		fixture{n: 52, day: "0001-01-01", team: "Odd Team"})
	var odd []record.Record
	for _, f := range fixtures {
		odd = append(odd, f.record(t))
	}

	type inputs struct {
		name  string
		make  func(t *testing.T) *Inputs
		loc   *time.Location
		by    []By
		open  bool       // an open span only
		teams [][]string // each --team list; "exact" for --exact
	}
	dated := [][]string{nil, {"Dental"}, {"Dental", "Synthetic outpatients"}, {"exact"}}
	stores := func(sts ...*store.Store) func(t *testing.T) *Inputs {
		return func(t *testing.T) *Inputs {
			in := &Inputs{}
			for _, st := range sts {
				if err := in.AddStore(st); err != nil {
					t.Fatal(err)
				}
			}
			return in
		}
	}
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	sets := []inputs{
		{"one store", stores(big), time.UTC, []By{Month, Quarter}, false, [][]string{nil, {"exact"}}},
		{"four stores", stores(big, dental, march, tiny), time.UTC, []By{Week, Month, Quarter, FY}, false, dated},
		{"a store and exports", func(t *testing.T) *Inputs {
			in := stores(big, tiny)(t)
			addExport(t, in, identifiable(t, dental, FormatNDJSON), "dental.ndjson", FormatNDJSON)
			addExport(t, in, identifiable(t, march, FormatCSV), "march.csv", FormatCSV)
			return in
		}, time.UTC, []By{Week, Month, Quarter, FY}, false, dated},
		{"up to last month", stores(recent, recentDental, recentTiny), london, []By{Month, Quarter, FY}, true, [][]string{nil, {"Dental"}, {"exact"}}},
		{"real, a record skipped for its date", func(t *testing.T) *Inputs {
			in := &Inputs{}
			if err := in.AddNDJSON(strings.NewReader(ndjsonOf(t, odd)), "odd.ndjson"); err != nil {
				t.Fatal(err)
			}
			return in
		}, time.UTC, []By{Month, Quarter}, true, [][]string{nil, {"Ward 7"}}},
	}
	type span struct{ from, to time.Time }
	spans := map[By][]span{
		Week:    {{day(2024, 12, 30), day(2025, 7, 6)}},
		Month:   {{}, {day(2024, 4, 1), day(2026, 3, 31)}},
		Quarter: {{}, {day(2024, 4, 1), day(2026, 3, 31)}},
		FY:      {{}, {day(2024, 4, 1), day(2026, 3, 31)}},
	}
	made := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	var summaries, leftOutIn, leftOut, twice int
	for _, set := range sets {
		for _, by := range set.by {
			for _, sp := range spans[by] {
				if set.open && !sp.from.IsZero() {
					continue
				}
				for _, teams := range set.teams {
					o := Options{By: by, From: sp.from, To: sp.to, Location: set.loc, Teams: teams}
					if len(teams) == 1 && teams[0] == "exact" {
						o.Teams, o.Exact = nil, true
					}
					name := fmt.Sprintf("%s, by %s from %s, teams %q, exact %v", set.name, by, sp.from.Format(time.DateOnly), o.Teams, o.Exact)
					in := set.make(t)
					s, err := in.Summarise(o)
					reads := 0
					for _, x := range in.list {
						reads = max(reads, x.reads)
					}
					in = set.make(t)
					s2, err2 := summariseTwoPasses(in, o)
					// The summaries alike, field for field, write alike;
					// each format is written and compared too, of every
					// team over the open span in each set and period.
					if s != nil && s2 != nil {
						s.made, s.readAt = s2.made, s2.readAt
					}
					alike := reflect.DeepEqual(s, s2) && fmt.Sprint(err) == fmt.Sprint(err2)
					if !alike {
						t.Errorf("%s: the one pass's summary differs from the passes' (%v, %v) in %s", name, err, err2, differingFields(s, s2))
					}
					if (len(o.Teams) == 0 && !o.Exact && (sp.from.IsZero() || by == Week) || !alike) && renderedSum(s, err, made) != renderedSum(s2, err2, made) {
						var one, two strings.Builder
						rendered(&one, s, err, made)
						rendered(&two, s2, err2, made)
						t.Errorf("%s: the one pass writes otherwise than the passes, first at %s", name, firstDiffering(one.String(), two.String()))
						continue
					}
					if err != nil {
						continue
					}
					summaries++
					if len(s.TeamsLeftOutIn) > 0 {
						leftOutIn++
					}
					if len(s.TeamsLeftOut) > 0 {
						leftOut++
					}
					if reads > 1 {
						twice++
						if !strings.Contains(set.name, "skipped") {
							t.Errorf("%s: the facts were read %d times", name, reads)
						}
					}
				}
			}
		}
	}
	t.Logf("%d summaries alike: %d leave a team out of some period, %d a team out of every count; %d read twice", summaries, leftOutIn, leftOut, twice)
	if leftOutIn < 10 || leftOut < 10 || twice == 0 {
		t.Errorf("the premise: many summaries leave a team out of a period (%d) and out of every count (%d), and one with a record skipped for its date is counted twice (%d)", leftOutIn, leftOut, twice)
	}
}

// synthesiseInto adds count synthetic records of team over [from, to) to
// st.
func synthesiseInto(t *testing.T, st *store.Store, count int, seed uint64, team string, from, to time.Time) {
	t.Helper()
	if _, err := Synthesise(st, SyntheticOptions{Count: count, Seed: seed, Team: team, From: from, To: to}); err != nil {
		t.Fatal(err)
	}
}

// TestASummaryThatLeavesATeamOutOfAMonthReadsEachInputsFactsOnce: a team
// with a quiet month is common, and a summary that left any team out of
// any period read the data twice (a first pass to find the small teams'
// months, a second to count without them), by quarter or financial year
// three times: a million assessments could not be summarised within the
// budget. Each input's facts are now read once, whatever is left out.
func TestASummaryThatLeavesATeamOutOfAMonthReadsEachInputsFactsOnce(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	big := synthesised(t, 400, 41, "", day(2025, 1, 1), day(2025, 6, 30))
	// Dental has 10 or more in each week of January and February (a team
	// with fewer in every week is left out of every count), one patient
	// in March.
	dental := synthesised(t, 120, 51, "Dental", day(2025, 1, 1), day(2025, 2, 21))
	march := synthesised(t, 1, 53, "Dental", day(2025, 3, 15), day(2025, 3, 15).Add(time.Hour))
	for _, by := range []By{Week, Month, Quarter, FY} {
		in := &Inputs{}
		for _, st := range []*store.Store{big, dental} {
			if err := in.AddStore(st); err != nil {
				t.Fatal(err)
			}
		}
		addExport(t, in, identifiable(t, march, FormatNDJSON), "march.ndjson", FormatNDJSON)
		s, err := in.Summarise(Options{By: by, Location: time.UTC})
		if err != nil {
			t.Fatal(err)
		}
		if len(s.TeamsLeftOutIn) == 0 {
			t.Fatalf("by %s, the premise: a team is left out of a period", by)
		}
		for _, x := range in.list {
			if x.reads != 1 {
				t.Errorf("by %s: the facts of %s were read %d times, not once", by, x.src.Name, x.reads)
			}
		}
	}
}

// identifiable is st's identifiable export in format, which a summary
// reads beside the store.
func identifiable(t *testing.T, st *store.Store, format string) *bytes.Reader {
	t.Helper()
	var b bytes.Buffer
	o := ExportOptions{Identifiable: true, Location: time.UTC, Made: exportsMade}
	var err error
	if format == FormatCSV {
		_, err = ExportCSV(&b, st, o)
	} else {
		_, err = ExportNDJSON(&b, st, o)
	}
	if err != nil {
		t.Fatal(err)
	}
	return bytes.NewReader(b.Bytes())
}

// differingFields names the fields in which two summaries differ.
func differingFields(a, b *Summary) string {
	if a == nil || b == nil {
		return fmt.Sprintf("one is nil (%v, %v)", a == nil, b == nil)
	}
	va, vb := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
	var out []string
	for i := range va.NumField() {
		f := va.Type().Field(i)
		if fmt.Sprint(va.Field(i)) != fmt.Sprint(vb.Field(i)) {
			out = append(out, f.Name)
		}
	}
	return strings.Join(out, ", ")
}

// smallTeams is gridTeams.smallTeams on a summary counted whole, as the
// two passes decided rule 10: the teams' periods too few to show.
func (s *Summary) smallTeams() (out teamsOut, counted bool) {
	g := &gridTeams{by: s.By, loc: s.loc, periods: s.Periods, total: map[string]int{}, counts: s.teamPeriods, names: s.teamNames}
	for _, c := range s.Cells {
		if c.Period == All && c.Breakdown == BreakdownTeam && c.Measure == MeasureAssessed {
			g.rows = append(g.rows, c.Group)
			g.total[c.Group] = c.Count
		}
	}
	return g.smallTeams(s.Disclosure)
}
