package report

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// An export whose rows carry no row checks, though it ends with its end
// mark: its row_check column (or field) taken out together with the end
// mark's words that say its rows were checked ("; rows checked" deleted,
// or "rows":"checked" made "unchecked" or deleted), or one made by an
// earlier build. Rows edited in such a file were counted with no word,
// even in a SERVER SHORT export with its damaged_store taken out too.
// Whatever its end mark says, an export read with no row checks is now
// marked ROWS NOT CHECKED in every output of the summary, as one with no
// end mark is marked COMPLETENESS NOT CHECKED.
func TestAnExportReadWithNoRowChecksIsSaidNotCheckedInEveryOutput(t *testing.T) {
	const caveat = "ROWS NOT CHECKED"
	csvExport := syntheticExport(t, FormatCSV)
	rows, col := csvCells(t, csvExport)
	for i := 29; i < 32; i++ {
		rows[i][col["team"]] = "Other Team"
	}
	csvEdited := bytes.Replace(withoutCSVColumn(t, csvBytes(t, rows, false, true), RowCheckColumn), []byte("; "+RowsChecked), nil, 1)

	ndjsonExport := syntheticExport(t, FormatNDJSON)
	lines := bytes.SplitAfter(ndjsonExport, []byte("\n"))
	without := func(b []byte) []byte {
		i := bytes.Index(b, []byte(`,"`+RowCheckColumn+`":"`))
		if i < 0 {
			return b
		}
		j := bytes.IndexByte(b[i+len(RowCheckColumn)+5:], '"')
		return append(bytes.Clone(b[:i]), b[i+len(RowCheckColumn)+5+j+1:]...)
	}
	var unchecked, norows []byte
	for i, l := range lines {
		l = without(l)
		if i == 30 || i == 31 {
			l = bytes.Replace(l, []byte(`"team":"`), []byte(`"team":"Other Team`), 1)
		}
		unchecked = append(unchecked, bytes.Replace(l, []byte(`"`+RowsCheckedField+`":"`+RowsCheckedValue+`"`), []byte(`"`+RowsCheckedField+`":"unchecked"`), 1)...)
		norows = append(norows, bytes.Replace(l, []byte(`,"`+RowsCheckedField+`":"`+RowsCheckedValue+`"`), nil, 1)...)
	}
	for _, c := range []struct {
		name, format string
		b            []byte
	}{
		{"A.csv", FormatCSV, csvEdited},
		{"A.ndjson", FormatNDJSON, unchecked},
		{"B.ndjson", FormatNDJSON, norows},
		{"earlier.csv", FormatCSV, mustRead(t, "testdata/export-before-row-checks.csv")},
		{"earlier.ndjson", FormatNDJSON, mustRead(t, "testdata/export-before-row-checks.ndjson")},
	} {
		for _, exact := range []bool{false, true} {
			in := &Inputs{}
			if err := addExportErr(in, c.b, c.name, c.format); err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			s, err := in.Summarise(Options{Exact: exact})
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			outputs := map[string]func(*bytes.Buffer) error{
				"table":    func(b *bytes.Buffer) error { return s.WriteTableWidth(b, nil, 80) },
				"csv":      func(b *bytes.Buffer) error { return s.WriteCSV(b) },
				"json":     func(b *bytes.Buffer) error { return s.WriteJSON(b) },
				"markdown": func(b *bytes.Buffer) error { return s.WriteMarkdown(b, nil) },
				"html":     func(b *bytes.Buffer) error { return s.WriteHTML(b, HTMLOptions{}) },
			}
			for name, write := range outputs {
				var b bytes.Buffer
				if err := write(&b); err != nil {
					t.Fatalf("%s exact=%v %s: %v", c.name, exact, name, err)
				}
				flat := strings.Join(strings.Fields(b.String()), " ")
				if !strings.Contains(flat, caveat) {
					t.Errorf("%s exact=%v %s: no caveat that the export's rows could not be checked:\n%.600s", c.name, exact, name, b.String())
				}
			}
			if notes := strings.Join(in.RowsUncheckedNotes(), "\n"); !strings.Contains(notes, c.name) {
				t.Errorf("%s: nothing said for standard error of its rows not checked: %q", c.name, notes)
			}
		}
	}

	// An export as exported, its rows checked, has no such caveat.
	in := &Inputs{}
	if err := addExportErr(in, csvExport, "whole.csv", FormatCSV); err != nil {
		t.Fatal(err)
	}
	s, err := in.Summarise(Options{Exact: true})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := s.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), caveat) || len(in.RowsUncheckedNotes()) > 0 {
		t.Errorf("an export with its rows checked is said not checked:\n%.400s", b.String())
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
