package report

import (
	"bytes"
	"strings"
	"testing"
)

// An export with its row checks taken out was marked ROWS NOT CHECKED,
// but one with its end mark (the last row, and the end_mark column) taken
// out as well was counted, rows edited and all (a team renamed, a damaged
// store's mark taken out), under COMPLETENESS NOT CHECKED alone, which
// says records may be missing, not that rows may have been changed. An
// export with no end mark whose rows carry no row checks is now said, in
// every format and on standard error, to be both: rows not checked (they
// may have been changed) and completeness not checked (records may be
// missing).
func TestAnExportWithNoEndMarkNorRowChecksIsSaidBothNotChecked(t *testing.T) {
	csvExport := syntheticExport(t, FormatCSV)
	rows, col := csvCells(t, csvExport)
	for i := 1; i <= 5; i++ {
		rows[i][col["team"]] = "Renamed team"
	}
	stripped := withoutCSVColumn(t, withoutCSVColumn(t, csvBytes(t, withoutEndRow(rows), false, true), RowCheckColumn), EndMarkColumn)

	var ndjson []byte
	for i, l := range bytes.SplitAfter(withoutMarkLines(syntheticExport(t, FormatNDJSON)), []byte("\n")) {
		if j := bytes.Index(l, []byte(`,"`+RowCheckColumn+`":"`)); j >= 0 {
			k := bytes.IndexByte(l[j+len(RowCheckColumn)+5:], '"')
			l = append(bytes.Clone(l[:j]), l[j+len(RowCheckColumn)+5+k+1:]...)
		}
		if i < 5 {
			l = bytes.Replace(l, []byte(`"team":"`), []byte(`"team":"Renamed `), 1)
		}
		ndjson = append(ndjson, l...)
	}
	for _, c := range []struct {
		name, format string
		b            []byte
	}{
		{"stripped.csv", FormatCSV, stripped},
		{"stripped.ndjson", FormatNDJSON, ndjson},
		{"earlier.csv", FormatCSV, mustRead(t, "testdata/export-before-fingerprints.csv")},
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
			for format, out := range publishedIn(t, s) {
				flat := oneLine(out)
				if !strings.Contains(flat, "ROWS NOT CHECKED") {
					t.Errorf("%s exact=%v %s: no caveat that rows may have been changed:\n%.800s", c.name, exact, format, out)
				}
				if !strings.Contains(flat, "COMPLETENESS NOT CHECKED") {
					t.Errorf("%s exact=%v %s: no caveat that records may be missing:\n%.800s", c.name, exact, format, out)
				}
			}
			if notes := strings.Join(in.RowsUncheckedNotes(), "\n"); !strings.Contains(notes, c.name) {
				t.Errorf("%s: nothing said for standard error of its rows not checked: %q", c.name, notes)
			}
		}
	}
}
