package report

import (
	"bytes"
	"strings"
	"testing"

	"digicheck/questionnaire"
	"digicheck/record"
)

// TestVersionCountsAreHiddenWithTheSpan: a team's summary of April to May
// beside that of April to June, where the team assessed one patient in
// June with version 1, hid the whole span's counts but still said how
// many of each version: "1 (*), 2 (about 20)" then "1 (about 10), 2
// (about 20)" gave away the June patient's version, and the versions'
// counts added up gave back the hidden total. Where the span's counts are
// hidden the versions are named only; exact counts keep theirs.
func TestVersionCountsAreHiddenWithTheSpan(t *testing.T) {
	next := 0
	var rs []record.Record
	rs = append(rs, bulk(t, &next, 15, fixture{day: "2026-04-07", team: "Tiny team"})...)
	rs = append(rs, bulk(t, &next, 20, fixture{day: "2026-05-05", team: "Tiny team", version: questionnaire.V2.Version})...)
	rs = append(rs, bulk(t, &next, 1, fixture{day: "2026-06-15", team: "Tiny team"})...)
	in := datasetOf(t, rs)
	release := func(to string, exact bool) *Summary {
		return summarise(t, in, Options{By: Month, From: day(t, "2026-04-01"), To: day(t, to), Exact: exact})
	}
	june := release("2026-06-30", false)
	if !june.SpanHidden {
		t.Fatal("the span to June, with one patient in June, is shown: the fixture tests nothing")
	}
	note := june.VersionsNote()
	if !strings.Contains(note, "versions 1, 2") {
		t.Errorf("the versions note under a hidden span reads %q, want the versions named", note)
	}
	for _, leak := range []string{"(*)", "about", "(1", "(2"} {
		if strings.Contains(note, leak) {
			t.Errorf("the versions note under a hidden span shows a count (%q): %q", leak, note)
		}
	}
	if notes := strings.Join(june.Notes(), " "); strings.Contains(notes, "about 10") || strings.Contains(notes, "about 20") {
		t.Errorf("the notes every format prints show a version's count under a hidden span: %s", notes)
	}
	// A span that is shown keeps its versions' counts, and exact ones are exact.
	if n := release("2026-05-31", false).VersionsNote(); !strings.Contains(n, "2 (about 20)") {
		t.Errorf("the span to May is shown, yet its versions note reads %q", n)
	}
	if n := release("2026-06-30", true).VersionsNote(); !strings.Contains(n, "versions 1 (16), 2 (20)") {
		t.Errorf("exact, the versions note reads %q", n)
	}
}

// TestASpanNotAskedForIsGivenByItsPeriods: with no --to (or --from) a
// summary said "Assessments first made 1 Apr 2026 to 15 Jun 2026", in
// every format, and that the periods ran from the first assessment (7
// Apr) to the last: each the day one patient was assessed. Under
// disclosure control the span is the periods' bounds; exact keeps the days.
func TestASpanNotAskedForIsGivenByItsPeriods(t *testing.T) {
	next := 0
	var rs []record.Record
	rs = append(rs, bulk(t, &next, 15, fixture{day: "2026-04-07", team: "Ward 7"})...)
	rs = append(rs, bulk(t, &next, 15, fixture{day: "2026-05-05", team: "Ward 7"})...)
	rs = append(rs, bulk(t, &next, 15, fixture{day: "2026-06-15", team: "Ward 7"})...)
	in := datasetOf(t, rs)
	for _, c := range []struct {
		name string
		o    Options
	}{
		{"neither bound", Options{By: Month}},
		{"--from only", Options{By: Month, From: day(t, "2026-03-01")}},
	} {
		s := summarise(t, in, c.o)
		var out bytes.Buffer
		if err := s.WriteJSON(&out); err != nil {
			t.Fatal(err)
		}
		text := strings.Join(s.headingFor(false), " ") + out.String()
		for _, leak := range []string{"15 Jun", "2026-06-15", "7 Apr", "2026-04-07"} {
			if strings.Contains(text, leak) {
				t.Errorf("%s: an assessment's day (%s) is published: %s", c.name, leak, text)
			}
		}
		if !strings.Contains(text, "to 30 Jun 2026") || !strings.Contains(out.String(), `"to": "2026-06-30"`) {
			t.Errorf("%s: the span does not end with its last period (30 Jun 2026): %s", c.name, text)
		}
	}
	if s := summarise(t, in, Options{By: Month}); !strings.Contains(strings.Join(s.headingFor(false), " "), "1 Apr 2026 to 30 Jun 2026") {
		t.Errorf("the span does not start with its first period: %q", s.headingFor(false))
	}
	exact := summarise(t, in, Options{By: Month, Exact: true})
	if h := strings.Join(exact.headingFor(false), " "); !strings.Contains(h, "7 Apr 2026 to 15 Jun 2026") {
		t.Errorf("exact, the span is the assessments' own days: %s", h)
	}
}
