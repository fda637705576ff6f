package store

import (
	"fmt"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/record"
)

// BenchmarkOutOfPlace100k measures the scan of a patient index of 100,000
// sound entries that history and a patient's check read (indexWalk), with
// the opening of the file that every read makes.
func BenchmarkOutOfPlace100k(b *testing.B) {
	s := openTemp(b)
	db, err := bolt.Open(s.Path(), 0o600, nil)
	if err != nil {
		b.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		pats, err := tx.CreateBucketIfNotExists(bucketPatients)
		if err != nil {
			return err
		}
		for i := range 100000 {
			id, err := record.NewID()
			if err != nil {
				return err
			}
			k := patientKey(record.PatientID{Kind: record.NHSNumber, Value: fmt.Sprintf("%010d", 9000000000+i/3)}, id)
			if err := pats.Put(k, patientEntry(k)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		_ = s.runTx(false, nil, func(tx *bolt.Tx, at *txFile) error {
			if wk, _ := indexWalk(tx, at, nil); len(wk.out) != 0 || wk.n != 100000 || wk.why != "" {
				b.Fatalf("%d entries out of place, %d reached, in a sound index (%s)", len(wk.out), wk.n, wk.why)
			}
			return nil
		})
	}
}
