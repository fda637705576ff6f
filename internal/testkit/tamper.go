package testkit

import (
	"encoding/json"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"digicheck/store/packed"
)

// Tamper changes the database file at path behind the program's back, as
// someone with a script or a hex editor would: fn runs in one bbolt write
// transaction, and the file is closed again before Tamper returns. An
// error from fn, or a file that does not open within a second (another
// program holds it), fails the test.
func Tamper(tb testing.TB, path string, fn func(tx *bolt.Tx) error) {
	tb.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(fn); err != nil {
		tb.Fatal(err)
	}
}

// TamperJSON reads the JSON value under key in bucket into a T, lets edit
// change it and writes it back, through Tamper: nothing else in the file
// changes. T is a record.Record to change what a record says, or a
// map[string]any to write what the record type could not hold. A record
// stored packed (package packed) is unpacked first and packed again.
func TamperJSON[T any](tb testing.TB, path, bucket, key string, edit func(*T)) {
	tb.Helper()
	Tamper(tb, path, func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte(bucket))
		stored := b.Get([]byte(key))
		j, err := packed.Unpack(stored)
		if err != nil {
			return err
		}
		var v T
		if err := json.Unmarshal(j, &v); err != nil {
			return err
		}
		edit(&v)
		out, err := json.Marshal(&v)
		if err != nil {
			return err
		}
		if stored[0] == packed.FormatDeflate {
			out = packed.Pack(out)
		}
		return b.Put([]byte(key), out)
	})
}
