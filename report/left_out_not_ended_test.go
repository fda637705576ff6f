package report

import (
	"strings"
	"testing"
	"time"
)

// A team left out as too few, whose assessments reach into the month not
// yet ended, added "Assessments from 1 Dec on are not counted: that month
// has not ended" to a summary with no --from or --to; the note of teams
// left out promised that the summaries with and without the team are the
// same "but for this note, the inputs listed as read and ... the months
// their assessments add to the span", which that line is not. The
// promise now names it too, wherever the left-out team brings it.
func TestTheNoteOfTeamsLeftOutNamesTheMonthNotEndedTheyBring(t *testing.T) {
	now := time.Now().UTC()
	thisMonth := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	last := thisMonth.AddDate(0, -1, 4).Format(time.DateOnly)
	first := thisMonth.Format(time.DateOnly) // today or before
	var counted, all []fixture
	for n := 1; n <= 40; n++ {
		counted = append(counted, fixture{n: n, day: last, team: "Ward 7", patient: "P" + string(rune('A'+n%26)) + string(rune('A'+n/26))})
	}
	all = append(all, counted...)
	for n := 41; n <= 44; n++ {
		day := last // two in the month ended, two in the month not
		if n > 42 {
			day = first
		}
		all = append(all, fixture{n: n, day: day, team: "Tiny Team", patient: "Q" + string(rune('A'+n%26))})
	}
	without := summarise(t, datasetOf(t, records(t, counted)), Options{By: Month})
	with := summarise(t, datasetOf(t, records(t, all)), Options{By: Month})
	if without.NotEndedNote() != "" || with.NotEndedNote() == "" {
		t.Fatalf("the month not ended is said without the team %q, with it %q: want it with the team alone", without.NotEndedNote(), with.NotEndedNote())
	}
	note := with.LeftOutNote()
	if !strings.Contains(note, "Tiny Team") {
		t.Fatalf("Tiny Team is not left out: %q", note)
	}
	if !strings.Contains(note, "not ended") {
		t.Errorf("the note of teams left out promises the summaries the same but for what it lists, and does not list the note of the month not ended their assessments bring: %q", note)
	}
}
