package report

import (
	"slices"
	"strings"
	"testing"
	"time"

	"digicheck/store"
)

// TestAMonthWithOnePatientOfATeamDoesNotDescribeThatPatient: a QI lead
// publishes the trust's summary by month, then the same without one team
// (its store left out, or the other teams named with --team). The team
// has plenty over the span, so rule 10 counted it, but one patient only
// in February: the two summaries' February rows differed by that patient
// alone, and every count that differed was a category of theirs. A team
// too few to show in a period is now left out of that period's counts
// (every row of it, totals included), and the output names the team for
// that period, without its count: both February rows are the same cell
// for cell, and the team is counted in the months it has enough.
func TestAMonthWithOnePatientOfATeamDoesNotDescribeThatPatient(t *testing.T) {
	monthWithOnePatientOfATeam(t, "Patchy Ward", "Patchy Ward")
}

// TestAMonthWithOnePatientOfATeamNamedWithANumberDoesNotDescribeThatPatient:
// a team whose name held a patient's number (typed before the team box
// refused it) is named in the summary with the number withheld, and the
// teams to leave out were matched by that name, never the one its
// records give: such a team was counted in a month it had one patient,
// and over a span it had too few. It is left out as any team is, and
// named only with the number withheld.
func TestAMonthWithOnePatientOfATeamNamedWithANumberDoesNotDescribeThatPatient(t *testing.T) {
	monthWithOnePatientOfATeam(t, "Ward 943 476 5919", "Ward [withheld]")
}

// monthWithOnePatientOfATeam publishes all teams, all teams but team
// (its store left out, and the others named with --team) and team's own
// summary, by month, team having one patient in February; row is the
// name its row is given.
func monthWithOnePatientOfATeam(t *testing.T, team, row string) {
	from, to := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC)
	big := storeOf(t, nil)
	if _, err := Synthesise(big, SyntheticOptions{Count: 900, Seed: 21, From: from, To: to.Add(20 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	// The team: 40 in January, 40 in March, one patient in February.
	patchy := storeOf(t, nil)
	for i, span := range [][2]time.Time{
		{from, from.AddDate(0, 0, 30)},
		{from.AddDate(0, 1, 11), from.AddDate(0, 1, 11).Add(time.Hour)},
		{from.AddDate(0, 2, 0), to.Add(20 * time.Hour)},
	} {
		n := 40
		if i == 1 {
			n = 1
		}
		if _, err := Synthesise(patchy, SyntheticOptions{Count: n, Seed: uint64(31 + i), Team: team, From: span[0], To: span[1]}); err != nil {
			t.Fatal(err)
		}
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
	all := sum(o, big, patchy)
	butPatchy := sum(o, big)
	var others []string
	for _, c := range all.Cells {
		if c.Period == All && c.Breakdown == BreakdownTeam && c.Measure == MeasureAssessed && c.Group != row {
			others = append(others, c.Group)
		}
	}
	named := o
	named.Teams = others
	byName := sum(named, big, patchy)

	for _, pair := range []struct {
		name string
		b    *Summary
	}{{"all teams but the team's store", butPatchy}, {"--team for every other team", byName}} {
		februaryIsTheSame(t, pair.name, "with the team's one February patient read", all, pair.b)
	}

	// The output names the team for February, and only for February,
	// without its count.
	in := all.TeamsLeftOutIn
	if !slices.Contains(in["2025-02"], row) || slices.Contains(in["2025-01"], row) || slices.Contains(in["2025-03"], row) {
		t.Errorf("teams left out by period: %q; want %s in 2025-02 only", in, row)
	}
	if slices.Contains(all.TeamsLeftOut, row) {
		t.Errorf("%s is left out of the whole span (%q): it has plenty to show over it", row, all.TeamsLeftOut)
	}
	notes := strings.Join(all.Notes(), " ")
	var note string
	for _, n := range all.Notes() {
		if strings.Contains(n, row) && strings.Contains(n, "2025-02") {
			note = n
		}
	}
	if note == "" {
		t.Errorf("no note names %s for 2025-02: %q", row, notes)
	}
	if strings.Contains(note, " 1 ") || strings.Contains(note, "one patient") {
		t.Errorf("the note gives the team's count: %q", note)
	}
	var csv strings.Builder
	if err := all.WriteCSV(&csv); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(csv.String(), row) || !strings.Contains(csv.String(), "2025-02") || row != team && strings.Contains(csv.String()+notes, team) {
		t.Errorf("the CSV caveat does not name %s for 2025-02, or names %s", row, team)
	}

	// Counted where it has enough: January's and March's rows, and the
	// totals, hold the team's assessments of those months, as its own
	// summary counts them, and February's none.
	assessed := func(s *Summary, period string) int {
		for _, c := range s.Cells {
			if c.Period == period && c.Breakdown == All && c.Measure == MeasureAssessed {
				return c.Count
			}
		}
		return -1
	}
	own := o
	own.Teams = []string{team}
	itself := sum(own, patchy)
	for _, p := range []string{"2025-01", "2025-02", "2025-03", All} {
		if with, without, its := assessed(all, p), assessed(butPatchy, p), assessed(itself, p); with != without+its || its < 30 && p != "2025-02" || its != 0 && p == "2025-02" {
			t.Errorf("%s: assessed %d with the team's store, %d without, %d in its own summary; want its January and March counted, and its February not", p, with, without, its)
		}
	}
}

// februaryIsTheSame fails unless every February cell of all is b's, all
// with a team's February patients read (read says which) and b without
// them, and at least 30 of them are shown.
func februaryIsTheSame(t *testing.T, name, read string, all, b *Summary) {
	t.Helper()
	ac, bc := cells(all), cells(b)
	differ, shown := 0, 0
	for k, i := range ac {
		if all.Cells[i].Period != "2025-02" {
			continue
		}
		j, ok := bc[k]
		if !ok {
			t.Errorf("%s: no cell %s", name, k)
			continue
		}
		if !all.Cells[i].Suppressed {
			shown++
		}
		if all.Value(i) != b.Value(j) {
			if differ < 5 {
				t.Errorf("%s: February's %s is %s %s, %s without", name, k, all.Value(i), read, b.Value(j))
			}
			differ++
		}
	}
	if differ > 0 {
		t.Errorf("%s: %d of February's cells differ from all teams'", name, differ)
	}
	if shown < 30 {
		t.Errorf("%s: only %d of February's cells shown", name, shown)
	}
}
