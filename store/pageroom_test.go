package store

import (
	"runtime"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
)

// A save's check of the patient index reads the pages at the far end of
// a long history from the file, into memory kept from one transaction to
// the next (pageRoom), not into a buffer and a list of elements made
// afresh for each page: on the benchmark's store of 100,000 records of
// one patient those were about 30 kB a save, for the same check.
func TestASavesIndexCheckReadsItsPagesIntoMemoryKeptForTheNextSave(t *testing.T) {
	if testing.CoverMode() != "" || testkit.Race {
		t.Skip("coverage counts allocations of its own, and the race detector drops kept memory at random")
	}
	s, r := filledForPaths(t)
	pkey, prefix := patientKey(r.Patient, r.ID), patientPrefix(r.Patient)
	var fromFile int
	prev := rawReads
	defer func() { rawReads = prev }()
	rawReads = func(_ uint64, mapped bool) {
		if !mapped {
			fromFile++
		}
	}
	gathered := func() (allocated uint64) {
		err := s.runTx(false, nil, func(tx *bolt.Tx, at *txFile) error {
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			_, ok := gatherFromFile(tx, at, tx.Bucket(bucketPatients), pkey, prefix)
			runtime.ReadMemStats(&m1)
			if !ok {
				t.Fatal("the index could not be gathered from the file")
			}
			allocated = m1.TotalAlloc - m0.TotalAlloc
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return allocated
	}
	gathered() // the first transaction makes the memory
	fromFile = 0
	n := gathered()
	if fromFile < 2 {
		t.Fatalf("the check read %d pages from the file; the test needs a history whose first entries lie away from the new one", fromFile)
	}
	// What is left is the cursor's own bookkeeping: a page is 4 kB.
	if n >= 4096 {
		t.Errorf("gathering the entries, %d pages read from the file, allocated %d bytes: the pages and their elements are not read into memory kept for the next save", fromFile, n)
	}
}
