package report

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// reshaped is the CSV export b with each row (the header with it) passed
// through edit, written with sep between fields.
func reshaped(t *testing.T, b []byte, sep rune, edit func(row []string, header bool) []string) []byte {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	w.Comma = sep
	for i, row := range rows {
		if err := w.Write(edit(slices.Clone(row), i == 0)); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	return out.Bytes()
}

// A CSV export opened in a spreadsheet and saved again with its columns
// moved, its header upper-cased or its fields separated by tabs (Excel's
// "Text (Tab delimited)") was refused as "not a digicheck store (not a
// bbolt database, or one of some other program)": nothing said it was
// read as a CSV export, nor what in its header was not as exported.
// Columns moved are read by their names, as the export's own columns are,
// and counted as the export is; a header in another case, tabs between
// fields, or a column missing, is refused as a CSV export, naming it.
func TestACSVExportWithItsHeaderChangedIsReadOrRefusedAsACSVExport(t *testing.T) {
	st := storeOf(t, records(t, wardFixtures()))
	var export bytes.Buffer
	if _, err := ExportCSV(&export, st, ExportOptions{Key: testKey, Location: time.UTC}); err != nil {
		t.Fatal(err)
	}
	write := func(name string, b []byte) string {
		path := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	summary := func(name string, b []byte) map[string]int {
		t.Helper()
		if kind, err := Sniff(write(name, b)); err != nil || kind != InputCSV {
			t.Errorf("%s taken for %q (%v), not a CSV export", name, kind, err)
			return nil
		}
		in := &Inputs{}
		if err := in.AddCSV(bytes.NewReader(b), name); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		s, err := in.Summarise(Options{Exact: true, Location: time.UTC})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return cells(s)
	}
	want := summary("export.csv", export.Bytes())
	swapped := reshaped(t, export.Bytes(), ',', func(row []string, _ bool) []string {
		row[0], row[1] = row[1], row[0]
		return row
	})
	if got := summary("reorder.csv", swapped); got != nil && !reflect.DeepEqual(got, want) {
		t.Errorf("the export with its first two columns swapped is counted otherwise than the export")
	}

	drop := func(column string) func([]string, bool) []string {
		i := slices.Index(csvColumns, column)
		return func(row []string, _ bool) []string { return slices.Delete(row, i, i+1) }
	}
	for _, tc := range []struct {
		name string
		b    []byte
		want []string
	}{
		{"upper.csv", reshaped(t, export.Bytes(), ',', func(row []string, header bool) []string {
			if header {
				for i := range row {
					row[i] = strings.ToUpper(row[i])
				}
			}
			return row
		}), []string{`"ID"`, `"id"`, "case"}},
		{"tab.csv", reshaped(t, export.Bytes(), '\t', func(row []string, _ bool) []string { return row }), []string{"tab"}},
		{"noid.csv", reshaped(t, export.Bytes(), ',', drop("id")), []string{`no column "id"`}},
		{"noteam.csv", reshaped(t, export.Bytes(), ',', drop("team")), []string{`no column "team"`}},
	} {
		path := write(tc.name, tc.b)
		kind, err := Sniff(path)
		if err == nil && kind != InputCSV {
			t.Errorf("%s: taken for a %s, not refused as a CSV export", tc.name, kind)
			continue
		}
		if err == nil {
			err = (&Inputs{}).AddCSV(bytes.NewReader(tc.b), path)
		}
		if err == nil {
			t.Errorf("%s: read as it is", tc.name)
			continue
		}
		msg := err.Error()
		for _, w := range append(tc.want, "read as a digicheck CSV export", path) {
			if !strings.Contains(msg, w) {
				t.Errorf("%s: the refusal does not say %q: %s", tc.name, w, msg)
			}
		}
		if strings.Contains(msg, "bbolt") || strings.Contains(msg, "store (") {
			t.Errorf("%s: refused as a store: %s", tc.name, msg)
		}
	}
}
