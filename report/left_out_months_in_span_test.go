package report

import (
	"strings"
	"testing"
	"time"
)

// TestAReleaseByQuarterNamesOnlyTheMonthsItCounts: the quarterly release,
// counting to the end of the last quarter ended ("Assessments from 1 Oct
// 2026 on are not counted"), named in its note the teams left out of
// October and November, months it does not publish: it said something
// (0 to 9 of that team's assessments) of months outside its span. By
// quarter and by financial year, the note, the CSV caveat and
// TeamsLeftOutIn name only months inside the span counted, and still
// name those.
func TestAReleaseByQuarterNamesOnlyTheMonthsItCounts(t *testing.T) {
	loc := time.UTC
	now := time.Now().In(loc)
	month := PeriodStart(now, Month, loc)
	from := PeriodStart(now, FY, loc).AddDate(-1, 0, 0)
	big := storeOf(t, nil)
	if _, err := Synthesise(big, SyntheticOptions{Count: 600, Seed: 61, Team: "Central MSK", From: from, To: month.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	// A team with enough in its first month only: left out of every
	// other, those after the span included.
	small := storeOf(t, nil)
	if _, err := Synthesise(small, SyntheticOptions{Count: 40, Seed: 62, Team: "Hand Therapy", From: from, To: from.AddDate(0, 0, 20)}); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, by := range []By{Quarter, FY} {
		if PeriodStart(now, by, loc).Equal(month) {
			continue // no month of the grid ended after the span
		}
		in := &Inputs{}
		if err := in.AddStore(big); err != nil {
			t.Fatal(err)
		}
		if err := in.AddStore(small); err != nil {
			t.Fatal(err)
		}
		s, err := in.Summarise(Options{Location: loc, By: by})
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Periods) == 0 {
			t.Fatalf("by %s: no periods", by)
		}
		end := s.Periods[len(s.Periods)-1].End
		var csv strings.Builder
		if err := s.WriteCSV(&csv); err != nil {
			t.Fatal(err)
		}
		said := strings.Join(s.Notes(), "\n") + csv.String()
		for m := end; m.Before(month); m = m.AddDate(0, 1, 0) {
			label := PeriodLabel(m, Month)
			if strings.Contains(said, label+": ") || len(s.TeamsLeftOutIn[label]) > 0 {
				t.Errorf("by %s, counting to %s: %s, after the span, is named among the months a team was left out of:\n%s",
					by, end.AddDate(0, 0, -1).Format(time.DateOnly), label, s.LeftOutInNote())
			}
		}
		if second := PeriodLabel(from.AddDate(0, 1, 0), Month); !strings.Contains(s.LeftOutInNote(), second+": Hand Therapy") {
			t.Errorf("by %s: %s, inside the span, is not named for Hand Therapy:\n%s", by, second, s.LeftOutInNote())
		}
		checked++
	}
	if checked == 0 {
		t.Skip("the month now is the first of its quarter and of its financial year: no month of the grid has ended after either's span")
	}
}
