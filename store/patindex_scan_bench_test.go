package store

import (
	"fmt"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/record"
)

// BenchmarkOutOfPlace100k measures the scan of a patient index of 100,000
// sound entries that history and a patient's check read.
func BenchmarkOutOfPlace100k(b *testing.B) {
	s := openTemp(b)
	db, err := bolt.Open(s.Path(), 0o600, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
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
	b.ResetTimer()
	for range b.N {
		_ = db.View(func(tx *bolt.Tx) error {
			if n := len(outOfPlace(tx.Bucket(bucketPatients))); n != 0 {
				b.Fatalf("%d entries out of place in a sound index", n)
			}
			return nil
		})
	}
}
