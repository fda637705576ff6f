package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// twoTeamsInputs: Ward 7's export holds January to June, six a month,
// written on 1 July; District nurses' (with as many) January to April
// only, written on 1 May, as two teams send their exports for
// different months. The first of each month is the first assessment, so
// no month begins after its data do.
func twoTeamsInputs(t *testing.T, secondTeam string) *Inputs {
	t.Helper()
	in := &Inputs{}
	n := 0
	add := func(source, team string, months int) {
		for m := 1; m <= months; m++ {
			for d := 1; d <= 6; d++ {
				n++
				r := fixture{n: n, day: fmt.Sprintf("2026-%02d-%02d", m, 4*d-3), team: team}.record(t)
				if err := in.AddRecord(&r, source); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	add("ward7.csv", "Ward 7", 6)
	add("district.csv", secondTeam, 4)
	writtenAt(in, "ward7.csv", time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC))
	writtenAt(in, "district.csv", time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC))
	return in
}

// writtenAt has the input named be written at when, as an export file's
// modification time says.
func writtenAt(in *Inputs, name string, when time.Time) {
	for _, x := range in.list {
		if x.src.Name == name {
			x.written = when
		}
	}
}

// TestAPeriodAnInputDoesNotCoverIsPartialAndSaysWhichInputInEveryFormat:
// summarised together, May and June hold Ward 7's assessments only, and
// were shown as a fall (to half) with nothing to say District nurses'
// export was written before they ended. Each input's span is now said, May and June are
// partial, naming the input that does not cover them, in the table, the
// markdown, the CSV, the JSON and the board report; the run chart leaves
// them out of its rules and the board report's headline compares the
// latest whole months, April with March.
func TestAPeriodAnInputDoesNotCoverIsPartialAndSaysWhichInputInEveryFormat(t *testing.T) {
	s := summarise(t, twoTeamsInputs(t, "District nurses"), Options{By: Month, Exact: true, Location: time.UTC})
	if len(s.Periods) != 6 {
		t.Fatalf("%d periods, want January to June", len(s.Periods))
	}
	for k, p := range s.Periods {
		want := p.Label == "2026-05" || p.Label == "2026-06"
		if s.partial(k) != want {
			t.Errorf("%s partial = %v, want %v (%q)", p.Label, s.partial(k), want, s.partialWhy(k))
		}
		if want && !strings.Contains(s.partialWhy(k), "district.csv") {
			t.Errorf("%s is partial for %q, which does not name district.csv", p.Label, s.partialWhy(k))
		}
		if want && strings.Contains(s.partialWhy(k), "ward7.csv") {
			t.Errorf("%s is partial for %q, which names ward7.csv, that covers it", p.Label, s.partialWhy(k))
		}
	}
	spans := map[string][2]string{}
	for _, src := range s.Sources {
		spans[src.Name] = [2]string{src.First, src.Last}
	}
	if got := spans["district.csv"]; got != [2]string{"2026-01-01", "2026-04-21"} {
		t.Errorf("district.csv spans %v, want 2026-01-01 to 2026-04-21", got)
	}
	if got := spans["ward7.csv"]; got != [2]string{"2026-01-01", "2026-06-21"} {
		t.Errorf("ward7.csv spans %v, want 2026-01-01 to 2026-06-21", got)
	}

	var table, md, csvOut, js, page bytes.Buffer
	if err := s.WriteTableWidth(&table, nil, 200); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteMarkdown(&md, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteCSV(&csvOut); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteHTML(&page, HTMLOptions{Produced: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"table": table.String(), "markdown": md.String()} {
		text := oneLine(out)
		for _, want := range []string{"2026-05 (partial)", "2026-06 (partial)", "district.csv", "2026-01-01 to 2026-04-21"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s does not say %q:\n%s", name, want, out)
			}
		}
	}
	rows := readCSV(t, csvOut.Bytes())
	head := rows[0]
	col := func(name string) int {
		for i, h := range head {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %s", name)
		return -1
	}
	// The note is given once, in the first row's caveat (it was on
	// every one of thousands of rows); each other row's caveat says where.
	if !strings.Contains(rows[1][col("caveat")], "district.csv") {
		t.Fatalf("the first CSV row's caveat does not name district.csv, which covers only part of the span: %v", rows[1])
	}
	for _, r := range rows[1:] {
		if r[col("period")] == "2026-05" && r[col("period_partial")] != "yes" {
			t.Fatalf("CSV row of 2026-05 not partial: %v", r)
		}
		if &r[0] != &rows[1][0] && (strings.Contains(r[col("caveat")], "district.csv") || !strings.Contains(r[col("caveat")], "notes on the first row")) {
			t.Fatalf("CSV row's caveat repeats the note, or does not say it is on the first row: %v", r)
		}
	}
	var j struct {
		PartialPeriods []string `json:"partial_periods"`
		Sources        []Source `json:"sources"`
	}
	if err := json.Unmarshal(js.Bytes(), &j); err != nil {
		t.Fatal(err)
	}
	if strings.Join(j.PartialPeriods, " ") != "2026-05 2026-06" {
		t.Errorf("JSON partial_periods %v, want 2026-05 and 2026-06", j.PartialPeriods)
	}
	if len(j.Sources) != 2 || j.Sources[1].Last != "2026-04-21" {
		t.Errorf("JSON sources %+v do not give district.csv's last day", j.Sources)
	}
	h := s.headline()
	if h.Latest != "2026-04" || h.Previous != "2026-03" {
		t.Errorf("the board report's headline sets %s beside %s, want 2026-04 beside 2026-03 (%s)", h.Latest, h.Previous, h.Note)
	}
	if !strings.Contains(oneLine(page.String()), "written before it ended") {
		t.Errorf("the board report does not say why May and June are partial")
	}
	ch, err := s.Chart(MeasureAssessed, ChartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ch.Points {
		if (p.Label == "2026-05" || p.Label == "2026-06") && !p.Partial {
			t.Errorf("the run chart draws %s as a whole month", p.Label)
		}
	}
}

// TestAnOlderCopyOfTheSameTeamsDataMakesNoPeriodPartial: a backup's
// export that stops in April, read beside the team's own that runs to
// June, leaves no team without data for May and June: nothing is partial.
func TestAnOlderCopyOfTheSameTeamsDataMakesNoPeriodPartial(t *testing.T) {
	s := summarise(t, twoTeamsInputs(t, "Ward 7"), Options{By: Month, Exact: true, Location: time.UTC})
	for k, p := range s.Periods {
		if s.partial(k) {
			t.Errorf("%s partial (%s): every team of the input that stops in April is in the one that runs to June", p.Label, s.partialWhy(k))
		}
	}
}

// TestAnInputsSpanIsNotGivenUnderDisclosureControl: with disclosure
// control an input's span is not given, neither by the days of its first
// and last assessments (one patient's days) nor by their periods (the
// last tells a team's period of none from one of a few); exact, by days.
func TestAnInputsSpanIsNotGivenUnderDisclosureControl(t *testing.T) {
	in := &Inputs{}
	for d := 1; d <= 28; d++ {
		source := "march.csv"
		if d > 20 {
			source = "april.csv"
		}
		r := fixture{n: d, day: fmt.Sprintf("2026-03-%02d", d), team: "Ward 7"}.record(t)
		if d > 20 {
			r.Time = r.Time.AddDate(0, 1, 0)
		}
		if err := in.AddRecord(&r, source); err != nil {
			t.Fatal(err)
		}
	}
	s := summarise(t, in, Options{By: Month, Location: time.UTC})
	got := [][2]string{{s.Sources[0].First, s.Sources[0].Last}, {s.Sources[1].First, s.Sources[1].Last}}
	if got[0] != [2]string{} || got[1] != [2]string{} {
		t.Errorf("spans %v given with disclosure control, want none", got)
	}
	s = summarise(t, in, Options{By: Month, Exact: true, Location: time.UTC})
	got = [][2]string{{s.Sources[0].First, s.Sources[0].Last}, {s.Sources[1].First, s.Sources[1].Last}}
	if got[0] != [2]string{"2026-03-01", "2026-03-20"} || got[1] != [2]string{"2026-04-21", "2026-04-28"} {
		t.Errorf("exact spans %v, want 2026-03-01 to 2026-03-20 and 2026-04-21 to 2026-04-28", got)
	}
}

// TestAnInputsNameReachesTheTerminalEscapedWhereItsSpanIsSaid: the warning
// "Inputs cover different spans (...)", which digicheck summary also
// prints on standard error, gave an exact summary's file names raw, so an
// escape sequence or a right-to-left override in the name of a file sent
// by email reached the terminal. The name is now shown as
// questionnaire.Printable shows it, as the heading already did.
func TestAnInputsNameReachesTheTerminalEscapedWhereItsSpanIsSaid(t *testing.T) {
	in := &Inputs{}
	n := 0
	add := func(source, team string, months int) {
		for m := 1; m <= months; m++ {
			for d := 1; d <= 6; d++ {
				n++
				r := fixture{n: n, day: fmt.Sprintf("2026-%02d-%02d", m, 4*d-3), team: team}.record(t)
				if err := in.AddRecord(&r, source); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	add("ward7.csv", "Ward 7", 6)
	add("ti\u202eny\x1b[31m.csv", "District nurses", 4)
	writtenAt(in, "ti\u202eny\x1b[31m.csv", time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC))
	s := summarise(t, in, Options{By: Month, Exact: true, Location: time.UTC})
	said := false
	for _, c := range s.Caveats() {
		if strings.Contains(c, "cover different spans") {
			said = true
		}
		if strings.ContainsAny(c, "\x1b\u202e") {
			t.Errorf("a caveat gives the input's name raw: %q", c)
		}
	}
	if !said {
		t.Errorf("no caveat says the inputs cover different spans: %q", s.Caveats())
	}
}
