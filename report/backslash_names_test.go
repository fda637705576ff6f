package report

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestATeamTypedWithABackslashIsShownApartFromOneWithAnInvisibleMark: a
// team typed "Ward 7\u200e" with a backslash, and a team "Ward 7" with a
// left-to-right mark after it (shown escaped as \u200e), were printed
// alike in the table, the Markdown, the CSV, the board report and the
// notes: two rows that read the same and count apart. A backslash a name
// holds is now shown doubled, so the escape of the mark is the only
// single one, in every format but the JSON, which keeps each name exact.
func TestATeamTypedWithABackslashIsShownApartFromOneWithAnInvisibleMark(t *testing.T) {
	typed, marked := `Ward 7\u200e`, "Ward 7\u200e"
	next := 0
	rs := bulk(t, &next, 12, fixture{day: "2026-01-05", team: typed})
	rs = append(rs, bulk(t, &next, 12, fixture{day: "2026-01-06", team: marked})...)
	s := summarise(t, datasetOf(t, rs), Options{By: Month, Exact: true, Teams: []string{typed, marked}})
	var table, md, csvOut, page bytes.Buffer
	if err := s.WriteTableWidth(&table, nil, 200); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteMarkdown(&md, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteCSV(&csvOut); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteHTML(&page, HTMLOptions{Produced: time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct{ out, typed, marked string }{
		"table":    {table.String(), `Ward 7\\u200e`, `Ward 7\u200e`},
		"markdown": {md.String(), `Ward 7\\\\u200e`, `Ward 7\u200e`},
		"CSV":      {csvOut.String(), `Ward 7\\u200e`, `Ward 7\u200e`},
		"HTML":     {page.String(), `Ward 7\\u200e`, `Ward 7\u200e`},
	} {
		if !strings.Contains(c.out, c.typed) {
			t.Errorf("the %s does not show the team typed with a backslash as %s:\n%s", name, c.typed, c.out)
		}
		// The marked team's escape, with no backslash before it.
		if !strings.Contains(strings.ReplaceAll(c.out, `\\`, "//"), "Ward 7"+c.marked[len("Ward 7"):]) {
			t.Errorf("the %s does not show the team with a mark as %s:\n%s", name, c.marked, c.out)
		}
	}
	if heading := oneLine(table.String()); !strings.Contains(heading, `Teams: Ward 7\\u200e, Ward 7\u200e.`) {
		t.Errorf("the table's heading does not name the two teams apart:\n%s", table.String())
	}
}

// TestAnInputIsNotDescribedByThePeriodsOfItsAssessments: an input whose
// assessments all fall in one financial year was read "assessments
// FY2026/27"; with disclosure control an input's assessments' periods
// are not given (the last tells a team's period of none from one of a
// few), only its kind.
func TestAnInputIsNotDescribedByThePeriodsOfItsAssessments(t *testing.T) {
	in := &Inputs{}
	for n, day := range []string{"2026-05-04", "2026-06-10", "2026-09-01"} {
		r := fixture{n: n + 1, day: day, team: "Ward 7"}.record(t)
		if err := in.AddRecord(&r, "a.csv"); err != nil {
			t.Fatal(err)
		}
	}
	r := fixture{n: 9, day: "2025-05-04", team: "Ward 7"}.record(t)
	if err := in.AddRecord(&r, "b.csv"); err != nil {
		t.Fatal(err)
	}
	s := summarise(t, in, Options{By: FY})
	heading := strings.Join(s.headingFor(false), " ")
	if strings.Contains(heading, "assessments FY") || !strings.Contains(heading, "Read: a records; a records.") {
		t.Errorf("the heading gives an input's periods, or not its kind: %s", heading)
	}
}
