package store

import (
	"fmt"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/record"
)

// TestACheckReadsEachBlockOfFactsOnceNotOnceForEachOfItsRecords: a check
// of 100,000 records took over a minute, a third of it working out the
// checksum of a block of facts (4,096 records' worth) again for each of
// the records in it, twice over: once to compare each record with its
// facts and once to find that each has them. Read in id order, the
// records of one block are served by one read of it: a check reads each
// block a few times at most, however many records it holds.
func TestACheckReadsEachBlockOfFactsOnceNotOnceForEachOfItsRecords(t *testing.T) {
	defer func(n int) { blockFacts = n }(blockFacts)
	blockFacts = 50
	s := openTemp(t)
	var batch []record.Record
	for i := range 1000 {
		r := assessed(t, fmt.Sprintf("RXH-%05d", 50000+i/2))
		r.Synthetic = true
		batch = append(batch, r)
	}
	for b := 0; b < len(batch); b += 100 {
		if err := s.SaveSynthetic(batch[b : b+100]); err != nil {
			t.Fatal(err)
		}
	}
	blocks := 0
	if err := s.view(func(tx *bolt.Tx) error {
		if bb := tx.Bucket(bucketFactBlocks); bb != nil {
			blocks = bb.Stats().KeyN
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if blocks < 10 {
		t.Fatalf("%d blocks of facts of 1,000 records at %d a block: the store did not seal them", blocks, blockFacts)
	}
	before := blockReads.Load()
	rep, err := s.Check()
	if err != nil || !rep.OK() {
		t.Fatalf("check: %v\n%s", err, rep)
	}
	if reads := blockReads.Load() - before; reads > 4*int64(blocks) {
		t.Errorf("check read the %d blocks of facts of 1,000 records %d times: more than a few times each", blocks, reads)
	}
}
