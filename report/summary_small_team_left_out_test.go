package report

import (
	"slices"
	"strings"
	"testing"
	"time"

	"digicheck/store"
)

// TestAllTeamsBesideAllButASmallTeamDoNotDescribeItsPatient: a QI lead
// publishes the trust's summary, then the same without one team (its
// store left out, or the other teams named with --team). A team with one
// patient over the span had its own row hidden, yet every count that
// differed between the two was a category of that patient. A team too
// few to show over the span is now left out of every count, and both
// summaries say so, so they are the same cell for cell; a team hidden
// only for a month with too few (rule 8) is still counted.
func TestAllTeamsBesideAllButASmallTeamDoNotDescribeItsPatient(t *testing.T) {
	from, to := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC)
	big := storeOf(t, nil)
	if _, err := Synthesise(big, SyntheticOptions{Count: 900, Seed: 21, From: from, To: to.Add(20 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	// A team whose data start in February: its January is empty, so
	// rule 8 hides its row, but over the span it has plenty to show.
	late := storeOf(t, nil)
	if _, err := Synthesise(late, SyntheticOptions{Count: 120, Seed: 22, Team: "Late Team", From: from.AddDate(0, 1, 0), To: to.Add(20 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	tiny := storeOf(t, nil)
	if _, err := Synthesise(tiny, SyntheticOptions{Count: 1, Seed: 23, Team: "Tiny Clinic", From: from.AddDate(0, 1, 9), To: from.AddDate(0, 1, 9).Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	o := Options{Location: time.UTC, From: from, To: to}
	sum := func(o Options, sts ...*store.Store) *Summary {
		t.Helper()
		in := &Inputs{}
		for _, st := range sts {
			if err := in.AddStore(st); err != nil {
				t.Fatal(err)
			}
		}
		s, err := in.Summarise(o)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	all := sum(o, big, late, tiny)
	butTiny := sum(o, big, late)
	var others []string
	for _, c := range all.Cells {
		if c.Period == All && c.Breakdown == BreakdownTeam && c.Measure == MeasureAssessed && c.Group != "Tiny Clinic" {
			others = append(others, c.Group)
		}
	}
	named := o
	named.Teams = others
	byName := sum(named, big, late, tiny)

	if !slices.Contains(all.TeamsLeftOut, "Tiny Clinic") || !strings.Contains(strings.Join(all.Notes(), " "), "Tiny Clinic") {
		t.Errorf("all teams: left out %q, notes %q; want Tiny Clinic named", all.TeamsLeftOut, all.Notes())
	}
	if slices.Contains(all.TeamsLeftOut, "Late Team") || len(all.TeamsLeftOut) != 1 {
		t.Errorf("left out %q: only Tiny Clinic is too few over the span", all.TeamsLeftOut)
	}
	for _, pair := range []struct {
		name string
		b    *Summary
	}{{"all teams but Tiny Clinic's store", butTiny}, {"--team for every other team", byName}} {
		ac, bc := cells(all), cells(pair.b)
		differ, shown := 0, 0
		for k, i := range ac {
			if strings.Contains(k, "Tiny Clinic") {
				continue // its own row: laid out only where its records are read
			}
			j, ok := bc[k]
			if !ok {
				t.Errorf("%s: no cell %s", pair.name, k)
				continue
			}
			if !all.Cells[i].Suppressed {
				shown++
			}
			if all.Value(i) != pair.b.Value(j) {
				if differ < 5 {
					t.Errorf("%s: %s is %s with Tiny Clinic's patient read, %s without", pair.name, k, all.Value(i), pair.b.Value(j))
				}
				differ++
			}
		}
		if differ > 0 {
			t.Errorf("%s: %d of %d cells differ from all teams'", pair.name, differ, len(ac))
		}
		if shown < 500 {
			t.Errorf("%s: only %d cells shown", pair.name, shown)
		}
	}
	// The late team is counted: its patients are in the totals.
	n := func(s *Summary) int {
		for _, c := range s.Cells {
			if c.Period == All && c.Breakdown == All && c.Measure == MeasureAssessed {
				return c.Count
			}
		}
		return -1
	}
	if withLate, without := n(all), n(sum(o, big)); withLate <= without {
		t.Errorf("assessed %d with Late Team's store, %d without: the late team is not counted", withLate, without)
	}
}
