package store

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/record"
	"digicheck/store/packed"
)

// TestASaveReadsTheLastBlockOfFactsFromTheFileNotThroughBboltsMap: every
// operation maps the store afresh, so a page read through bbolt's map is
// a page fault, about 75 us of a save on a virtual machine, and its unmapping
// at close. A save asks for the last block of facts (whether the record
// carries its own facts) and wrote nothing there: the page of the blocks
// bucket is read from the file, checked, and not through the map. The
// record's facts are carried or not as bbolt's cursor would have it.
func TestASaveReadsTheLastBlockOfFactsFromTheFileNotThroughBboltsMap(t *testing.T) {
	defer func(n int) { blockFacts = n }(blockFacts)
	blockFacts = 3 // a blocks bucket of more than one page: a branch over leaves
	s := openTemp(t)
	var batch []record.Record
	for i := range 600 {
		r := assessed(t, fmt.Sprintf("RXH-%05d", 50000+i))
		r.Synthetic = true
		batch = append(batch, r)
	}
	for b := 0; b < len(batch); b += 200 {
		if err := s.SaveSynthetic(batch[b : b+200]); err != nil {
			t.Fatal(err)
		}
	}
	var last []byte
	depth := 0
	if err := s.view(func(tx *bolt.Tx) error {
		bb := tx.Bucket(bucketFactBlocks)
		k, _ := bb.Cursor().Last()
		last, depth = bytes.Clone(k), bb.Stats().Depth
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if last == nil || depth < 3 {
		t.Fatalf("the blocks bucket is %d deep (sub-buckets counted), last %x: the store did not seal enough blocks", depth, last)
	}
	for i := range 2 {
		r := assessed(t, fmt.Sprintf("RXH-%05d", 60000+i))
		r.Synthetic = true
		before := mappedLastBlocks.Load()
		// A synthetic store's save of one record: Save's own steps (put).
		rs := []record.Record{r}
		if err := s.SaveSynthetic(rs); err != nil {
			t.Fatal(err)
		}
		if n := mappedLastBlocks.Load() - before; n != 0 {
			t.Errorf("save %d looked up the last block of facts through bbolt's map %d times: its page is faulted in for a save that does not write it", i, n)
		}
		// After the last block: the record carries its facts.
		if err := s.view(func(tx *bolt.Tx) error {
			v := tx.Bucket(bucketRecords).Get(recordKey(rs[0].ID))
			if _, _, ok := packed.Facts(v); !ok {
				t.Errorf("save %d: the record saved after the last block (%x) does not carry its facts", i, last)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestALastBlockReadFromTheFileIsBboltsAndGivesUpAtADamagedPage: the last
// block a save reads from the file is the one bbolt's cursor finds; a
// second record stored in the same transaction (a batch, which may have
// sealed a block the file does not hold yet) asks bbolt's cursor; and a
// page of the blocks bucket whose keys are out of order on the disk is
// not read on: the look-up goes through bbolt's cursor, as before.
func TestALastBlockReadFromTheFileIsBboltsAndGivesUpAtADamagedPage(t *testing.T) {
	defer func(n int) { blockFacts = n }(blockFacts)
	blockFacts = 3
	s := openTemp(t)
	var batch []record.Record
	for i := range 300 {
		r := assessed(t, fmt.Sprintf("RXH-%05d", 50000+i))
		r.Synthetic = true
		batch = append(batch, r)
	}
	if err := s.SaveSynthetic(batch); err != nil {
		t.Fatal(err)
	}
	var leaf rawFrame
	var ps int64
	if err := s.runTx(false, nil, func(tx *bolt.Tx, at *txFile) error {
		bb := tx.Bucket(bucketFactBlocks)
		want := bytes.Clone(lastBlock(bb))
		file, mapped := fileLastBlocks.Load(), mappedLastBlocks.Load()
		if got := lastBlockOf(tx, at, bb); !bytes.Equal(got, want) {
			t.Errorf("the last block read from the file is %x; bbolt's cursor finds %x", got, want)
		}
		if fileLastBlocks.Load()-file != 1 || mappedLastBlocks.Load() != mapped {
			t.Errorf("the first look-up of the transaction was not read from the file")
		}
		if got := lastBlockOf(tx, at, bb); !bytes.Equal(got, want) || mappedLastBlocks.Load()-mapped != 1 {
			t.Errorf("a second look-up in the transaction (%x) did not ask bbolt's cursor", got)
		}
		c := rawCursor{m: at.meta, root: uint64(bb.Root()), buckets: true, read: func(uint64) io.ReaderAt { return at.f }}
		if k, _ := c.Last(); k == nil || c.bad || len(c.stack) < 2 {
			t.Fatalf("the blocks bucket is not a branch over leaves (%d deep)", len(c.stack))
		}
		leaf, ps = c.stack[len(c.stack)-1], int64(at.meta.pageSize)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(leaf.es) < 2 {
		t.Fatalf("the last leaf holds %d blocks", len(leaf.es))
	}
	// The key before the last, made greater than it: the leaf's keys
	// out of order, as a flipped bit leaves them.
	f, err := os.OpenFile(s.path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte{0xff}, int64(leaf.id)*ps+int64(leaf.es[len(leaf.es)-2].start)); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.runTx(false, nil, func(tx *bolt.Tx, at *txFile) error {
		bb := tx.Bucket(bucketFactBlocks)
		want := bytes.Clone(lastBlock(bb))
		file, mapped := fileLastBlocks.Load(), mappedLastBlocks.Load()
		if got := lastBlockOf(tx, at, bb); !bytes.Equal(got, want) {
			t.Errorf("the last block, a page damaged, is %x; bbolt's cursor finds %x", got, want)
		}
		if fileLastBlocks.Load() != file || mappedLastBlocks.Load()-mapped != 1 {
			t.Errorf("a leaf of the blocks bucket with its keys out of order was read on, not left to bbolt's cursor")
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}
