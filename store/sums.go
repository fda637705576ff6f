package store

import (
	"bytes"
	"crypto/sha256"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"digicheck/store/packed"
)

// Sums. A record's facts and its answers (checked.go) cover what decides
// care, but not every byte of it: the clinician's name, a referral's
// contact, a reason's wording could be changed in the file, keeping its
// length, and still be shown, printed in the note and exported. So every
// path that writes a record (Save, and through it Amend and Void;
// SaveSynthetic) stores a SHA-256 of the record's packed bytes inside the
// stored value itself (packed.FormatSummed). Records saved before that kept
// the SHA-256 of their exact stored bytes in the sums bucket, under the
// record's key, written in the same transaction: three more pages written
// by every save (a leaf and the branches above it), for 32 bytes. Those
// sums are still read and checked, and records stored with them are never
// rewritten.
// Every checked read (verified), the bulk read of records (Each) and
// `check` hash the stored bytes again and compare: one
// hash per record read or written.
//
// What this protects against: accidental damage (a bit flipped on disk or
// in a copy, a torn write bbolt did not catch) and edits made to the file
// without digicheck (a bbolt tool, a hex editor), unless the editor also
// rewrites the sum. It is not a signature: someone who changes a record
// and writes its new SHA-256 into the sums bucket is not caught here (the
// facts and answers checks still apply to what decides care). Records saved
// before sums existed, or by an earlier digicheck, have no sum: they are
// accepted on their other checks, and `check` says how many there are.
var bucketSums = []byte("sums") // record key -> SHA-256 of its stored bytes

// putSum stores the sum of the record stored under key as val, unless val
// carries its own (packed.Summed), as every value this digicheck packs
// does.
func putSum(tx *bolt.Tx, key, val []byte) error {
	if packed.Summed(val) {
		return nil
	}
	b, err := tx.CreateBucketIfNotExists(bucketSums)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(val)
	b.FillPercent = fillInOrder
	return b.Put(key, sum[:])
}

// sumProblem says what is wrong with the record stored under key as val
// against its sum, or "". A record with no sum is not a problem: unsummed
// reports whether it has none.
func sumProblem(tx *bolt.Tx, key, val []byte) (why string, unsummed bool) {
	if packed.Summed(val) {
		if !packed.SumOK(val) {
			return "its stored bytes are not those it was saved with (checksum differs)", false
		}
		return "", false
	}
	b := tx.Bucket(bucketSums)
	if b == nil {
		return "", true
	}
	want := b.Get(key)
	if want == nil {
		return "", true
	}
	if len(want) != sha256.Size {
		return fmt.Sprintf("its checksum is %d bytes, not %d", len(want), sha256.Size), false
	}
	if got := sha256.Sum256(val); !bytes.Equal(got[:], want) {
		return "its stored bytes are not those it was saved with (checksum differs)", false
	}
	return "", false
}

// checkSums adds to a check report every sum whose record is missing.
// Each record is compared with its sum, and counted if it has none, as
// checkInvariants reads it (check.go).
func checkSums(tx *bolt.Tx, problem func(format string, args ...any)) {
	recs, sums := tx.Bucket(bucketRecords), tx.Bucket(bucketSums)
	if sums == nil {
		return
	}
	_ = sums.ForEach(func(k, _ []byte) error {
		if recs.Get(k) == nil {
			problem("sums: record %s has a checksum but is missing", keyText(k))
		}
		return nil
	})
}
