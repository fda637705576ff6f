package store

import (
	"bytes"
	"encoding/binary"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// The records' pages read once. A CSV export first skimmed every page of
// records for pages that cannot be read (LostRecordPages), then read them
// all again to check each record against its checksum and its facts
// (SumFailures): at a million records the store file, 1.9 GB, was read
// twice before the first row, the skim's read alone half a second of CPU.
//
// RecordPagesChecked makes the check first, holding each page it reads
// to everything the skim holds it to (onceWalk): every page of the tree
// read whole, inside the store's pages, its id and kind, its elements
// inside it, no page reached twice, keys in order and each within the
// range its parent gives, the tree no deeper than the skim goes. A walk
// that meets all of that is a tree the skim finds whole, so the skim's
// findings (no page lost) and the check's are both taken from the one
// read. At anything else (a page that fails, a record with its checksum
// in the sums bucket, a save between the chunks' transactions) it keeps
// nothing of what it read, notes nothing, and the skim and the check run
// as before, so that damage is found, worded and stepped over as it
// always was.

// onceWalk is what a fileCursor holds the records' pages to for
// RecordPagesChecked, across the transactions of a check's chunks.
type onceWalk struct {
	txid    int      // the transaction every chunk must read, once known
	hwm     uint64   // the store's pages end here
	visited []uint64 // a bit for each page met
	leaves  int      // the leaf pages met
	// path is the way down to the page met last, a page id a depth;
	// last and before are the ways down to the last two leaves met.
	path, last, before []uint64
	// again are the pages of last and before as the chunk before left
	// them: where the next chunk's seek, and the step after it, go
	// down again.
	again []pathStep
	// failed is set at the first page the skim would not find whole, or
	// anything else that makes the walk's findings not the skim's.
	failed bool
}

// begin starts a chunk's transaction: its pages are those of the first
// chunk's, or the walk fails.
func (o *onceWalk) begin(tx *bolt.Tx, at *txFile) {
	if o.visited == nil {
		o.txid, o.hwm = tx.ID(), at.meta.hwm
		o.visited = make([]uint64, (o.hwm+63)/64)
		return
	}
	if tx.ID() != o.txid || at.meta.hwm != o.hwm {
		o.failed = true // a save in between: the tree is another
	}
	o.again = o.again[:0]
	for _, way := range [][]uint64{o.before, o.last} {
		for d, id := range way {
			if !slices.Contains(o.again, pathStep{id, d}) {
				o.again = append(o.again, pathStep{id, d})
			}
		}
	}
}

// page holds the page id, read as ref at depth depth of the tree, to what
// the skim holds it to; it panics with badPage (and the walk fails) when
// it falls short. A page met for the first time is claimed (claim: not
// while seek goes down again); one met before only where a chunk takes
// up again, once, on the way down to the last two leaves the chunk
// before met (again).
func (o *onceWalk) page(id uint64, ref *fileRef, depth int, claim bool) {
	if o.failed || depth > maxDepth {
		o.fail()
	}
	end := id + uint64(binary.LittleEndian.Uint32(ref.p[12:]))
	if id < 2 || end < id || end >= o.hwm {
		o.fail()
	}
	met := o.visited[id/64]&(1<<(id%64)) != 0
	if met {
		i := slices.Index(o.again, pathStep{id, depth})
		if i < 0 {
			o.fail() // reached twice: a loop, or a page two parents name
		}
		o.again = slices.Delete(o.again, i, i+1)
	} else if !claim {
		o.fail() // a seek's way down that no walk took
	}
	// Every key in order, and within [lo, hi): the skim's test of a
	// branch, and more than its test of a leaf's first keys.
	var prev []byte
	for i := range ref.count() {
		k := ref.key(i)
		if i > 0 && bytes.Compare(prev, k) >= 0 || ref.lo != nil && bytes.Compare(k, ref.lo) < 0 || ref.hi != nil && bytes.Compare(k, ref.hi) >= 0 {
			o.fail()
		}
		prev = k
	}
	for len(o.path) < depth {
		o.path = append(o.path, 0)
	}
	o.path = append(o.path[:depth], id)
	if met {
		return
	}
	for p := id; p <= end; p++ {
		if o.visited[p/64]&(1<<(p%64)) != 0 {
			o.fail()
		}
		o.visited[p/64] |= 1 << (p % 64)
	}
	if ref.leaf {
		o.leaves++
		o.before = append(o.before[:0], o.last...)
		o.last = append(o.last[:0], o.path...)
	}
}

// pathStep is a page on the way down the tree, and its depth.
type pathStep struct {
	id    uint64
	depth int
}

func (o *onceWalk) fail() {
	o.failed = true
	panic(badPage{})
}

// checkedSums is the records' check RecordPagesChecked made, for the
// SumFailures that follows it: what it found (bad), in the transaction
// txid.
type checkedSums struct {
	txid int
	bad  []Unreadable
}

// RecordPagesChecked is LostRecordPages for a reader that calls
// SumFailures next (the CSV export): the same findings, the skim's and,
// kept in them for SumFailures, the check's, from one read of the
// records' pages when the store is sound (see above); from the skim and
// the check as before when it is not.
func (s *Store) RecordPagesChecked() (*LostPages, error) {
	once := &onceWalk{}
	bad, err := s.sumFailures(nil, once)
	if err == nil && !once.failed && once.visited != nil {
		return &LostPages{leaves: once.leaves, checked: &checkedSums{txid: once.txid, bad: bad}}, nil
	}
	return s.LostRecordPages()
}

// stillChecked is the check lost carries from RecordPagesChecked, when
// the store is still as it was read then; nil when there is none, or a
// save has been made since.
func (s *Store) stillChecked(lost *LostPages) *checkedSums {
	if lost == nil || lost.checked == nil {
		return nil
	}
	same := false
	if err := s.runTx(false, nil, func(tx *bolt.Tx, _ *txFile) error {
		same = tx.ID() == lost.checked.txid
		return nil
	}); err != nil || !same {
		return nil
	}
	return lost.checked
}
