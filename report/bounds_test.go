package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"digicheck/record"
)

// ndjsonOf writes records as an NDJSON export holds them, a line each.
func ndjsonOf(t *testing.T, rs []record.Record) string {
	t.Helper()
	var b strings.Builder
	for _, r := range rs {
		line, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// csvRowOf is a CSV export row of an assessment made at time ts, with no
// barrier, by phone with a letter as fallback.
func csvRowOf(id, ts string) string {
	f := make([]string, len(earlierColumns))
	set := map[string]string{
		"id": id, "patient": "RX1", "patient_kind": "local", "time": ts, "date": ts[:10], "team": "Ward 7",
		"status": "completed", "synthetic": "no", "instrument_version": "1", "directory_version": "1",
		"band_access": "none", "band_skills": "none", "band_motivation": "none", "band_trust": "none",
		"primary_route": "phone", "fallback_route": "letter",
	}
	for i, c := range earlierColumns {
		f[i] = set[c]
	}
	return strings.Join(f, ",") + "\r\n"
}

// csvHeaderLine is the header of a CSV export of a build before the end
// mark, as csvRowOf's rows are.
func csvHeaderLine() string { return strings.Join(earlierColumns, ",") + "\r\n" }

// Records dated 0001-01-01 or 9999-12-31 (a clock gone wrong, an edited
// export) once gave a summary with no periods and an overall count of 0,
// while the equity tables counted them. They are now skipped, counted
// and named where they were read, and the rest are counted as ever.
func TestRecordsDatedOutsideAnyPlausiblePeriodAreSkippedAndNamed(t *testing.T) {
	fs := wardFixtures()[:3] // three assessments, January 2026
	odd := []fixture{{n: 91, day: "0001-01-01", team: "Ward 7"}, {n: 92, day: "9999-12-31", team: "Ward 7"}}
	rs := records(t, append(odd, fs...))
	d := &Inputs{}
	if err := d.AddNDJSON(strings.NewReader(ndjsonOf(t, rs)), "odd.ndjson"); err != nil {
		t.Fatal(err)
	}
	s := summarise(t, d, Options{By: Month, Exact: true})
	c := cells(s)
	if got := s.Cells[c["assessed/"]].Count; got != 3 {
		t.Errorf("assessed %d, want the 3 plausibly dated", got)
	}
	if got := s.Cells[c["all/equity.age/65-74/assessed/"]].Count; got != 1 {
		t.Errorf("equity group counted %d, want 1 (the skipped records are in no table)", got)
	}
	if len(s.Periods) != 1 || s.Periods[0].Label != "2026-01" {
		t.Errorf("periods %v, want 2026-01 only", s.Periods)
	}
	if s.SkippedCount != 2 || len(s.Skipped) != 2 {
		t.Fatalf("skipped %d (%v), want 2", s.SkippedCount, s.Skipped)
	}
	where := strings.Join(s.SkippedWhere(), "\n")
	for _, want := range []string{"odd.ndjson:1 (dated 0001-01-01)", "odd.ndjson:2 (dated 9999-12-31)"} {
		if !strings.Contains(where, want) {
			t.Errorf("skipped records not named as %q:\n%s", want, where)
		}
	}
	note := s.SkippedNote()
	if !strings.HasPrefix(note, "2 records skipped: dated 0001-01-01, 9999-12-31, outside any plausible period") {
		t.Errorf("note: %s", note)
	}
	// The note travels with the numbers in every format.
	var table, js, csvOut bytes.Buffer
	if err := s.WriteTableWidth(&table, nil, 80); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteCSV(&csvOut); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(oneLine(table.String()), oneLine(note)) || !strings.Contains(js.String(), `"skipped": 2`) ||
		!strings.Contains(csvOut.String(), "2 records skipped for implausible dates") {
		t.Errorf("the skipped records are not in the output:\n%s\n%.600s\n%.400s", table.String(), js.String(), csvOut.String())
	}

	// A store counted as it streams names them too, and counts as the
	// dataset does.
	st := storeOf(t, rs)
	got := sameSummary(t, st, Options{By: Month, Exact: true, Location: locUTC})
	if got.SkippedCount != 2 || !strings.Contains(strings.Join(got.SkippedWhere(), "\n"), "record "+fixtureID(91).String()) {
		t.Errorf("streamed: skipped %d, %v", got.SkippedCount, got.SkippedWhere())
	}
}

// An assessment is skipped for the date it was first made, whatever the
// date of its amendment; and an amendment dated oddly of a well-dated
// assessment counts as ever.
func TestAnAmendmentIsSkippedOrCountedByItsFirstVersionsDate(t *testing.T) {
	fs := []fixture{
		{n: 1, day: "0001-01-01", team: "Ward 7", patient: "A"},
		{n: 2, day: "2026-01-10", team: "Ward 7", patient: "A", status: record.Amended, amends: 1},
		{n: 3, day: "2026-01-11", team: "Ward 7", patient: "B"},
		{n: 4, day: "9999-01-01", team: "Ward 7", patient: "B", status: record.Amended, amends: 3},
	}
	s := summarise(t, datasetOf(t, records(t, fs)), Options{By: Month, Exact: true})
	if got := s.Cells[cells(s)["assessed/"]].Count; got != 1 || s.SkippedCount != 1 || s.Skipped[0].ID.String() != fixtureID(1).String() {
		t.Errorf("assessed %d, skipped %v; want B counted and A skipped, named by its first version", got, s.Skipped)
	}
}

// A period asked for from 2000 to next year lays out only the months that
// hold assessments: none before the first or after the last. It once laid
// out every month asked for (and 0001 to 9999 took 36 s and 2.35 GB).
func TestPeriodsAreBoundToTheData(t *testing.T) {
	d := datasetOf(t, records(t, wardFixtures())) // January to March 2026
	from := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	to := time.Now().AddDate(0, 6, 0)
	for _, by := range []By{Month, Week} {
		s := summarise(t, d, Options{By: by, Exact: true, From: from, To: to})
		if len(s.Periods) == 0 || len(s.Periods) > 14 {
			t.Fatalf("by %s: %d periods", by, len(s.Periods))
		}
		if first, last := s.Periods[0].Label, s.Periods[len(s.Periods)-1].Label; !strings.HasPrefix(first, "2026-01") && first != "2025-12-29" || !strings.HasPrefix(last, "2026-0") {
			t.Errorf("by %s: periods %s to %s", by, first, last)
		}
		if !s.From.Equal(from) {
			t.Errorf("the span asked for is not kept: %s", s.From)
		}
		if notes := strings.Join(s.Notes(), " "); !strings.Contains(notes, "Periods are shown only from the first assessment in the inputs (5 Jan 2026) to the last (25 Feb 2026)") {
			t.Errorf("notes: %s", notes)
		}
	}
	// Nothing in the span asked for: no periods at all.
	s := summarise(t, d, Options{By: Week, Exact: true, From: from, To: time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)})
	if len(s.Periods) != 0 || s.Cells[0].Count != 0 {
		t.Errorf("%d periods, %d assessed for a span with no data", len(s.Periods), s.Cells[0].Count)
	}
}

// Typed dates are refused, with the reason, before 2000 or more than a
// year ahead: a year typed 0026 once gave 24,000 empty months.
func TestImplausibleDaysAreRefused(t *testing.T) {
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	for _, c := range []struct{ in, want string }{
		{"0026-01-01", "--from 0026-01-01: the year 0026 is before 2000, and no digicheck assessment is dated before then: did you mean 2026?"},
		{"1999-12-31", "--from 1999-12-31: the year 1999 is before 2000"},
		{"2028-01-01", "--from 2028-01-01 is more than a year after today (2026-12-02)"},
		{"2026-13-01", `--from "2026-13-01": give a date as YYYY-MM-DD`},
	} {
		_, err := ParseDay("--from", c.in, now, time.UTC)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v", c.in, err)
		}
	}
	for _, in := range []string{"", "2000-01-01", "2026-12-02", "2027-12-02"} {
		if _, err := ParseDay("--to", in, now, time.UTC); err != nil {
			t.Errorf("%s refused: %v", in, err)
		}
	}
	// The library refuses them as well as the command line.
	_, err := (&Inputs{}).Summarise(Options{From: time.Date(26, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err == nil || !strings.Contains(err.Error(), "before 2000") {
		t.Errorf("Summarise from 0026: %v", err)
	}
}

// endless is a reader of a field that never ends, counting what is read.
type endless struct {
	head []byte
	read int
}

func (e *endless) Read(p []byte) (int, error) {
	if e.read > 64<<20 {
		return 0, errors.New("read 64 MB of one field")
	}
	n := copy(p, e.head)
	e.head = e.head[n:]
	for i := n; i < len(p); i++ {
		p[i] = 'a'
	}
	e.read += len(p)
	return len(p), nil
}

// Seek goes back to the start, which an endless field never leaves.
func (e *endless) Seek(offset int64, whence int) (int64, error) {
	if offset != 0 || whence != io.SeekStart || e.read > 0 {
		return 0, errors.New("endless: no seeking")
	}
	return 0, nil
}

// A CSV field or NDJSON line far longer than any record (300 MB took
// 1.4 GB) is refused at its FILE:LINE after reading little more than
// MaxInputLine, however the field is laid out.
func TestOverlongFieldsAreRefusedAtTheirLine(t *testing.T) {
	row := csvRowOf(fixtureID(1).String(), "2026-01-05T11:00:00Z")
	cases := []struct {
		name, head, want string
		add              func(*Inputs, io.ReadSeeker, string) error
	}{
		{"one-line.csv", csvHeaderLine() + row + "x,", "one-line.csv:3: a line of more than 1 MB", (*Inputs).AddCSV},
		{"quoted.csv", csvHeaderLine() + row + row + "\"", "quoted.csv:4: a line of more than 1 MB", (*Inputs).AddCSV},
		{"header.csv", "id", "header.csv:1: a line of more than 1 MB", (*Inputs).AddCSV},
		{"long.ndjson", "{\"id\":\"", "long.ndjson:1: a line of more than 1 MB", (*Inputs).AddNDJSON},
	}
	for _, c := range cases {
		in := &endless{head: []byte(c.head)}
		err := c.add(&Inputs{}, in, c.name)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v", c.name, err)
		}
		if in.read > 2*MaxInputLine {
			t.Errorf("%s: read %d bytes before refusing", c.name, in.read)
		}
	}
	// A quoted field of many short lines is a row too long as well.
	many := csvHeaderLine() + row + "\"" + strings.Repeat("short line\n", MaxInputLine/10)
	err := (&Inputs{}).AddCSV(strings.NewReader(many), "many.csv")
	if err == nil || !strings.Contains(err.Error(), "many.csv:") || !strings.Contains(err.Error(), "a row running on to this line") {
		t.Errorf("a row of many lines: %v", err)
	}
	// A line of exactly MaxInputLine is read (and here refused for what
	// it holds, not its length).
	exact := csvHeaderLine() + strings.Repeat("b", MaxInputLine) + "\r\n"
	if err := (&Inputs{}).AddCSV(strings.NewReader(exact), "exact.csv"); err == nil || strings.Contains(err.Error(), "more than 1 MB") {
		t.Errorf("a line of MaxInputLine bytes: %v", err)
	}
}

// Exports saved again by a Windows editor start with a UTF-8 BOM; both
// readers take it off.
func TestExportsWithAByteOrderMarkAreRead(t *testing.T) {
	d := &Inputs{}
	if err := d.AddCSV(strings.NewReader("\ufeff"+csvHeaderLine()+csvRowOf(fixtureID(1).String(), "2026-01-05T11:00:00Z")), "bom.csv"); err != nil {
		t.Fatal(err)
	}
	rs := records(t, wardFixtures()[:1])
	rs[0].ID = fixtureID(2)
	if err := d.AddNDJSON(strings.NewReader("\ufeff"+ndjsonOf(t, rs)), "bom.ndjson"); err != nil {
		t.Fatal(err)
	}
	if d.Len() != 2 {
		t.Errorf("%d records read, want 2", d.Len())
	}
}

func jsonLine(r any) ([]byte, error) { return json.Marshal(r) }
