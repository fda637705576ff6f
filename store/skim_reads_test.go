package store

import (
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestTheSkimOfTheRecordsPagesReadsNeighbouringLeavesTogether: before
// every export, the records' pages are skimmed for lost ones
// (LostRecordPages), a leaf's header and elements each. Each was one read
// of the file, a system call for every leaf: at 1,000,000 records some
// 450,000 of them, about a second on one core before the first row. Leaves
// that lie one after another in the file, as a store's do, are now read a
// run at a time, each leaf's first bytes taken from the run read; the
// skim finds what it found (TestAMalformedLeafIsLostNotRead and the lost
// pages' tests hold it to that).
func TestTheSkimOfTheRecordsPagesReadsNeighbouringLeavesTogether(t *testing.T) {
	s := syntheticStore(t, filepath.Join(t.TempDir(), "s.db"), 3000)
	leaves := 0
	if err := s.view(func(tx *bolt.Tx) error {
		leaves = tx.Bucket(bucketRecords).Stats().LeafPageN
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if leaves < 200 {
		t.Fatalf("only %d leaves of records", leaves)
	}
	n := skimReads.Load()
	lp, err := s.LostRecordPages()
	if err != nil || lp.Lost() || lp.Walked() {
		t.Fatalf("the skim of a sound store: %v, %v", lp.Spans(), err)
	}
	if got := skimReads.Load() - n; got > int64(leaves/4) {
		t.Errorf("the skim read the file %d times for %d leaves; want at most a quarter as many", got, leaves)
	}
}
