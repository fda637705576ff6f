package report

import (
	"bytes"
	"strings"
	"testing"
)

// TestACSVExportWithItsRowCheckColumnTakenOutIsRefused: with the whole
// row_check column deleted (the end mark's check of every row was in it
// too), a CSV export read as one made before row checks: three rows'
// team renamed were counted as another team, and a SERVER SHORT export
// with its damaged_store column deleted as well was summarised with no
// mark. The end mark's words now say its rows were checked, and such a
// file with no row_check column is refused, naming the end mark's line;
// one made before row checks (no such words) still reads.
func TestACSVExportWithItsRowCheckColumnTakenOutIsRefused(t *testing.T) {
	export := syntheticExport(t, FormatCSV)
	rows, col := csvCells(t, export)
	if !strings.Contains(rows[len(rows)-1][col["id"]], "; "+RowsChecked+"; ") {
		t.Fatalf("the end mark does not say its rows were checked: %q", rows[len(rows)-1][col["id"]])
	}
	for i := 29; i < 32; i++ {
		rows[i][col["team"]] = "Other Team"
	}
	edited := withoutCSVColumn(t, csvBytes(t, rows, false, true), RowCheckColumn)
	err := addExportErr(&Inputs{CheckBands: true}, edited, "A.csv", FormatCSV)
	if err == nil || !strings.Contains(err.Error(), "A.csv:"+itoa(len(rows))+": this export's end mark says its rows carry row checks, but its row_check column has been taken out") {
		t.Fatalf("the export with its row_check column taken out: %v", err)
	}
	// As an earlier build wrote it, words and all: read.
	earlier := bytes.Replace(withoutCSVColumn(t, export, RowCheckColumn), []byte("; "+RowsChecked), nil, 1)
	if err := addExportErr(&Inputs{CheckBands: true}, earlier, "A.csv", FormatCSV); err != nil {
		t.Fatalf("an export as an earlier build wrote it is refused: %v", err)
	}
}

// TestAnNDJSONExportWithItsRowCheckFieldTakenOutIsRefused: with the
// row_check field deleted from every line, the end line's too (jq
// 'del(.row_check)'), an NDJSON export read as one made before row
// checks, unchecked and with no note: two lines' team renamed were
// counted as another team. The end line now says its lines were checked
// ("rows":"checked"), and such a file with no row_check is refused,
// naming the end line; one as an earlier build wrote it still reads.
func TestAnNDJSONExportWithItsRowCheckFieldTakenOutIsRefused(t *testing.T) {
	export := syntheticExport(t, FormatNDJSON)
	lines := bytes.SplitAfter(export, []byte("\n"))
	if lines[len(lines)-1] == nil || len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	endAt := len(lines)
	if !bytes.Contains(lines[endAt-1], []byte(`"`+RowsCheckedField+`":"`+RowsCheckedValue+`"`)) {
		t.Fatalf("the end line does not say its lines were checked: %s", lines[endAt-1])
	}
	without := func(b []byte) []byte {
		i := bytes.Index(b, []byte(`,"`+RowCheckColumn+`":"`))
		if i < 0 {
			return b
		}
		j := bytes.IndexByte(b[i+len(RowCheckColumn)+5:], '"')
		return append(bytes.Clone(b[:i]), b[i+len(RowCheckColumn)+5+j+1:]...)
	}
	var edited, earlier []byte
	for i, l := range lines {
		l = without(l)
		if i == 30 || i == 31 {
			l = bytes.Replace(l, []byte(`"team":"`), []byte(`"team":"Other Team`), 1)
		}
		edited = append(edited, l...)
		earlier = append(earlier, bytes.Replace(without(lines[i]), []byte(`,"`+RowsCheckedField+`":"`+RowsCheckedValue+`"`), nil, 1)...)
	}
	if bytes.Contains(edited, []byte(RowCheckColumn)) {
		t.Fatalf("a row_check left in:\n%.500s", edited)
	}
	err := addExportErr(&Inputs{CheckBands: true}, edited, "A.ndjson", FormatNDJSON)
	if err == nil || !strings.Contains(err.Error(), "A.ndjson:"+itoa(endAt)+": this export's end line says its lines carry row checks, but the row_check field has been taken out") {
		t.Fatalf("the export with its row_check fields taken out: %v", err)
	}
	// As an earlier build wrote it: read.
	if err := addExportErr(&Inputs{CheckBands: true}, earlier, "A.ndjson", FormatNDJSON); err != nil {
		t.Fatalf("an export as an earlier build wrote it is refused: %v", err)
	}
}
