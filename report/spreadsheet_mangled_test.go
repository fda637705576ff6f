package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

// TestAnExportASpreadsheetChangedIsSaidToBeSo: a CSV export opened and
// saved again in a spreadsheet was refused as 'record key "405512": not 8
// hex digits' (its leading zeros dropped) or 'time: parsing time
// "2026-01-01 00:00" as "2006-01-02T15:04:05Z07:00": cannot parse " 00:00"
// as "T"', Go's layout, not words for a QI lead, or 'record key
// "3.98226E+12": not 8 hex digits' (Excel's number for 398226e7). Each
// now says a spreadsheet probably changed the column, how, and what to do.
func TestAnExportASpreadsheetChangedIsSaidToBeSo(t *testing.T) {
	next := 0
	st := storeOf(t, bulk(t, &next, 3, fixture{day: "2025-01-06", team: "Ward 7"}))
	var b bytes.Buffer
	if _, err := ExportCSV(&b, st, ExportOptions{Key: testKey}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) int {
		for i, h := range rows[0] {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %s", name)
		return -1
	}
	for _, c := range []struct {
		column, value, says string
	}{
		{"record_key", "405512", "lost its leading zeros"},
		// Excel reads a key of digits, e and digits (398226e7) as a
		// number, and saves it as 3.98226E+12: about one key in sixty,
		// so nearly every export of some hundreds of records re-saved
		// in Excel was refused as a bare 'not 8 hex digits'.
		{"record_key", "3.98226E+12", "read it as a number"},
		{"record_key", "8.64E+6", "read it as a number"},
		{"record_key", "3982260000000", "read it as a number"},
		{"time", "2025-01-06 11:00", "such as 2026-01-05T11:00:00Z"},
		{"time", "06/01/2025 11:00", "such as 2026-01-05T11:00:00Z"},
	} {
		mangled := make([][]string, len(rows))
		for i := range rows {
			mangled[i] = append([]string(nil), rows[i]...)
		}
		mangled[1][col(c.column)] = c.value
		var out bytes.Buffer
		w := csv.NewWriter(&out)
		if err := w.WriteAll(mangled); err != nil {
			t.Fatal(err)
		}
		in := &Inputs{}
		err := in.AddCSV(bytes.NewReader(out.Bytes()), "excel.csv")
		if err == nil {
			_, err = in.Summarise(Options{By: Month, Exact: true})
		}
		if err == nil {
			t.Errorf("%s %q: read", c.column, c.value)
			continue
		}
		msg := err.Error()
		for _, want := range []string{"excel.csv:2", "a spreadsheet probably changed the column", c.says, "Export the file again"} {
			if !strings.Contains(msg, want) {
				t.Errorf("%s %q: %q does not say %q", c.column, c.value, msg, want)
			}
		}
		if strings.Contains(msg, "2006-01-02") || strings.Contains(msg, "cannot parse") {
			t.Errorf("%s %q: %q gives Go's layout", c.column, c.value, msg)
		}
	}
}
