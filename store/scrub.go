package store

import (
	"slices"

	bolt "go.etcd.io/bbolt"
)

// Scrubbing. bbolt never overwrites a page in place: deleting a draft
// writes the pages that held it afresh without it and frees the old ones,
// which keep their bytes until bbolt happens to reuse them. A draft
// discarded ("cannot be got back") would stay readable in the file. So a
// transaction that removes what must not be kept also asks for a scrub
// (a mark in the meta bucket), and the next write transaction overwrites
// with zeros every page that is free when it starts, then clears the mark.
//
// Why that is safe: the pages free under the last committed meta page are
// used by neither meta page's tree once the next transaction starts
// (bbolt's two meta pages are that last one, whose tree does not use its
// own free pages, and the one before it, which this transaction's commit
// replaces; if the commit never happens, bbolt opens the last committed
// one). Only one writer has the file at a time, and this package holds it
// open for no reader meanwhile, so nobody reads those pages; bbolt writes
// its own new pages after the zeros, at commit.

var keyScrub = []byte("scrub") // in the meta bucket while a scrub is due

// askScrub marks the store as holding freed bytes that must be wiped.
func askScrub(tx *bolt.Tx) error {
	return tx.Bucket(bucketMeta).Put(keyScrub, []byte{1})
}

// scrub runs a write transaction that does nothing but the scrub asked
// for.
func (s *Store) scrub() error {
	return s.update(func(*bolt.Tx) error { return nil })
}

// scrubIfAsked wipes the pages free under the meta page this write
// transaction started from, if a scrub is due, and syncs them; bbolt's
// commit then writes the meta page that clears the mark.
func (s *Store) scrubIfAsked(tx *bolt.Tx, at *txFile) error {
	m := tx.Bucket(bucketMeta)
	if m.Get(keyScrub) == nil {
		return nil
	}
	// The pages of drafts set aside whose wipe is due (draftpages.go).
	if _, err := wipeAside(tx, at); err != nil {
		return s.writeFault(err)
	}
	free := slices.Clone(at.free)
	slices.Sort(free)
	ps := int64(at.meta.pageSize)
	zeros := make([]byte, 64*ps)
	for i := 0; i < len(free); {
		// A run of consecutive pages in one write.
		j := i + 1
		for j < len(free) && free[j] == free[j-1]+1 && j-i < 64 {
			j++
		}
		if _, err := at.f.WriteAt(zeros[:int64(j-i)*ps], int64(free[i])*ps); err != nil {
			return s.writeFault(err)
		}
		i = j
	}
	if len(free) > 0 {
		if err := at.f.Sync(); err != nil {
			return s.writeFault(err)
		}
	}
	return m.Delete(keyScrub)
}
