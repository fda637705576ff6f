package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// asR rewrites a CSV export as R's write.csv (sep ",") or write.csv2 (sep
// ";") writes what read.csv read from it: a first column of row names
// headed "", every field quoted, and NA, unquoted, for every field of a
// column read.csv found empty throughout (a logical column of NA).
func asR(t *testing.T, export []byte, sep string) []byte {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(export)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	empty := make([]bool, len(rows[0]))
	for j := range empty {
		empty[j] = true
		for _, r := range rows[1:] {
			if r[j] != "" {
				empty[j] = false
			}
		}
	}
	var b strings.Builder
	for i, r := range rows {
		fields := []string{`""`}
		if i > 0 {
			fields = []string{fmt.Sprintf(`"%d"`, i)}
		}
		for j, f := range r {
			if i > 0 && empty[j] {
				fields = append(fields, "NA")
				continue
			}
			fields = append(fields, `"`+strings.ReplaceAll(f, `"`, `""`)+`"`)
		}
		b.WriteString(strings.Join(fields, sep) + "\n")
	}
	return []byte(b.String())
}

// TestAnExportResavedByRIsReadAsItWas: a CSV export read into R and
// written back with write.csv or write.csv2 is taken for a CSV export (not
// a store) and summarised to the very same counts as the export itself.
func TestAnExportResavedByRIsReadAsItWas(t *testing.T) {
	st := storeOf(t, records(t, wardFixtures()))
	var export bytes.Buffer
	if _, err := ExportCSV(&export, st, ExportOptions{Key: testKey, Location: time.UTC}); err != nil {
		t.Fatal(err)
	}
	summary := func(name string, b []byte) map[string]int {
		path := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		if kind, err := Sniff(path); err != nil || kind != InputCSV {
			t.Fatalf("%s taken for %q (%v), not a CSV export", name, kind, err)
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
	for name, sep := range map[string]string{"write.csv": ",", "write.csv2": ";"} {
		got := summary(name+".csv", asR(t, export.Bytes(), sep))
		if !reflect.DeepEqual(got, want) {
			for k, v := range want {
				if got[k] != v {
					t.Errorf("%s: %s = %d, want %d", name, k, got[k], v)
				}
			}
			t.Errorf("%s: the summary differs from the export's", name)
		}
	}
}

// TestAnExportBesideItsRCopyHoldsTheSameRecords: an export summarised with
// its own copy written back by R holds the same records, read twice and
// counted once, none of them differing: R's NA, unquoted, in a column of
// free text empty throughout (the interpreter language) is the empty
// field it was. It gave "19854 records differ".
func TestAnExportBesideItsRCopyHoldsTheSameRecords(t *testing.T) {
	st := storeOf(t, records(t, wardFixtures()))
	var export bytes.Buffer
	if _, err := ExportCSV(&export, st, ExportOptions{Key: testKey, Location: time.UTC}); err != nil {
		t.Fatal(err)
	}
	for name, sep := range map[string]string{"write.csv": ",", "write.csv2": ";"} {
		in := &Inputs{}
		if err := in.AddCSV(bytes.NewReader(export.Bytes()), "export.csv"); err != nil {
			t.Fatal(err)
		}
		if err := in.AddCSV(bytes.NewReader(asR(t, export.Bytes(), sep)), name+".csv"); err != nil {
			t.Fatal(err)
		}
		s, err := in.Summarise(Options{Exact: true, Location: time.UTC})
		if err != nil {
			t.Fatal(err)
		}
		if s.Duplicates == 0 || s.Conflicts != 0 {
			t.Errorf("%s: %d records read twice, %d of them differing; want all read twice and none differing", name, s.Duplicates, s.Conflicts)
		}
	}
}
