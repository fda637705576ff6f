package report

import (
	"bytes"
	"encoding/csv"
	"slices"
	"testing"
	"time"
)

// TestACSVExportsDateColumnReformattedChangesNoCount: the export's help
// says a summary ignores the date column (a spreadsheet may rewrite it as
// 05/01/2026, or in its own locale's order): counted from time and
// time_zone, the summary of the file with every date rewritten, or
// emptied, is the summary of the file as exported.
func TestACSVExportsDateColumnReformattedChangesNoCount(t *testing.T) {
	st := storeOf(t, records(t, wardFixtures()))
	var b bytes.Buffer
	if _, err := ExportCSV(&b, st, ExportOptions{Key: testKey, Location: time.UTC}); err != nil {
		t.Fatal(err)
	}
	counts := func(raw []byte) map[string]int {
		in := &Inputs{}
		if err := in.AddCSV(bytes.NewReader(raw), "x.csv"); err != nil {
			t.Fatal(err)
		}
		s := summarise(t, in, Options{By: Month, Exact: true, Location: time.UTC})
		out := map[string]int{}
		for i, c := range s.Cells {
			out[key(c)] = s.Cells[i].Count
		}
		return out
	}
	want := counts(b.Bytes())
	rows := readCSV(t, b.Bytes())
	date := slices.Index(rows[0], "date")
	for _, rewrite := range []func(string) string{
		func(d string) string { return d[8:10] + "/" + d[5:7] + "/" + d[:4] },
		func(string) string { return "" },
		func(string) string { return "1999-12-31" },
	} {
		var out bytes.Buffer
		w := csv.NewWriter(&out)
		for i, r := range rows {
			r = slices.Clone(r)
			if i > 0 && r[date] != "" {
				r[date] = rewrite(r[date])
			}
			w.Write(r)
		}
		w.Flush()
		got := counts(out.Bytes())
		for k, v := range want {
			if got[k] != v {
				t.Errorf("date column rewritten (%s): %s counts %d, want %d", rewrite("2026-01-05"), k, got[k], v)
			}
		}
	}
}
