package main

import (
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/report"
	"digicheck/store"
)

// storeMissingRecords is a copy of a synthetic store of n records whose
// records' root, patient index root and the pages of records below the
// first branch are zeroed: those records are on no page, and no index
// names them (as a copy cut short leaves a store). Its records are found
// on their own pages, fewer than the store holds.
func storeMissingRecords(t *testing.T, n int) string {
	t.Helper()
	data, err := os.ReadFile(syntheticStore(t, "syn", n, 3))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "d.db")
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	bs, size := recordsBranches(t, p)
	var patRoot int64
	db, err := bolt.Open(p, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	_ = db.View(func(tx *bolt.Tx) error {
		patRoot = int64(tx.Bucket([]byte("patients")).Root())
		return nil
	})
	db.Close()
	_, root, _ := openRecordsRoot(t, p)
	for _, id := range append([]int64{root, patRoot}, bs[0].children...) {
		clear(data[id*size : (id+1)*size])
	}
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// A store that holds more records than any readable page holds or names
// gives a list of reviews due that may lack a patient. The export of it
// says how many were found of those the store holds, marks every row and
// fails at the end; due must say the same of its list, in the list and on
// standard error, and end with exit status 1, never call it whole.
func TestDueOfAStoreMissingRecordsNoPageHoldsSaysItsListMayBeShort(t *testing.T) {
	t.Parallel()
	const n = 300
	p := storeMissingRecords(t, n)
	howMany := regexp.MustCompile(`\d+ record\(s\) found of the 300 the store holds, \d+ lost`)
	for _, format := range []string{"text", "csv"} {
		os.Remove(p + ".damaged")
		out, stderr, err := runStoreCmd(t, p, (*app).dueCmd, "--within", "3660", "--format", format)
		said := strings.Join(strings.Fields(stderr), " ")
		if err == nil || exitStatus(err) != 1 || !errors.Is(err, store.ErrDamaged) {
			t.Errorf("%s: due of a store missing records ended with %v (status %d); want the damage, status 1, as export ends:\n%s", format, err, exitStatus(err), said)
		}
		if strings.Contains(said, "so it is whole") || strings.Contains(said, "every record the store holds") {
			t.Errorf("%s: due of a store missing records says its list is whole:\n%s", format, said)
		}
		if !howMany.MatchString(said) {
			t.Errorf("%s: due does not say on standard error how many records were found of those the store holds:\n%s", format, said)
		}
		if !strings.Contains(said, "may be missing") {
			t.Errorf("%s: due does not say a patient may be missing from its list:\n%s", format, said)
		}
		if format == "text" {
			head, _, _ := strings.Cut(out, "REVIEW BY")
			if !strings.Contains(head, "\nDAMAGED STORE") || !howMany.MatchString(strings.Join(strings.Fields(head), " ")) {
				t.Errorf("the list does not say in itself, at its top, how many records were found of those the store holds:\n%s", out)
			}
			if strings.Count(out, "\n") < 3 {
				t.Errorf("the patients of the records found are not listed:\n%s", out)
			}
			continue
		}
		rows, rerr := csv.NewReader(strings.NewReader(out)).ReadAll()
		if rerr != nil || len(rows) < 2 {
			t.Fatalf("csv: %v, %d rows:\n%s", rerr, len(rows), out)
		}
		last := len(rows[0]) - 1
		if rows[0][last] != report.DamagedColumn {
			t.Fatalf("csv header has no %s column: %q", report.DamagedColumn, rows[0])
		}
		for _, r := range rows[1:] {
			if !howMany.MatchString(r[last]) {
				t.Fatalf("csv row does not carry how many records were found: %q", r)
			}
		}
	}
	// Written to a file (a scheduled ward job's -o): the marked list is
	// put in place, as with unreadable records, and due still ends with
	// status 1. Nothing in place left the ward with no review list, and
	// the warning that the list "is of the records found" untrue.
	for _, format := range []string{"text", "csv"} {
		os.Remove(p + ".damaged")
		o := filepath.Join(t.TempDir(), "due."+format)
		_, stderr, err := runStoreCmd(t, p, (*app).dueCmd, "--within", "3660", "--format", format, "-o", o)
		said := strings.Join(strings.Fields(stderr), " ")
		if err == nil || exitStatus(err) != 1 || !errors.Is(err, store.ErrDamaged) {
			t.Errorf("%s -o: due of a store missing records ended with %v (status %d); want the damage, status 1", format, err, exitStatus(err))
		}
		if err != nil && strings.Contains(err.Error(), "nothing was written") || strings.Contains(said, "nothing was written") {
			t.Errorf("%s -o: due of a store missing records wrote no list: %v\n%s", format, err, said)
		}
		data, rerr := os.ReadFile(o)
		if rerr != nil {
			t.Errorf("%s -o: due of a store missing records put no list in place: %v", format, rerr)
			continue
		}
		got := string(data)
		if format == "text" {
			head, _, _ := strings.Cut(got, "REVIEW BY")
			if !strings.Contains(head, "DAMAGED STORE") || !howMany.MatchString(strings.Join(strings.Fields(head), " ")) || strings.Count(got, "\n") < 3 {
				t.Errorf("text -o: the list in place is not the marked list of the records found:\n%s", got)
			}
			continue
		}
		rows, cerr := csv.NewReader(strings.NewReader(got)).ReadAll()
		if cerr != nil || len(rows) < 2 {
			t.Fatalf("csv -o: %v, %d rows:\n%s", cerr, len(rows), got)
		}
		last := len(rows[0]) - 1
		for _, r := range rows[1:] {
			if !howMany.MatchString(r[last]) {
				t.Fatalf("csv -o: a row in place does not carry how many records were found: %q", r)
			}
		}
	}
}
