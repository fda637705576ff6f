package store

import (
	"path/filepath"
	"testing"
)

// TestTheExportsChecksReadTheBlocksOfFactsFromTheFileNotThroughBboltsMap:
// before its first row, a CSV export checks the QI copy (QICopyDamage)
// and the records against their facts (SumFailures), each reading every
// block of facts. Both read them through bbolt's map, made afresh for each
// transaction: at 1,000,000 records a fault every few pages of 150 MB on
// one core, about half a second before the first row. They now read each
// block with an ordinary read of the file, as a summary does (blockReader),
// each block's checksum still worked out.
func TestTheExportsChecksReadTheBlocksOfFactsFromTheFileNotThroughBboltsMap(t *testing.T) {
	smallBlocks(t, 16)
	s := syntheticStore(t, filepath.Join(t.TempDir(), "s.db"), 100)
	sealed, _ := sealedAndAfter(t, s)
	if sealed < 64 {
		t.Fatalf("only %d of the records are sealed in blocks", sealed)
	}
	read, mapped := blockReads.Load(), mappedBlockReads.Load()
	if err := s.QICopyDamage(); err != nil {
		t.Fatal(err)
	}
	read, mapped = blockReads.Load()-read, mappedBlockReads.Load()-mapped
	if read < int64(sealed/16) || mapped != 0 {
		t.Errorf("the QI copy's check read %d blocks, %d of them through bbolt's map: want none through it", read, mapped)
	}
	read, mapped = blockReads.Load(), mappedBlockReads.Load()
	if bad, err := s.SumFailures(nil); err != nil || len(bad) > 0 {
		t.Fatalf("SumFailures of a sound store: %v, %v", bad, err)
	}
	read, mapped = blockReads.Load()-read, mappedBlockReads.Load()-mapped
	if read < int64(sealed/16) || mapped != 0 {
		t.Errorf("the records' check read %d blocks, %d of them through bbolt's map: want none through it", read, mapped)
	}
}
