package store

import (
	"fmt"
	"runtime"
	"syscall"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/record"
)

// threadFaults is the page faults the calling thread has taken so far
// (minor and major): a page of the store first touched through bbolt's
// map, made afresh for each transaction, is one.
func threadFaults(t *testing.T) int64 {
	t.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru); err != nil {
		t.Skipf("no page fault counts for a thread here: %v", err)
	}
	return ru.Minflt + ru.Majflt
}

// TestBlocksOfFactsAreFoundWithoutPagingThemIntoTheMap: before the first
// count, a summary asks how many records' facts lie in blocks sealed
// without a checksum (UnsummedFacts), and then reads every block. Each
// block was looked up through bbolt, which touches the block's first page
// in a map of the file made for that transaction alone: a page fault a
// block, and on a virtual machine 30-50 ms for a million records' 245
// blocks, spent before the summary could count anything. Where each
// block lies is now read from the file with an ordinary read; looking at
// every block takes a few faults, not one a block, and says the same.
func TestBlocksOfFactsAreFoundWithoutPagingThemIntoTheMap(t *testing.T) {
	defer func(n int) { blockFacts = n }(blockFacts)
	// Blocks of 500 facts, about 75 kB each: more than the 64 kB the
	// system maps around a fault, so each block's first page is a fault
	// of its own when touched.
	blockFacts = 500
	s := openTemp(t)
	const records = 6000
	var batch []record.Record
	for i := range records {
		r := assessed(t, fmt.Sprintf("RXH-%05d", 10000+i))
		r.Synthetic = true
		batch = append(batch, r)
	}
	for b := 0; b < len(batch); b += 500 {
		if err := s.SaveSynthetic(batch[b : b+500]); err != nil {
			t.Fatal(err)
		}
	}
	blocks := 0
	if err := s.view(func(tx *bolt.Tx) error {
		blocks = tx.Bucket(bucketFactBlocks).Stats().BucketN - 1
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if blocks < records/blockFacts-1 {
		t.Fatalf("%d blocks of facts of %d records at %d a block: the store did not seal them", blocks, records, blockFacts)
	}

	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	// Once, so that what the first call alone does (the file's first
	// opening, the code's own pages) is not counted.
	if _, err := s.UnsummedFacts(); err != nil {
		t.Fatal(err)
	}
	// The fewest of three calls: each call maps the file afresh, so a
	// block paged into the map faults in every call, while a fault of the
	// runtime's own (a collection's work on this thread on a loaded
	// machine) comes in one call and not the next.
	faults := int64(-1)
	for range 3 {
		before := threadFaults(t)
		n, err := s.UnsummedFacts()
		f := threadFaults(t) - before
		if err != nil || n != 0 {
			t.Fatalf("UnsummedFacts of a store whose blocks all carry a checksum: %d, %v; want 0", n, err)
		}
		if faults < 0 || f < faults {
			faults = f
		}
	}
	t.Logf("%d blocks looked at in %d page faults (the fewest of 3 calls)", blocks, faults)
	if faults >= int64(blocks)/2 {
		t.Errorf("looking at %d blocks of facts took %d page faults: each block was paged into bbolt's map; want fewer than %d", blocks, faults, blocks/2)
	}

	// Each block read from the file is the block bbolt holds, byte for byte.
	if err := s.runTx(false, nil, func(tx *bolt.Tx, at *txFile) error {
		r := blockReader{at: at, tx: tx}
		bb := tx.Bucket(bucketFactBlocks)
		c := bb.Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			sub := bb.Bucket(k)
			if _, _, ok := r.blockInFile(sub); !ok {
				return fmt.Errorf("block %x: where it lies was not read from the file", k)
			}
			got, err := r.read(sub)
			if err != nil {
				return err
			}
			if want := sub.Get(keyBlock); string(got) != string(want) {
				return fmt.Errorf("block %x read from the file differs from bbolt's (%d bytes, want %d)", k, len(got), len(want))
			}
		}
		return nil
	}); err != nil {
		t.Error(err)
	}
}
