package store

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// TestASummaryReadsTheBlocksOfFactsFromTheFileNotThroughBboltsMap: a warm
// summary of 1,000,000 records spent a third of its time on the system's
// side, most of it paging every block of facts (about 150 MB) into bbolt's
// map of the file, made afresh for each chunk's transaction, then copying
// them out of it. EachFactChunk now reads each block with an ordinary read
// of the file the transaction holds: no block through the map. The facts
// are those a look-up through the map gives, byte for byte, and a block
// whose bytes are not those it was sealed with still stops the read.
func TestASummaryReadsTheBlocksOfFactsFromTheFileNotThroughBboltsMap(t *testing.T) {
	defer func(n int) { blockFacts = n }(blockFacts)
	blockFacts = 50
	defer func(n int) { factChunk = n }(factChunk)
	factChunk = 120 // chunks that end inside blocks
	s := openTemp(t)
	var batch []record.Record
	for i := range 600 {
		r := assessed(t, fmt.Sprintf("RXH-%05d", 50000+i/2))
		r.Synthetic = true
		batch = append(batch, r)
	}
	for b := 0; b < len(batch); b += 100 {
		if err := s.SaveSynthetic(batch[b : b+100]); err != nil {
			t.Fatal(err)
		}
	}
	var first []byte
	blocks := 0
	if err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketFactBlocks).Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			if first == nil {
				first = bytes.Clone(k)
			}
			blocks++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if blocks < 10 {
		t.Fatalf("%d blocks of facts of 600 records at %d a block: the store did not seal them", blocks, blockFacts)
	}

	read, mapped := blockReads.Load(), mappedBlockReads.Load()
	got := map[string][]byte{}
	if err := s.EachFactChunk(func(c FactChunk) error {
		for i := range c.Len() {
			id, v, err := c.At(i)
			if err != nil {
				return err
			}
			got[string(id)] = bytes.Clone(v)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	read, mapped = blockReads.Load()-read, mappedBlockReads.Load()-mapped
	if read < int64(blocks) || mapped != 0 {
		t.Errorf("the facts of %d blocks read in %d reads of a block, %d of them through bbolt's map: want none through it", blocks, read, mapped)
	}
	if len(got) != len(batch) {
		t.Fatalf("%d records' facts read of %d", len(got), len(batch))
	}
	if err := s.view(func(tx *bolt.Tx) error {
		for _, r := range batch {
			want, err := factsFor(tx, r.ID[:])
			if err != nil {
				return err
			}
			if !bytes.Equal(got[string(r.ID[:])], want) {
				return fmt.Errorf("the facts of %s read from the file differ from those read through the map", r.ID)
			}
		}
		return nil
	}); err != nil {
		t.Error(err)
	}

	// One bit flipped in a block, its checksum as it was.
	testkit.Tamper(t, s.Path(), func(tx *bolt.Tx) error {
		sub := tx.Bucket(bucketFactBlocks).Bucket(first)
		v := bytes.Clone(sub.Get(keyBlock))
		b, _ := parseBlock(v)
		b.vals[b.start(1)+1] ^= 1 // the second record's status
		return sub.Put(keyBlock, v)
	})
	err := s.EachFactChunk(func(c FactChunk) error {
		for i := range c.Len() {
			if _, _, err := c.At(i); err != nil {
				return err
			}
		}
		return nil
	})
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "checksum differs") {
		t.Errorf("a block with a bit flipped read as %v, want the store damaged, its checksum differing", err)
	}
}
