package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"digicheck/record"
)

// alikeRows are two patients due whose teams and clinicians begin alike and
// differ only at the end of names too long for an 80-column terminal.
func alikeRows() []dueRow {
	var rows []dueRow
	for i, p := range []struct{ local, team, clinician string }{
		{"ALIKE1", "Community Neurological Rehabilitation North", "Dr Alexandra Montgomery-Fitzwilliam"},
		{"ALIKE2", "Community Neurological Rehabilitation South", "Dr Alexandra Montgomery-Hargreaves"},
	} {
		r := record.Record{Patient: record.PatientID{Kind: record.LocalID, Value: p.local}, Team: p.team, Clinician: p.clinician,
			Time: time.Date(2025, 11, 3, 10, 0, 0, 0, time.Local)}
		rows = append(rows, dueRow{due: "2026-11-03", days: -31 - i, r: r, setBy: "saved", shortID: "0189ab" + string(rune('0'+i))})
	}
	return rows
}

// columnText is what the rows of a record (its first line and the lines
// under it, which start with a space) hold between the columns that begin
// at from and at to, named in the header; spaces dropped, as a name
// wrapped is read on.
func columnText(t *testing.T, lines []string, header string, from, to string) []string {
	t.Helper()
	a, b := strings.Index(header, "  "+from+" "), strings.Index(header, "  "+to)
	if a < 0 || b < 0 {
		t.Fatalf("no %s or %s column in %q", from, to, header)
	}
	a, b = a+2, b+2
	var out []string
	for _, l := range lines {
		cell := ansi.Cut(l, a, b) // by terminal columns: a CJK character takes two
		if strings.HasPrefix(l, " ") && len(out) > 0 {
			out[len(out)-1] += cell
		} else {
			out = append(out, cell)
		}
	}
	for i := range out {
		out[i] = strings.ReplaceAll(out[i], " ", "")
	}
	return out
}

// TestDueAtATerminalWrapsNamesSoTeamsThatBeginAlikeCanBeToldApart: at 80
// columns `due` cut the team and clinician names to fit ("Community
// Neur…" twice), so two teams that begin alike could not be told apart,
// nor two clinicians. At a terminal the names now wrap within their
// columns, whole, every line keeping to the width; piped, it is one line a
// record with the names whole, for grep and sort.
func TestDueAtATerminalWrapsNamesSoTeamsThatBeginAlikeCanBeToldApart(t *testing.T) {
	t.Parallel()
	rows := alikeRows()
	var out, errb bytes.Buffer
	if err := writeDueText(&out, &errb, rows, 0, "", 80, true); err != nil {
		t.Fatal(err)
	}
	text := strings.TrimRight(out.String(), "\n")
	lines := strings.Split(text, "\n")
	for _, l := range lines {
		if w := ansi.StringWidth(l); w > 80 {
			t.Errorf("a line of %d columns at an 80-column terminal: %q", w, l)
		}
	}
	if strings.Contains(text, "…") {
		t.Errorf("a name is cut at an 80-column terminal:\n%s", text)
	}
	teams := columnText(t, lines[1:], lines[0], "TEAM", "ASSESSED")
	bys := columnText(t, lines[1:], lines[0], "BY", "RECORD")
	if len(teams) != len(rows) || len(bys) != len(rows) {
		t.Fatalf("want %d records, found %d teams and %d clinicians:\n%s", len(rows), len(teams), len(bys), text)
	}
	for i, r := range rows {
		if want := strings.ReplaceAll(r.r.Team, " ", ""); teams[i] != want {
			t.Errorf("record %d's team reads %q, want %q whole:\n%s", i+1, teams[i], r.r.Team, text)
		}
		if want := strings.ReplaceAll(r.r.Clinician, " ", ""); bys[i] != want {
			t.Errorf("record %d's clinician reads %q, want %q whole:\n%s", i+1, bys[i], r.r.Clinician, text)
		}
	}

	out.Reset()
	if err := writeDueText(&out, &errb, rows, 0, "", 80, false); err != nil {
		t.Fatal(err)
	}
	piped := strings.Split(strings.TrimRight(out.String(), "\n"), "\n")
	if len(piped) != 1+len(rows) {
		t.Fatalf("piped, want a header and one line a record:\n%s", out.String())
	}
	for i, r := range rows {
		if l := piped[i+1]; !strings.Contains(l, r.r.Team) || !strings.Contains(l, r.r.Clinician) || !strings.Contains(l, r.r.Patient.Value) {
			t.Errorf("piped, record %d's line does not hold its names whole: %q", i+1, l)
		}
	}
}
