package testkit

import (
	"encoding/binary"
	"encoding/json"
	"os"
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
		out = Repack(stored, out) // its checksum left as it was
		return b.Put([]byte(key), out)
	})
}

// FlipMetaBit flips one bit of a meta page of the bbolt file at path, as
// a failing disk or memory would: in the newer meta page (the one with the
// higher transaction id, which bbolt reads from) when newest, else in the
// older. The bit is in the root page id's sequence field, so the page's
// own transaction id still says which it is. It returns the page flipped.
func FlipMetaBit(tb testing.TB, path string, newest bool) int {
	tb.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var m0 [80]byte
	if _, err := f.ReadAt(m0[:], 0); err != nil {
		tb.Fatal(err)
	}
	ps := int64(binary.LittleEndian.Uint32(m0[24:]))
	var m1 [80]byte
	if _, err := f.ReadAt(m1[:], ps); err != nil {
		tb.Fatal(err)
	}
	page := 0
	if (binary.LittleEndian.Uint64(m1[64:]) > binary.LittleEndian.Uint64(m0[64:])) == newest {
		page = 1
	}
	off := int64(page)*ps + 40 // the meta's root bucket sequence
	var b [1]byte
	if _, err := f.ReadAt(b[:], off); err != nil {
		tb.Fatal(err)
	}
	b[0] ^= 0x04
	if _, err := f.WriteAt(b[:], off); err != nil {
		tb.Fatal(err)
	}
	if err := f.Sync(); err != nil {
		tb.Fatal(err)
	}
	return page
}

// FlipMetaTxidBit flips one bit of the transaction id of a meta page of
// the bbolt file at path (the newer when newest, else the older), as a
// failing disk would: the page then fails its checksum, and its own txid
// no longer says which of the two it was. It returns the page flipped.
func FlipMetaTxidBit(tb testing.TB, path string, newest bool) int {
	tb.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var m [2][80]byte
	if _, err := f.ReadAt(m[0][:], 0); err != nil {
		tb.Fatal(err)
	}
	ps := int64(binary.LittleEndian.Uint32(m[0][24:]))
	if _, err := f.ReadAt(m[1][:], ps); err != nil {
		tb.Fatal(err)
	}
	page := 0
	if (binary.LittleEndian.Uint64(m[1][64:]) > binary.LittleEndian.Uint64(m[0][64:])) == newest {
		page = 1
	}
	b := []byte{m[page][65] ^ 0x10} // bit 12 of the txid
	if _, err := f.WriteAt(b, int64(page)*ps+65); err != nil {
		tb.Fatal(err)
	}
	if err := f.Sync(); err != nil {
		tb.Fatal(err)
	}
	return page
}
