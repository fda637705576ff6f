package report

import (
	"fmt"
	"html"
	"slices"
	"strings"
	"testing"
	"time"
)

// A summary of some teams (--team) that left out a small team that rule
// 10 counts (10 to about 24 assessments over the span) said nothing of
// it: the note that it must not be published beside a summary of all
// teams came only from about 25 assessments (the counts of the teams not
// asked for were one worker's, about half of each team's), though the
// pair gave away the categories of the small team's patients, one
// patient's where a row held one of theirs. A team left out by --team
// that a summary of all teams counts now brings the note in every format
// and is named (Summary.TeamsNotAsked, which standard error prints),
// whatever its size: as a summary of every team but the small one, and as
// the team's own summary of inputs holding just the small one besides. A
// team of 9, which rule 10 leaves out of a summary of all teams too, is
// in neither summary, and the pair is the same (TestATeamLeftOutLaysOut
// NoRowOfItsOwn): it brings no note.
func TestASmallCountedTeamLeftOutByTeamBringsTheNote(t *testing.T) {
	for _, small := range []int{9, 10, 19, 20, 24, 25} {
		var fs []fixture
		for n := 1; n <= 60; n++ {
			fs = append(fs, fixture{n: n, day: fmt.Sprintf("2026-03-%02d", 1+n%28), team: []string{"Ward A", "Ward B"}[n%2], patient: fmt.Sprintf("PB%03d", n)})
		}
		var one []fixture
		for _, f := range fs {
			if f.team == "Ward A" {
				one = append(one, f)
			}
		}
		var tiny []fixture
		for i := range small {
			tiny = append(tiny, fixture{n: 1000 + i, day: fmt.Sprintf("2026-03-%02d", 1+i%28), team: "Tiny Team", patient: fmt.Sprintf("PT%03d", i)})
		}
		want := small >= 10 // rule 10, with the defaults
		for _, c := range []struct {
			name  string
			fs    []fixture
			teams []string
		}{
			{"every team but the small one", append(slices.Clone(fs), tiny...), []string{"Ward A", "Ward B"}},
			{"one team of inputs holding just the small one besides", append(slices.Clone(one), tiny...), []string{"Ward A"}},
		} {
			d := datasetOf(t, records(t, c.fs))
			s := summarise(t, d, Options{By: Month, Teams: c.teams, Location: time.UTC,
				From: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)})
			if named := slices.Equal(s.TeamsNotAsked, []string{"Tiny Team"}); named != want || (!want && len(s.TeamsNotAsked) > 0) {
				t.Errorf("%d assessments of Tiny Team, %s: teams named as left out %q, want Tiny Team named: %v", small, c.name, s.TeamsNotAsked, want)
			}
			for format, out := range publishedIn(t, s) {
				says := strings.Contains(oneLine(html.UnescapeString(out)), "must not be published beside a summary of all teams")
				if says != want {
					t.Errorf("%d assessments of Tiny Team, %s: the %s output says it must not be published beside a summary of all teams: %v, want %v", small, c.name, format, says, want)
				}
			}
		}
	}
}
