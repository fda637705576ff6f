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
