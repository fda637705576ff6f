package report

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
	"digicheck/record"
)

// rowsWeek is a week of two teams: version 1 in Ward 7, version 2 in Ward
// 8, with one patient seen in person and one follow-up whose access band
// could not be compared with its version 1 baseline. without leaves out
// the records of those two categories.
func rowsWeek(t *testing.T) (with, without []record.Record) {
	next := 0
	base := bulk(t, &next, 30, fixture{day: "2026-06-01", team: "Ward 7"})
	base = append(base, bulk(t, &next, 14, fixture{day: "2026-06-02", team: "Ward 8", version: questionnaire.V2.Version,
		primary: questionnaire.RouteLetter})...)
	inPerson := bulk(t, &next, 1, fixture{day: "2026-06-03", team: "Ward 8", version: questionnaire.V2.Version,
		primary: questionnaire.RouteInPerson})
	followUp := bulk(t, &next, 1, fixture{day: "2026-06-04", team: "Ward 8", version: questionnaire.V2.Version, patient: "RX-1", followsUp: 1,
		change: &record.Change{Since: fixtureID(1), Domains: []record.DomainChange{
			{Domain: questionnaire.Access, Was: no, Now: some, NotCompared: "banded differently"},
			{Domain: questionnaire.Skills, Was: no, Now: no}, {Domain: questionnaire.Motivation, Was: no, Now: no},
			{Domain: questionnaire.Trust, Was: no, Now: no},
		}}})
	with = append(append(append([]record.Record{}, base...), inPerson...), followUp...)
	return with, base
}

// numbers are what a summary's values look like: counts, percentages,
// hidden counts, dates and times, and the coordinates of a chart.
var numbers = regexp.MustCompile(`[0-9][0-9.,:]*%?|\\?\*|−`)

// layout is every output format of s with its values blanked, so that what
// is left is which rows, columns and tables there are.
func layout(t *testing.T, s *Summary) map[string]string {
	t.Helper()
	out := map[string]string{}
	for format, write := range map[string]func(*bytes.Buffer) error{
		"text":     func(b *bytes.Buffer) error { return s.WriteTableWidth(b, names, 200) },
		"markdown": func(b *bytes.Buffer) error { return s.WriteMarkdown(b, names) },
		"csv":      func(b *bytes.Buffer) error { return s.WriteCSV(b) },
		"json":     func(b *bytes.Buffer) error { return s.WriteJSON(b) },
		"html": func(b *bytes.Buffer) error {
			return s.WriteHTML(b, HTMLOptions{Names: names, Produced: time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)})
		},
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		var lines []string
		for _, l := range strings.Split(b.String(), "\n") {
			// A table's columns are padded to their widest value.
			lines = append(lines, strings.Join(strings.Fields(numbers.ReplaceAllString(l, "#")), " "))
		}
		out[format] = strings.Join(lines, "\n")
	}
	return out
}

// TestRowsDoNotSayWhichCategoriesOccur: every record of a category (a
// patient seen in person, a follow-up not compared) taken out of a week
// leaves every format laid out as it was, row for row. A row printed only
// when its count was not 0 told, beside '*', that the count was at least
// 1, and a re-run after a void that it had been exactly 1.
func TestRowsDoNotSayWhichCategoriesOccur(t *testing.T) {
	with, without := rowsWeek(t)
	for _, teams := range [][]string{nil, {"Ward 8"}, {"Ward 7"}} {
		o := Options{By: Week, Teams: teams, From: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 6, 7, 0, 0, 0, 0, time.UTC)}
		a, b := summarise(t, datasetOf(t, with), o), summarise(t, datasetOf(t, without), o)
		if len(a.Cells) != len(b.Cells) {
			t.Errorf("teams %v: %d cells with the in-person and not-compared records, %d without", teams, len(a.Cells), len(b.Cells))
		}
		la, lb := layout(t, a), layout(t, b)
		for format := range la {
			if la[format] != lb[format] {
				t.Errorf("teams %v, %s: laid out differently without the in-person and not-compared records:\n%s", teams, format, firstDiff(la[format], lb[format]))
			}
		}
	}
}

// firstDiff is the first line where a and b differ, each.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range max(len(la), len(lb)) {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y {
			return "line " + strconv.Itoa(i+1) + ":\n  with:    " + x + "\n  without: " + y
		}
	}
	return ""
}
