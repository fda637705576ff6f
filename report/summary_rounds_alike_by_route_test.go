package report

import (
	"bytes"
	"encoding/csv"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestEveryRouteFromOneStoreRoundsAlike: the store, its identifiable and
// its pseudonymised CSV and NDJSON exports (under two pseudonym keys) hold
// the same assessments, so their protected summaries show every cell the
// same: a cell rounded one way from the store and another from an export
// is two roundings of one count, and a "*" in one beside a 10 in the
// other says the count is 6 to 9.
func TestEveryRouteFromOneStoreRoundsAlike(t *testing.T) {
	st, _ := pseudoStore(t, 1500)
	o := Options{Location: time.UTC, From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)}
	want, err := SummariseStore(st, o)
	if err != nil {
		t.Fatal(err)
	}
	type route struct {
		name, format string
		opt          ExportOptions
	}
	routes := []route{
		{"identifiable.csv", FormatCSV, ExportOptions{Identifiable: true, Location: time.UTC}},
		{"identifiable.ndjson", FormatNDJSON, ExportOptions{Identifiable: true, Location: time.UTC}},
		{"pseudonymised.csv", FormatCSV, ExportOptions{Key: testKey, Location: time.UTC}},
		{"pseudonymised.ndjson", FormatNDJSON, ExportOptions{Key: testKey, Location: time.UTC}},
		{"otherkey.csv", FormatCSV, ExportOptions{Key: otherKey, Location: time.UTC}},
		{"otherkey.ndjson", FormatNDJSON, ExportOptions{Key: otherKey, Location: time.UTC}},
	}
	for _, r := range routes {
		t.Run(r.name, func(t *testing.T) {
			var b bytes.Buffer
			var err error
			if r.format == FormatCSV {
				_, err = ExportCSV(&b, st, r.opt)
			} else {
				_, err = ExportNDJSON(&b, st, r.opt)
			}
			if err != nil {
				t.Fatal(err)
			}
			in := &Inputs{}
			addExport(t, in, bytes.NewReader(b.Bytes()), r.name, r.format)
			got, err := in.Summarise(o)
			if err != nil {
				t.Fatal(err)
			}
			wc, gc := cells(want), cells(got)
			differ, exact, shown := 0, 0, 0
			for k, i := range wc {
				j, ok := gc[k]
				if !ok {
					t.Errorf("%s: no cell %s", r.name, k)
					continue
				}
				w, g := want.Cells[i], got.Cells[j]
				if w.Count != g.Count {
					exact++
				}
				if !w.Suppressed {
					shown++
				}
				if want.Value(i) != got.Value(j) {
					if differ < 5 {
						t.Errorf("%s: %s shown %s from the store, %s from the export (exact %d)", r.name, k, want.Value(i), got.Value(j), w.Count)
					}
					differ++
				}
			}
			if exact > 0 {
				t.Errorf("%s: %d exact counts differ from the store's: the routes do not hold the same assessments", r.name, exact)
			}
			if differ > 0 {
				t.Errorf("%s: %d of %d cells shown differently from the store's", r.name, differ, len(wc))
			}
			if shown < 100 {
				t.Errorf("only %d cells shown: too few to tell a rounding", shown)
			}
		})
	}
}

// TestAnExportWithoutRecordKeysIsSaidToRoundByItsOwnIds: a pseudonymised
// export made before exports carried record keys (or with the column
// taken out) is still summarised, exactly as before, and the summary
// says its counts are rounded by its own ids; one that carries them is
// not named.
func TestAnExportWithoutRecordKeysIsSaidToRoundByItsOwnIds(t *testing.T) {
	st, _ := pseudoStore(t, 300)
	for _, format := range []string{FormatCSV, FormatNDJSON} {
		t.Run(format, func(t *testing.T) {
			keyed := exportOf(t, st, format, testKey)
			b, _ := io.ReadAll(keyed)
			var bare []byte
			if format == FormatCSV {
				bare = withoutCSVColumn(t, b, RecordKeyColumn)
			} else {
				bare = regexp.MustCompile(`,"`+RecordKeyColumn+`":"[0-9a-f]{8}"`).ReplaceAll(b, nil)
			}
			if bytes.Equal(bare, b) || bytes.Contains(bare, []byte(RecordKeyColumn)) {
				t.Fatal("the record keys were not taken out")
			}
			in := &Inputs{}
			addExport(t, in, bytes.NewReader(b), "new."+format, format)
			addExport(t, in, bytes.NewReader(bare), "old."+format, format)
			ws := in.UnkeyedWarnings()
			if len(ws) != 1 || !strings.Contains(ws[0], "old."+format) || !strings.Contains(ws[0], "300 records") {
				t.Errorf("warnings %q, want one naming old.%s and its 300 records", ws, format)
			}
			if _, err := in.Summarise(Options{Location: time.UTC}); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// withoutCSVColumn is a CSV file without the column named.
func withoutCSVColumn(t *testing.T, b []byte, name string) []byte {
	t.Helper()
	rs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	j := slices.Index(rs[0], name)
	if j < 0 {
		t.Fatalf("no column %s", name)
	}
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	for _, r := range rs {
		if err := w.Write(slices.Delete(r, j, j+1)); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	return out.Bytes()
}
