package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"

	bolt "go.etcd.io/bbolt"

	"digicheck/record"
)

// The count of the store's records. bbolt reaches a tree from one page
// pointer (a bucket's root, in its header; a branch page's pointer to
// each child), and one bit flipped in such a pointer can lead to other
// pages that look sound: another tree's leaf, or a page of the same tree.
// Every page then passes its checks (pages.go), and the tree holds fewer
// entries than were written: a patient's assessments vanished from their
// history, and a summary counted 2 of 300 records, with nothing said
// (hazard H27). So the store counts its records, and readers that reach
// every entry of a tree compare what they reached with the count.
//
// Every record has one entry in the patient index, written in the same
// transaction, so one count serves both trees. It is kept as the
// sequence of the patient index bucket, in the bucket's header, beside its
// root pointer, in the root page that a save rewrites anyway: it costs a
// save no page. A flipped bit in the count is found by its own check: the
// value is 2 marker bits, then the CRC-32C of the count, then the count
// in 30 bits. A store of an earlier build has no count (a sequence of
// 0); a counted value has at least two bits set, so no one flipped bit
// can make a counted store read as an uncounted one. The first save into
// an uncounted store counts its entries and starts the count, and raises
// the store's schema to schemaCounted, so that an earlier build, which
// would write records without counting them, refuses the store as newer.

// schemaCounted is the first schema whose stores count their records.
const schemaCounted = 7

const (
	countMarker = uint64(3) << 62
	countBits   = 30
	countMax    = 1<<countBits - 1
)

// countValue is the patient index's sequence for a store of n records.
func countValue(n uint64) uint64 {
	return countMarker | uint64(countCheck(n))<<countBits | n&countMax
}

// countCheck is the check of the count n.
func countCheck(n uint64) uint32 {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], n)
	return crc32.Checksum(b[:], castagnoli)
}

// countState is what a store's count says.
type countState int

const (
	uncounted    countState = iota // a store of an earlier build
	counted                        // the count is n
	countDamaged                   // the count fails its own check
)

// recordCount is the count of records the patient index pats keeps.
func recordCount(pats *bolt.Bucket) (n uint64, st countState) {
	if pats == nil {
		return 0, uncounted
	}
	return countFrom(pats.Sequence())
}

// countFrom is the count of records the patient index's sequence v
// keeps.
func countFrom(v uint64) (n uint64, st countState) {
	switch {
	case v == 0:
		return 0, uncounted
	case v&(3<<62) != countMarker:
		return 0, countDamaged
	}
	n = v & countMax
	if uint32(v>>countBits) != countCheck(n) {
		return 0, countDamaged
	}
	return n, counted
}

// countDamagedWhy is what a count that fails its own check means.
const countDamagedWhy = "the store's count of the records it holds is damaged (it fails its own check), so whether any record cannot be reached cannot be told"

// putPatient files r in the patient index pats, with the entry's check,
// and counts the record (the caller has just stored it): the first record
// saved into an uncounted store starts the count.
func putPatient(path string, pats *bolt.Bucket, r *record.Record) error {
	k := patientKey(r.Patient, r.ID)
	fresh := pats.Get(k) == nil
	if err := pats.Put(k, patientEntry(k)); err != nil {
		return err
	}
	if !fresh {
		return nil
	}
	n, st := recordCount(pats)
	switch st {
	case countDamaged:
		return damaged(path, countDamagedWhy, nil)
	case uncounted:
		// Every entry, this one among them: a read of the index's keys,
		// once in the life of a store.
		n = 0
		c := pats.Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			n++
		}
		if err := raiseSchema(pats.Tx(), schemaCounted); err != nil {
			return err
		}
	default:
		n++
	}
	if n > countMax {
		return &Error{ErrInvalidRecord, fmt.Sprintf("the store holds %d records, as many as it can count; start a new store", n-1), nil}
	}
	return pats.SetSequence(countValue(n))
}

// reachedWhy words, for a person, records a tree reached against the n
// the store counted: "" when they agree. what names the tree, and can
// what those not reached cannot do ("be reached").
func reachedWhy(what, can string, reached int, n uint64) string {
	switch {
	case uint64(reached) == n:
		return ""
	case uint64(reached) < n:
		return fmt.Sprintf("%s leads to %d of the %d records the store holds, so %s cannot %s", what, reached, n, plural(int(n-uint64(reached)), "record", "records"), can)
	}
	return fmt.Sprintf("%s leads to %d records, more than the %d the store holds, so some are reached twice or are not the store's", what, reached, n)
}

// pointerForIT is what a tree that reaches other records than the store
// counted means, for IT.
const pointerForIT = " (for IT: a page pointer is damaged)"

// reach is what a read of every record, in several transactions, reached,
// against the store's count of its records: the count when it began (at
// least as many are read: records are never removed) and when it ended
// (at most as many).
type reach struct {
	n           int // records reached: read, or named on a page that cannot be read
	first, last uint64
	st          countState
	seen        bool
	// prev is the last id reached, and again the first reached at or
	// before it (nil: none yet). A flipped bit in a branch page's
	// pointer to a child can lead to another page of the same tree: its
	// records are then reached twice and the child's own not at all, as
	// many as the store counts, and a summary counted 3 records twice
	// and left 3 out with nothing said. Records are read in id order,
	// so one reached at or before the one before it is that damage.
	prev, again []byte
}

// next takes the id k of the next record reached (bbolt's cursor, read in
// id order).
func (r *reach) next(k []byte) {
	if r.again == nil && len(r.prev) > 0 && bytes.Compare(k, r.prev) <= 0 {
		r.again = bytes.Clone(k)
	}
	r.prev = append(r.prev[:0], k...)
}

// at takes the count as tx has it. A store of an earlier build keeps no
// count, and a page pointer flipped in its records' tree made summary
// and export read 215 of its 300 records with nothing said: there the
// patient index, which has one entry for every record, is counted
// instead (indexWalk, its keys alone: about 16 ms for 100,000 entries),
// once, as the read begins; an index that cannot be read whole leaves
// the store uncounted, as before (history and check say that damage).
func (r *reach) at(tx *bolt.Tx) {
	n, st := recordCount(tx.Bucket(bucketPatients))
	if st == uncounted && !r.seen && tx.Bucket(bucketPatients) != nil {
		if entries, ok := indexEntries(tx); ok {
			n, st = uint64(entries), counted
		}
	}
	if !r.seen {
		r.first, r.st, r.seen = n, st, true
		if st == counted {
			r.last = n
		}
		return
	}
	if st == counted {
		r.last = n
	}
}

// verdict is the damage, noted, when what was reached is not what the
// store counted; what names where the records were read from.
func (r *reach) verdict(s *Store, what string) error {
	var why string
	switch {
	case r.again != nil:
		name := keyText(r.again)
		if len(r.again) == 16 {
			name = keyID(r.again) // the QI copy's raw ids
		}
		why = fmt.Sprintf("%s reaches record %s out of its order, after a later one, so some records may be read twice and others not at all", what, name) + pointerForIT
	case r.st == countDamaged:
		why = countDamagedWhy
	case r.st == counted:
		if uint64(r.n) < r.first {
			why = reachedWhy(what, "be read", r.n, r.first) + pointerForIT
		} else if uint64(r.n) > r.last {
			why = reachedWhy(what, "be read", r.n, r.last) + pointerForIT
		}
	}
	if why == "" {
		return nil
	}
	err := &Error{ErrDamaged, fmt.Sprintf("the digicheck store %s is damaged: %s; what was read is not the whole store. %s", s.path, why, keepAndRestore), nil}
	s.noteDamage(err)
	return err
}

// indexEntries counts the patient index's entries as tx has them, reading
// the file with ordinary reads rather than bbolt's map: the index of a
// million records is about 140 MB of pages, which read through the map
// stayed resident and took a summary of such a store from 81 MB to
// 224 MB, past its budget of 150 MB. ok is false when the index cannot
// be read whole (history and check say that damage) or the file cannot
// be opened again for reading.
func indexEntries(tx *bolt.Tx) (n int, ok bool) {
	_, m := committedPages(tx)
	if m.pageSize == 0 {
		return 0, false
	}
	f, err := os.Open(tx.DB().Path())
	if err != nil {
		return 0, false
	}
	defer f.Close()
	at := &txFile{f: f, size: int64(m.hwm) * int64(m.pageSize), meta: m, unmapped: true}
	wk, _ := indexWalk(tx, at, nil)
	return wk.n, wk.why == ""
}

// eachCounted is eachStored for a read of every record that must be
// whole (an export, a summary worked out from the records): once every
// record has been visited, the records reached are compared with the
// store's count, and damage is returned when they differ.
func (s *Store) eachCounted(lost *LostPages, room func() bool, visit func(tx *bolt.Tx, k, v []byte) error, over func(lostSpan), done func() error) error {
	var rc reach
	var prevTx *bolt.Tx
	var prevV []byte // the value of rc.prev, in prevTx
	err := s.eachStored(lost, room, func(tx *bolt.Tx, k, v []byte) error {
		rc.n++
		if rc.prev != nil && bytes.Compare(k, rc.prev) <= 0 {
			// One bit in a record's own key puts it out of order: that
			// record is named by the reader, not the tree's pointers.
			if _, why := keyProblem(k, v); why != "" {
				return visit(tx, k, v)
			}
			if prevTx == tx {
				if _, why := keyProblem(rc.prev, prevV); why != "" {
					rc.prev = rc.prev[:0]
				}
			}
		}
		prevTx, prevV = tx, v
		if rc.next(k); rc.again != nil {
			// A pointer back into the tree: bbolt's cursor would go
			// round it for ever.
			return rc.verdict(s, "the store's tree of records")
		}
		return visit(tx, k, v)
	}, func(sp lostSpan) {
		rc.n += len(sp.ids)
		over(sp)
	}, func(tx *bolt.Tx, _ *txFile) { rc.at(tx) }, nil, done)
	if err != nil {
		return err
	}
	return rc.verdict(s, "the store's tree of records")
}

// countFindings words, for check, the records the walk of the pages
// reached (reached, as an export reads them) and the patient index's
// entries it reached, against the store's count v (the patient index's
// sequence): none when they agree, or the store is uncounted. They are
// never cut from the list of problems: how many records cannot be reached
// is what the person needs, and no page lists them. rep.Unreachable is
// set.
func countFindings(v uint64, reached, entries int, rep *Report) []string {
	const restore = "; keep a copy of the file as it is, and restore the store from a backup"
	n, st := countFrom(v)
	switch st {
	case countDamaged:
		return []string{countDamagedWhy + restore}
	case uncounted:
		return nil
	}
	var out []string
	if why := reachedWhy("the store's tree of records", "be reached", reached, n); why != "" {
		rep.Unreachable = max(int(n)-reached, 0)
		out = append(out, why+pointerForIT+restore+" made after the last of them, or enter those assessments again")
	}
	if why := reachedWhy("the patient index, which finds each patient's assessments,", "be found by patient", entries, n); why != "" {
		out = append(out, why+": a patient's history or follow-up may miss them"+pointerForIT+restore)
	}
	return out
}
