package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"digicheck/record"
)

// weeksFromWednesday is count[w] assessments in week w from the week of 5
// January 2026, the first week's on its Wednesday, so that the data start
// inside it and it is cut short; the last week's on its Sunday.
func weeksFromWednesday(t *testing.T, count []int) *Inputs {
	next := 0
	var rs []record.Record
	monday := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	for w, n := range count {
		day := 2
		if w == len(count)-1 {
			day = 6
		}
		rs = append(rs, bulk(t, &next, n, fixture{day: monday.AddDate(0, 0, 7*w+day).Format(time.DateOnly)})...)
	}
	return datasetOf(t, rs)
}

// TestTheLegendExplainsAHollowPointOnlyWhenOneIsDrawn: a first week cut
// short whose count is hidden is drawn as *, not as a hollow point, yet
// the run and SPC charts' legends explained "○: a period cut short", and
// the board report's note "A hollow point", with none on the chart. Each
// says it only when a hollow point is drawn.
func TestTheLegendExplainsAHollowPointOnlyWhenOneIsDrawn(t *testing.T) {
	rest := []int{20, 21, 19, 20, 22, 18, 20, 21, 19, 20, 21, 20, 19, 22}
	for _, c := range []struct {
		name   string
		first  int
		hollow bool
	}{
		{"first week cut short and hidden", 3, false},
		{"first week cut short and shown", 20, true},
	} {
		s := summarise(t, weeksFromWednesday(t, append([]int{c.first}, rest...)), Options{By: Week})
		rc, err := s.Chart("assessed", ChartOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if !rc.Points[0].Partial || rc.Points[0].Missing == c.hollow {
			t.Fatalf("%s: first point partial %v, hidden %v: the fixture tests nothing", c.name, rc.Points[0].Partial, rc.Points[0].Missing)
		}
		spc, err := s.SPC("assessed", MethodXmR, ChartOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var run, sp, html bytes.Buffer
		if err := rc.Write(&run, 80); err != nil {
			t.Fatal(err)
		}
		if err := spc.Write(&sp, 80); err != nil {
			t.Fatal(err)
		}
		if err := s.WriteHTML(&html, HTMLOptions{}); err != nil {
			t.Fatal(err)
		}
		for name, out := range map[string]string{"run chart": run.String(), "SPC chart": sp.String()} {
			if drawn, told := strings.Count(out, "○") > strings.Count(out, "○:"), strings.Contains(out, "○:"); drawn != c.hollow || told != c.hollow {
				t.Errorf("%s, %s: a hollow point drawn %v, explained %v; want both %v:\n%s", c.name, name, drawn, told, c.hollow, out)
			}
		}
		if told := strings.Contains(html.String(), "A hollow point is a period cut short"); told != c.hollow {
			t.Errorf("%s: the board report explains a hollow point %v, want %v", c.name, told, c.hollow)
		}
	}
}

// TestTheBoardReportSaysWhatOverlappingSpansProtectAsTheNotesDo: the
// board report's "What it does not protect against" still listed a team's
// row across spans, while its notes and docs/disclosure.md rule 8 say each
// team's row is protected and rows by postcode district and the equity
// answers are not.
func TestTheBoardReportSaysWhatOverlappingSpansProtectAsTheNotesDo(t *testing.T) {
	s := summarise(t, yearToDateFixture(t), Options{By: Month, From: day(t, "2026-04-01"), To: day(t, "2026-06-30")})
	note := s.OverlapNote()
	if !strings.Contains(note, "each team's row") || !strings.Contains(note, "rows by postcode district") {
		t.Fatalf("the overlap note reads %q", note)
	}
	// Rule 8 is a span with a small period hidden: what overlapping
	// spans do not protect is said under its own heading.
	if strings.Contains(note, "rule 8") || !strings.Contains(note, `docs/disclosure.md, "What it does not protect against"`) {
		t.Errorf("the overlap note sends the reader to the wrong part of docs/disclosure.md: %q", note)
	}
	if strings.Contains(DoesNotProtectAgainst, "team's row in the all-teams summary") {
		t.Errorf("the board report says a team's row is not protected across spans, against its own notes: %q", DoesNotProtectAgainst)
	}
	for _, want := range []string{"rows by postcode district and by the equity answers", "a total or team row"} {
		if !strings.Contains(DoesNotProtectAgainst, want) {
			t.Errorf("the board report's \"does not protect against\" lacks %q: %q", want, DoesNotProtectAgainst)
		}
	}
}
