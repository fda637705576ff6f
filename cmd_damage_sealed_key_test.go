package main

import (
	"encoding/csv"
	"errors"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// Damaged stores, item 4: one byte of the key of a record whose facts are
// sealed in a block (a store of more than 4096 records) changed in the
// file, the record itself untouched. The CSV export, made from the block,
// which keys the facts by the record's own id, wrote the record in full and
// exited 0, while NDJSON gave it an unreadable line and failed. Both must
// leave it out, name it by its own id and the damaged key, and fail.
func TestBothExportsLeaveOutASealedRecordWhoseKeyIsDamaged(t *testing.T) {
	path := synthetic4200(t, 3)
	var id string
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	err = db.View(func(tx *bolt.Tx) error {
		k, _ := tx.Bucket([]byte("records")).Cursor().First()
		id = string(k)
		if tx.Bucket([]byte("factBlocks")) == nil {
			return errors.New("no block of facts")
		}
		return nil
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	bad := flipKeyByte(t, path, id, func(k []byte) { k[14] = 'b' })
	for _, format := range []string{"csv", "ndjson"} {
		named, fails := oneUnreadable(format)
		out, stderr, err := runStoreCmd(t, path, (*app).exportCmd, "--format", format, "--identifiable")
		if err == nil || err.Error() != fails || !strings.Contains(stderr, named+id) || !strings.Contains(stderr, bad) {
			t.Errorf("%s export of a sealed record whose key is damaged to %s = %v; want %q, the record named by its id and the key\n%s", format, bad, err, fails, stderr)
		}
		if strings.Contains(out, bad) {
			t.Errorf("%s export writes the damaged key %s", format, bad)
		}
		if format == "csv" {
			rows, rerr := csv.NewReader(strings.NewReader(out)).ReadAll()
			if rerr != nil {
				t.Fatal(rerr)
			}
			found, status := false, slices.Index(rows[0], "status")
			for _, row := range rows[1:] {
				if row[0] == id {
					found = true
					if row[status] != "unreadable" {
						t.Errorf("csv writes the record under a damaged key in full: %v", row)
					}
				}
			}
			if !found {
				t.Errorf("csv has no row for %s", id)
			}
		}
	}
}
