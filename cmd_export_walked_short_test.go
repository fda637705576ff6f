package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	bolt "go.etcd.io/bbolt"
)

// An export of a store whose pages that lead to the records are damaged
// reads each page of records on its own, and counts as lost the records
// the patient index names that no page holds. A store whose index was
// damaged as well (a copy cut short loses both) named none of them, and
// the export said on standard error "12 record(s) found, 0 lost: the
// export holds every record" while its last line said 25 records cannot
// be read. What the store counts of its records is now set against what
// was found: no "0 lost" or "holds every record" is said when fewer were
// found than the store holds, and how many is said.
var recordID = regexp.MustCompile(`(?m)^"?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|"id":"[0-9a-f]{8}-`)

func TestAnExportOfAStoreWithFewerRecordsFoundThanItHoldsSaysSo(t *testing.T) {
	t.Parallel()
	const n = 300
	clean := syntheticStore(t, "syn", n, 3)
	data, err := os.ReadFile(clean)
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
	// The records' root and the patient index's root zeroed, and the
	// pages of records below the first branch: those records are on no
	// page, and no index names them.
	for _, id := range append([]int64{root, patRoot}, bs[0].children...) {
		clear(data[id*size : (id+1)*size])
	}
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"csv", "ndjson"} {
		os.Remove(p + ".damaged")
		out, stderr, err := runStoreCmd(t, p, (*app).exportCmd, "--format", format, "--identifiable")
		rows := len(recordID.FindAllString(out, -1))
		said := strings.Join(strings.Fields(stderr), " ")
		if rows == 0 || rows >= n {
			t.Fatalf("%s export: %d records of %d written; want the damage to leave some out (%v):\n%s", format, rows, n, err, said)
		}
		if strings.Contains(said, " 0 lost") || strings.Contains(said, "holds every record") {
			t.Errorf("%s export of %d records found of the %d the store holds says none is lost:\n%s", format, rows, n, said)
		}
		if !regexp.MustCompile(`\d+ record\(s\) found of the 300 the store holds`).MatchString(said) {
			t.Errorf("%s export does not say how many records were found of those the store holds:\n%s", format, said)
		}
		if err == nil {
			t.Errorf("%s export of a store missing records ended as if whole:\n%s", format, said)
		}
	}
	// The other commands that read every record make no such claim.
	for _, c := range []struct {
		name string
		mk   func(*app) *cobra.Command
	}{{"summary", (*app).summaryCmd}, {"due", (*app).dueCmd}} {
		os.Remove(p + ".damaged")
		out, stderr, err := runStoreCmd(t, p, c.mk)
		said := strings.Join(strings.Fields(stderr+" "+out), " ")
		if strings.Contains(said, " 0 lost") || strings.Contains(said, "holds every record") || strings.Contains(said, "every record was read") {
			t.Errorf("%s of a store missing records says none is lost (%v):\n%s", c.name, err, said)
		}
		if err == nil {
			t.Errorf("%s of a store missing records ended as if whole:\n%s", c.name, said)
		}
		t.Logf("%s: %v\n%s", c.name, err, said)
	}
}
