package report

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// A run or SPC chart drawn as text began "Run chart: Assessments, by
// month" whatever it counted: `summary --team "Ward A" --chart assessed`
// named no team and read as every team's chart, and carried none of the
// notes the summary carries on what it counts — the synthetic-data
// banner, a team that prints like the one asked for and is not counted,
// that a summary of some teams must not be published beside all teams',
// teams left out as too few over the span. Each chart now says which
// teams it counts and carries those notes.
func TestAChartSaysWhichTeamsItCountsAndTheSummarysNotesOnThem(t *testing.T) {
	months := func(teams map[string]int, synthetic bool) []fixture {
		var fs []fixture
		n := 0
		for m := range 6 {
			day := time.Date(2025, time.January+time.Month(m), 3, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
			for team, each := range teams {
				if team == "Ward C" && m > 0 {
					continue // 3 in all: too few over the span to show
				}
				for range each {
					n++
					fs = append(fs, fixture{n: n, day: day, team: team, synthetic: synthetic, patient: "P" + strings.Repeat("x", n%7) + string(rune('A'+n%26)) + string(rune('A'+n/26%26))})
				}
			}
		}
		return fs
	}
	opts := Options{By: Month, Location: time.UTC, From: day(t, "2025-01-01"), To: day(t, "2025-06-30")}
	asked := opts
	asked.Teams = []string{"Ward A"}
	for _, c := range []struct {
		name string
		s    *Summary
		says []string
	}{
		{"--team Ward A, beside Ward \u0410 (Cyrillic), synthetic",
			summarise(t, datasetOf(t, records(t, months(map[string]int{"Ward A": 20, "Ward \u0410": 15}, true))), asked),
			[]string{"Teams: Ward A.", SyntheticBanner, "print like a team asked for", "U+0410 Cyrillic", "must not be published beside a summary of all teams"}},
		{"all teams, Ward C too few",
			summarise(t, datasetOf(t, records(t, months(map[string]int{"Ward A": 20, "Ward B": 15, "Ward C": 3}, false))), opts),
			[]string{"All teams.", "Not counted anywhere in this summary: the assessments of Ward C"}},
	} {
		var run, spc bytes.Buffer
		ch, err := c.s.Chart("assessed", ChartOptions{})
		if err != nil {
			t.Fatalf("%s: chart: %v", c.name, err)
		}
		if err := ch.Write(&run, 200); err != nil {
			t.Fatal(err)
		}
		sp, err := c.s.SPC("assessed", MethodXmR, ChartOptions{})
		if err != nil {
			t.Fatalf("%s: SPC: %v", c.name, err)
		}
		if err := sp.Write(&spc, 200); err != nil {
			t.Fatal(err)
		}
		for kind, out := range map[string]string{"run chart": run.String(), "SPC chart": spc.String()} {
			flat := strings.Join(strings.Fields(out), " ")
			for _, want := range c.says {
				if !strings.Contains(flat, want) {
					t.Errorf("%s, %s: does not say %q:\n%s", c.name, kind, want, out)
				}
			}
		}
	}
}
