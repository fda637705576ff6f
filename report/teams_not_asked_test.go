package report

import (
	"html"
	"strings"
	"testing"
	"time"
)

// A summary of some teams (--team) of inputs that hold other teams'
// assessments over the span is "all teams but those": published beside a
// summary of all teams (or of another set of teams) for the same span,
// what differs between the two gives away the answers of the patients of
// the teams left out, one patient's where a breakdown row holds one of
// theirs (docs/disclosure.md, "What it does not protect against"). The
// summary said nothing of it in any format. Every format now says that
// it must not be published beside one of all teams, or of other sets of
// teams, for the same span. A team's own summary beside others is what
// docs/disclosure.md says to publish, and says nothing of it, unless it
// is itself all teams but one; nor does a summary that leaves out no team
// with assessments in the inputs (all of them asked for, or no --team).
func TestASummaryOfSomeTeamsSaysItMustNotBePublishedBesideAllTeams(t *testing.T) {
	var two, three []fixture
	for n := 1; n <= 100; n++ {
		team := []string{"Ward A", "Ward B", "Ward C"}[n%3]
		f := fixture{n: n, day: "2026-01-05", team: team, patient: "P" + string(rune('A'+n%26)) + string(rune('A'+n/26))}
		three = append(three, f)
		if team != "Ward C" {
			two = append(two, f)
		}
	}
	d2, d3 := datasetOf(t, records(t, two)), datasetOf(t, records(t, three))
	for _, c := range []struct {
		name  string
		d     *Inputs
		teams []string
		exact bool
		warns bool
	}{
		{"one team of two", d2, []string{"Ward A"}, false, true},
		{"one team of two, exact", d2, []string{"Ward A"}, true, true},
		{"two teams of three", d3, []string{"Ward A", "Ward B"}, false, true},
		{"a team's own summary, of three", d3, []string{"Ward A"}, false, false},
		{"every team asked for", d3, []string{"Ward A", "Ward B", "Ward C"}, false, false},
		{"no --team", d3, nil, false, false},
	} {
		s := summarise(t, c.d, Options{By: Month, Exact: c.exact, Teams: c.teams, Location: time.UTC})
		for format, out := range publishedIn(t, s) {
			out = html.UnescapeString(out)
			says := strings.Contains(out, "must not be published beside a summary of all teams")
			if says != c.warns {
				t.Errorf("%s, %s: says it must not be published beside all teams: %v, want %v:\n%.3000s", c.name, format, says, c.warns, out)
			}
		}
	}
}
