package store

import (
	"path/filepath"
	"testing"
)

// TestTheRecordsCheckReadsTheRecordsFromTheFileNotThroughBboltsMap: the
// records' check a CSV export makes before its first row (SumFailures)
// walked every record through bbolt's map, made afresh for each
// transaction: at 1,000,000 records the first touch of each page of 1.9 GB
// was over a second of one core, more than the SHA-256 of every record. It
// now reads the records' pages with ordinary reads of the file, and finds
// what it found before: nothing in a sound store, with or without a skim.
func TestTheRecordsCheckReadsTheRecordsFromTheFileNotThroughBboltsMap(t *testing.T) {
	smallBlocks(t, 16)
	s := syntheticStore(t, filepath.Join(t.TempDir(), "s.db"), 300)
	lost, err := s.LostRecordPages()
	if err != nil {
		t.Fatal(err)
	}
	for _, lp := range []*LostPages{nil, lost} {
		mapped := mappedRecordReads.Load()
		bad, err := s.SumFailures(lp)
		if err != nil || len(bad) > 0 {
			t.Fatalf("SumFailures of a sound store: %v, %v", bad, err)
		}
		if mapped = mappedRecordReads.Load() - mapped; mapped != 0 {
			t.Errorf("the records' check read %d of 300 records through bbolt's map: want none", mapped)
		}
	}
}
