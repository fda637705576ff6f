package report

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestATeamsRowIsHiddenAlikeForAMonthOfNoneAndOneOfTooFew: a team with
// thousands of assessments from June had its row over the span hidden,
// with the note that "some month in it has too few of that team's
// assessments to show", where those months had none at all. The row must
// stay hidden for a month of none as for one of 1 to 9: shown for none
// and hidden for a few, whether the row shows would tell a month of none
// from a month of one, which "*" (0 to 9, zero included) keeps apart, and
// rule 10 leaves such a month out so that it reads as none. At the
// boundary: 0, 1 and 9 in February hide the row, and give the same
// notes, word for word; 10 shows it. The note says the month has none or
// too few, never which.
func TestATeamsRowIsHiddenAlikeForAMonthOfNoneAndOneOfTooFew(t *testing.T) {
	from, to := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC)
	big := storeOf(t, nil)
	if _, err := Synthesise(big, SyntheticOptions{Count: 300, Seed: 81, Team: "Central MSK", From: from, To: to.Add(20 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	notes := map[int]string{}
	for _, feb := range []int{0, 1, 9, 10} {
		team := storeOf(t, nil)
		for i, n := range []int{30, feb, 30} {
			if n == 0 {
				continue
			}
			start := from.AddDate(0, i, 2)
			if _, err := Synthesise(team, SyntheticOptions{Count: n, Seed: uint64(91 + i), Team: "Late Team", From: start, To: start.AddDate(0, 0, 20)}); err != nil {
				t.Fatal(err)
			}
		}
		in := &Inputs{}
		if err := in.AddStore(big); err != nil {
			t.Fatal(err)
		}
		if err := in.AddStore(team); err != nil {
			t.Fatal(err)
		}
		s, err := in.Summarise(Options{Location: time.UTC, From: from, To: to})
		if err != nil {
			t.Fatal(err)
		}
		hidden := slices.Contains(s.TeamsHidden, "Late Team")
		if hidden != (feb < 10) {
			t.Errorf("%d of the team's in February: its row hidden %v, want %v", feb, hidden, feb < 10)
		}
		var note string
		for _, n := range s.Notes() {
			if strings.HasPrefix(n, "The team rows of") {
				note = n
			}
		}
		if feb < 10 && (!strings.Contains(note, "none") || !strings.Contains(note, "too few")) {
			t.Errorf("%d of the team's in February: the note does not say the month has none or too few: %q", feb, note)
		}
		notes[feb] = strings.Join(s.Notes(), "\n")
	}
	if notes[0] != notes[1] || notes[0] != notes[9] {
		t.Errorf("the notes tell a month of none from one of a few:\n0: %s\n1: %s\n9: %s", notes[0], notes[1], notes[9])
	}
}
