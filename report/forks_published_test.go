package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
	"digicheck/record"
)

// TestAPublishedSummarySaysOnlyThatSomeAssessmentsWereAmendedDifferently:
// one January assessment amended differently in two copies of a store.
// With disclosure control a summary says that some assessments had been
// amended differently in different inputs, never how many (the number
// tells what a team's inputs share, docs/disclosure.md), in every format;
// --exact gives the number. A span that does not hold the assessment says
// nothing of it, in either.
func TestAPublishedSummarySaysOnlyThatSomeAssessmentsWereAmendedDifferently(t *testing.T) {
	first := fixture{n: 1, day: "2026-01-05", team: "Ward 7", patient: "P1", bands: questionnaire.Bands{Access: sig}}
	mine := fixture{n: 2, day: "2026-01-06", team: "Ward 7", patient: "P1", status: record.Amended, amends: 1, bands: questionnaire.Bands{Access: some}}
	theirs := fixture{n: 3, day: "2026-01-06", team: "Ward 7", patient: "P1", status: record.Amended, amends: 1, bands: questionnaire.Bands{Access: no}}
	ours := []fixture{first, mine}
	for n := 10; n < 40; n++ {
		day := "2026-01-12"
		if n >= 25 {
			day = "2026-02-12"
		}
		ours = append(ours, fixture{n: n, day: day, team: "Ward 7"})
	}
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	counted := regexp.MustCompile(`[0-9]+ assessments? had been amended differently`)
	for _, c := range []struct {
		span     string
		from, to time.Time
		exact    bool
		want     string // "": nothing said of it
	}{
		{"January", day("2026-01-01"), day("2026-01-31"), false, "Some assessments had been amended differently in different inputs; each was counted once"},
		{"January", day("2026-01-01"), day("2026-01-31"), true, "1 assessment had been amended differently in different inputs; it was counted once"},
		{"February", day("2026-02-01"), day("2026-02-28"), false, ""},
		{"February", day("2026-02-01"), day("2026-02-28"), true, ""},
	} {
		stores := &Inputs{}
		if err := stores.AddStore(storeOf(t, records(t, ours))); err != nil {
			t.Fatal(err)
		}
		if err := stores.AddStore(storeOf(t, records(t, []fixture{first, theirs}))); err != nil {
			t.Fatal(err)
		}
		s, err := stores.Summarise(Options{From: c.from, To: c.to, Exact: c.exact, Location: time.UTC})
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Forks) != 1 {
			t.Fatalf("forks %+v, want the assessment amended in both", s.Forks)
		}
		outs := map[string]*bytes.Buffer{"table": {}, "CSV": {}, "JSON": {}, "Markdown": {}, "HTML": {}}
		for name, err := range map[string]error{
			"table":    s.WriteTableWidth(outs["table"], nil, 1000),
			"CSV":      s.WriteCSV(outs["CSV"]),
			"JSON":     s.WriteJSON(outs["JSON"]),
			"Markdown": s.WriteMarkdown(outs["Markdown"], nil),
			"HTML":     s.WriteHTML(outs["HTML"], HTMLOptions{Produced: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}),
		} {
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		for name, b := range outs {
			got := strings.Join(strings.Fields(b.String()), " ")
			switch {
			case c.want == "" && strings.Contains(got, "amended differently"):
				t.Errorf("%s, exact %v: the %s speaks of an assessment amended differently that is not in the span", c.span, c.exact, name)
			case c.want != "" && !strings.Contains(got, c.want):
				t.Errorf("%s, exact %v: the %s does not say %q", c.span, c.exact, name, c.want)
			}
			if !c.exact {
				if m := counted.FindString(got); m != "" {
					t.Errorf("%s: the %s under disclosure control says %q", c.span, name, m)
				}
			}
		}
	}
}
