package main

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"digicheck/record"
)

// dueColumns are the columns of due's list, as its header names them.
var dueColumns = []string{"REVIEW BY", "DUE", "PATIENT", "TEAM", "ASSESSED", "BY", "RECORD"}

// dueShown is what the list says of each row, column by column (spaces
// dropped: a name wrapped is read on), without TEAM when one team is
// asked for.
func dueShown(rows []dueRow, team string) []map[string]string {
	var out []map[string]string
	for _, r := range rows {
		m := map[string]string{
			"REVIEW BY": r.due, "DUE": when(r.days), "PATIENT": r.r.Patient.String(),
			"ASSESSED": r.r.Time.Local().Format("2006-01-02"), "BY": r.r.Clinician, "RECORD": r.shortID,
		}
		if r.setBy == "default" {
			m["REVIEW BY"] += "*"
		}
		if r.unlinked > 1 {
			m["RECORD"] += "+"
		}
		if team == "" {
			m["TEAM"] = r.r.Team
			if m["TEAM"] == "" {
				m["TEAM"] = "-"
			}
		}
		for k, v := range m {
			m[k] = strings.ReplaceAll(v, " ", "")
		}
		out = append(out, m)
	}
	return out
}

// readDue reads due's list back, as a table (a header line naming the
// columns, a record a line, a name too long for its column wrapped onto
// lines under it that start with a blank) or as a block a record (a line
// a column, its name then its value, a value too long wrapped onto lines
// that start with a blank; a blank line between records), into what each
// record says in each column, spaces dropped.
func readDue(t *testing.T, lines []string) []map[string]string {
	t.Helper()
	var out []map[string]string
	if header := lines[0]; strings.HasPrefix(header, "REVIEW BY") && strings.Contains(header, "RECORD") {
		var names []string
		var at []int
		from := 0 // the columns are in order: BY after ASSESSED, not in REVIEW BY
		for _, c := range dueColumns {
			if i := strings.Index(header[from:]+" ", c+" "); i >= 0 && (from+i == 0 || header[from+i-1] == ' ') {
				names, at = append(names, c), append(at, ansi.StringWidth(header[:from+i]))
				from += i + len(c)
			}
		}
		at = append(at, 1<<20)
		for _, l := range lines[1:] {
			if !strings.HasPrefix(l, " ") {
				out = append(out, map[string]string{})
			}
			if len(out) == 0 {
				t.Fatalf("a line under the header that starts with a blank: %q", l)
			}
			for k, c := range names {
				out[len(out)-1][c] += strings.ReplaceAll(ansi.Cut(l, at[k], at[k+1]), " ", "")
			}
		}
		return out
	}
	// A block a record: the longest name a line starts with is its column
	// (REVIEW BY, not BY).
	byLength := slices.Clone(dueColumns)
	slices.SortFunc(byLength, func(a, b string) int { return len(b) - len(a) })
	var last string
	fresh := true
	for _, l := range lines {
		if l == "" {
			fresh = true
			continue
		}
		if fresh {
			out = append(out, map[string]string{})
			fresh = false
		}
		m := out[len(out)-1]
		if strings.HasPrefix(l, " ") {
			if last == "" {
				t.Fatalf("a record's first line starts with a blank: %q", l)
			}
			m[last] += strings.ReplaceAll(l, " ", "")
			continue
		}
		last = ""
		for _, c := range byLength {
			if strings.HasPrefix(l, c+" ") || l == c {
				last = c
				break
			}
		}
		if last == "" {
			t.Fatalf("a line that names no column: %q", l)
		}
		if _, twice := m[last]; twice {
			t.Fatalf("a record names %s twice: %q", last, l)
		}
		m[last] = strings.ReplaceAll(strings.TrimPrefix(l, last), " ", "")
	}
	return out
}

// narrowDueRows are patients due whose names are long, begin alike, are
// wide (CJK, two columns a character) or missing, one with a date from the
// default review period (*) and one of several assessments (+).
func narrowDueRows() []dueRow {
	rows := alikeRows()
	at := time.Date(2025, 10, 1, 9, 0, 0, 0, time.Local)
	for i, p := range []struct{ kind, patient, team, clinician, setBy string }{
		{record.NHSNumber, "9434765919", "病房七号社区护理团队和康复中心专科", "王芳医生主任医师专家门诊", "saved"},
		{record.LocalID, "RX1-000123", "", "R Patel", "default"},
		{record.NHSNumber, "9434765870", "Ward 7", "A Nurse", "saved"},
	} {
		r := record.Record{Patient: record.PatientID{Kind: p.kind, Value: p.patient}, Team: p.team, Clinician: p.clinician, Time: at}
		rows = append(rows, dueRow{due: "2026-10-01", days: -65 + i, r: r, setBy: p.setBy, shortID: fmt.Sprintf("01a2b3c%d", i), unlinked: i})
	}
	return rows
}

// TestDueReadsWholeAtEveryWidth: at a terminal of 40, 60, 80, 100 or 200
// columns, with or without --team, every line of due's list keeps to the
// width (at 40 and 60 the seven columns were drawn wider than the
// terminal, which broke each record over lines that read as nonsense), and
// the list reads back, record by record in order, with each column's
// value under its own name: the dates, the patient, the team and
// clinician whole (wrapped, never cut with an ellipsis), the record id
// with its + and the review date with its *. The patient and the record
// id are whole on one line. The footnotes for * and + are said, each
// within the width. Piped, it is one line a record, with no escape code.
func TestDueReadsWholeAtEveryWidth(t *testing.T) {
	t.Parallel()
	rows := narrowDueRows()
	for _, team := range []string{"", "Ward 7"} {
		for _, width := range []int{40, 60, 80, 100, 200} {
			var out, errb bytes.Buffer
			if err := writeDueText(&out, &errb, rows, 0, team, width, true); err != nil {
				t.Fatal(err)
			}
			text := strings.TrimRight(out.String(), "\n")
			lines := strings.Split(text, "\n")
			for _, l := range append(slices.Clone(lines), strings.Split(strings.TrimRight(errb.String(), "\n"), "\n")...) {
				if w := ansi.StringWidth(l); w > width {
					t.Errorf("team %q at %d: a line of %d columns: %q", team, width, w, l)
				}
			}
			if strings.Contains(text, "…") || strings.Contains(text, "\x1b") {
				t.Errorf("team %q at %d: a name cut, or an escape code:\n%s", team, width, text)
			}
			got, want := readDue(t, lines), dueShown(rows, team)
			if len(got) != len(want) {
				t.Fatalf("team %q at %d: %d records read back, want %d:\n%s", team, width, len(got), len(want), text)
			}
			for i := range want {
				if !maps.Equal(got[i], want[i]) {
					t.Errorf("team %q at %d: record %d reads %q, want %q:\n%s", team, width, i+1, got[i], want[i], text)
				}
			}
			for _, r := range rows {
				if !strings.Contains(text, r.r.Patient.String()) || !strings.Contains(text, r.shortID) {
					t.Errorf("team %q at %d: patient %s or record %s not whole on a line:\n%s", team, width, r.r.Patient, r.shortID, text)
				}
			}
			notes := strings.Join(strings.Fields(errb.String()), " ")
			for _, n := range []string{"* saved before review dates were kept: due review_months after the assessment.",
				"+ the latest made of the patient's several assessments that count, none a follow-up of another: see them with digicheck history PATIENT."} {
				if !strings.Contains(notes, n) {
					t.Errorf("team %q at %d: the footnote %q is not said:\n%s", team, width, n, errb.String())
				}
			}
		}
	}
	var out, errb bytes.Buffer
	if err := writeDueText(&out, &errb, rows, 0, "", 40, false); err != nil {
		t.Fatal(err)
	}
	piped := strings.Split(strings.TrimRight(out.String(), "\n"), "\n")
	if len(piped) != 1+len(rows) || strings.Contains(out.String(), "\x1b") {
		t.Errorf("piped, want a header and one line a record, plain:\n%s", out.String())
	}
	for i, r := range rows {
		if l := piped[min(i+1, len(piped)-1)]; !strings.Contains(l, r.r.Patient.String()) || !strings.Contains(l, r.r.Clinician) || !strings.Contains(l, r.shortID) {
			t.Errorf("piped, record %d's line does not hold it whole: %q", i+1, l)
		}
	}
}
