package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// A page of records lost (zeroed by a failing disk) made due list nobody
// and exit 1, with -o writing no file at all: a ward lost its whole review
// list over the two records the page held, though export and summary of
// the same file went on without them. Due now lists every patient whose
// records can be read, names each record the page held on standard error,
// marks the list itself as read from a damaged store, and ends with exit
// status 1, as the README says of a record due cannot read.
func TestDueListsTheReadablePatientsWhenAPageOfRecordsIsLost(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "digicheck.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Forty patients, one assessment each.
	var rs []record.Record
	for i := range 40 {
		r := testkit.Assessed(t, testkit.Offline(nil))
		r.Patient = record.PatientID{Kind: record.LocalID, Value: fmt.Sprintf("W%04d", i+1)}
		if err := st.Save(&r); err != nil {
			t.Fatal(err)
		}
		rs = append(rs, r)
	}
	zeroRecordsLeaf(t, path, 2)
	lost, err := st.LostRecordPages()
	if err != nil || !lost.Lost() {
		t.Fatalf("the zeroed page is not found lost (%v): the test damages the wrong page", err)
	}
	for _, format := range []string{"text", "csv"} {
		out, stderr, err := runStoreCmd(t, path, (*app).dueCmd, "--within", "3660", "--format", format)
		if err == nil {
			t.Errorf("due (%s) with a lost page of records ended as a success; want exit 1", format)
		}
		listed, named := 0, 0
		for _, r := range rs {
			if strings.Contains(out, r.Patient.Value) {
				listed++
			} else if strings.Contains(stderr, r.ID.String()) {
				named++
			}
		}
		if listed == 0 || listed+named != len(rs) || named == 0 {
			t.Errorf("due (%s): %d of %d patients listed and %d records named as left out; want every readable patient listed and every lost record named\nstdout:\n%s\nstderr:\n%s", format, listed, len(rs), named, out, stderr)
		}
		if !strings.Contains(stderr, "restore the store from a backup") {
			t.Errorf("due (%s) does not say what to do about the lost records:\n%s", format, stderr)
		}
		if format == "text" && !strings.HasPrefix(out, "DAMAGED STORE") {
			t.Errorf("the list does not say on its first line that it was read from a damaged store:\n%s", out)
		}
		if format == "csv" {
			rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil || len(rows) < 2 {
				t.Fatalf("due --format csv is not a CSV with rows (%v):\n%s", err, out)
			}
			last := len(rows[0]) - 1
			if rows[0][last] != "damaged_store" || rows[1][last] == "" {
				t.Errorf("the CSV's rows are not marked damaged_store: %q / %q", rows[0], rows[1])
			}
		}
	}
	// -o writes the list it could read, marked, as standard output does.
	file := filepath.Join(t.TempDir(), "due.csv")
	_, stderr, err := runStoreCmd(t, path, (*app).dueCmd, "--within", "3660", "--format", "csv", "-o", file)
	if err == nil {
		t.Error("due -o with a lost page of records ended as a success; want exit 1")
	}
	b, rerr := os.ReadFile(file)
	if rerr != nil || !strings.Contains(string(b), "damaged_store") || strings.Count(string(b), "\n") < 2 {
		t.Errorf("due -o left no marked list at %s (%v):\n%s\nstderr:\n%s", file, rerr, b, stderr)
	}
}
