package report

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"

	"digicheck/questionnaire"
	"digicheck/record"
)

// endMarkFixtures are four records, one an amendment: an export of them
// has four record lines.
func endMarkFixtures() []fixture {
	return []fixture{
		{n: 1, day: "2026-01-05", team: "Ward 9", patient: "P1", bands: questionnaire.Bands{Access: sig}},
		{n: 2, day: "2026-01-06", team: "Ward 9", patient: "P1", status: record.Amended, amends: 1, bands: questionnaire.Bands{Access: some}},
		{n: 3, day: "2026-01-07", team: "Ward 9", patient: "P2", bands: questionnaire.Bands{Access: sig}},
		{n: 4, day: "2026-01-08", team: "Ward 7", patient: "P3", bands: questionnaire.Bands{Access: sig}},
	}
}

// cutAtLineEnd is b without its last k lines: a file cut short at a line
// end, as a full disk or an interrupted copy leaves it.
func cutAtLineEnd(b []byte, k int) []byte {
	end := len(b)
	for range k {
		end = bytes.LastIndexByte(b[:end-1], '\n') + 1
	}
	return b[:end]
}

// TestAnExportCutShortAtALineEndIsRefusedByTheSummary: a QI lead
// summarises an export that a full disk or an interrupted copy cut short
// exactly at a line's end. Every line left is whole, so it was read as
// the whole export: fewer assessments counted, and nothing said. An
// export ends with an end mark that says how many records it holds; one
// without it, or whose count is not the records read, is refused, naming
// the file and saying it is incomplete. The whole export is counted as
// before.
func TestAnExportCutShortAtALineEndIsRefusedByTheSummary(t *testing.T) {
	for _, format := range []string{FormatCSV, FormatNDJSON} {
		t.Run(format, func(t *testing.T) {
			whole := exportBytes(t, exportOf(t, storeOf(t, records(t, endMarkFixtures())), format, testKey))
			in := &Inputs{}
			if err := addExportErr(in, whole, "whole."+format, format); err != nil {
				t.Fatalf("the whole export is refused: %v", err)
			}
			s, err := in.Summarise(Options{Exact: true})
			if err != nil || whole2(t, s) != 3 {
				t.Fatalf("the whole export: %v assessed, want 3 (%v)", s, err)
			}
			for _, k := range []int{1, 2, 3} {
				cut := cutAtLineEnd(whole, k)
				in := &Inputs{}
				err := addExportErr(in, cut, "cut."+format, format)
				if err == nil {
					s, serr := in.Summarise(Options{Exact: true})
					if serr == nil {
						t.Errorf("the export without its last %d lines is read as whole: %d assessed, nothing said", k, whole2(t, s))
						continue
					}
					err = serr
				}
				if !strings.Contains(err.Error(), "cut.") || !strings.Contains(err.Error(), "incomplete") {
					t.Errorf("the export without its last %d lines: refused without naming the file as incomplete: %v", k, err)
				}
			}
		})
	}
}

// TestAnExportOfAnEarlierBuildWithNoEndMarkIsReadWithANote: an export made
// before exports carried an end mark is read as before, and the summary
// notes that whether it is complete cannot be checked.
func TestAnExportOfAnEarlierBuildWithNoEndMarkIsReadWithANote(t *testing.T) {
	for _, format := range []string{FormatCSV, FormatNDJSON} {
		t.Run(format, func(t *testing.T) {
			earlier, err := os.ReadFile("testdata/export-before-fingerprints." + format)
			if err != nil {
				t.Fatal(err)
			}
			in := &Inputs{}
			if err := addExportErr(in, earlier, "earlier."+format, format); err != nil {
				t.Fatalf("the earlier build's export is refused: %v", err)
			}
			if _, err := in.Summarise(Options{Exact: true}); err != nil {
				t.Fatalf("the earlier build's export is refused: %v", err)
			}
			notes := strings.Join(in.UnmarkedNotes(), "\n")
			if !strings.Contains(notes, "earlier."+format) || !strings.Contains(notes, "cannot be checked") {
				t.Errorf("no note that the earlier build's export cannot be checked for completeness: %q", notes)
			}
			current := exportBytes(t, exportOf(t, storeOf(t, records(t, endMarkFixtures())), format, testKey))
			in = &Inputs{}
			if err := addExportErr(in, current, "current."+format, format); err != nil {
				t.Fatal(err)
			}
			if notes := in.UnmarkedNotes(); len(notes) > 0 {
				t.Errorf("this build's export, whole, is noted as unchecked: %q", notes)
			}
		})
	}
}

func addExportErr(in *Inputs, b []byte, name, format string) error {
	if format == FormatCSV {
		return in.AddCSV(bytes.NewReader(b), name)
	}
	return in.AddNDJSON(bytes.NewReader(b), name)
}

func whole2(t *testing.T, s *Summary) int {
	t.Helper()
	return whole(t, s, MeasureAssessed, "")
}

// withoutEndRow is a CSV export's rows, its header first, without its
// last row, the end mark (when it has one).
func withoutEndRow(rows [][]string) [][]string {
	if len(rows) < 2 {
		return rows
	}
	i := slices.Index(rows[0], EndMarkColumn)
	if i >= 0 && i < len(rows[len(rows)-1]) && rows[len(rows)-1][i] != "" {
		return rows[:len(rows)-1]
	}
	return rows
}

// withoutMarkLines is an NDJSON export without its first and last lines,
// its end mark's: its records' lines alone.
func withoutMarkLines(b []byte) []byte {
	var out []byte
	for _, l := range bytes.SplitAfter(b, []byte("\n")) {
		if !isMarkLine(l) {
			out = append(out, l...)
		}
	}
	return out
}

// earlierColumns are the CSV export's columns before the end mark: a file
// made of them is read as an earlier build's export.
var earlierColumns = slices.DeleteFunc(slices.Clone(csvColumns), func(c string) bool { return c == EndMarkColumn || c == RowCheckColumn })
