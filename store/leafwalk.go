package store

import (
	"bytes"
	"encoding/binary"
	"io"
	"os"
	"regexp"
	"slices"
	"sync"

	"digicheck/record"

	bolt "go.etcd.io/bbolt"
)

// The records found by their own pages. A page that leads to the records
// (a branch page of their tree) damaged hides every page of records below
// it from bbolt, though those pages are sound: one zeroed branch page of a
// store of 300 lost 202 records, and one bit of a child's page number sent
// a cursor to another leaf, so that one leaf's records were read twice and
// another's never. Pages of records say what they are: each is a leaf of
// the file whose values are records, every one carrying its own checksum
// (or a sum kept in the sums bucket) over its bytes, which nothing else in
// the file passes by chance. So when the tree above the records is
// damaged, every page of the file is read (as check reads every page), and
// the records are taken from the leaves that hold them, in id order, each
// once: the tree's own pages and any it no longer reaches. A page the
// freelist names (a page a later save replaced, or one a save that never
// finished wrote) is taken only for records the patient index names, as
// only a saved record is there. A record the patient index names that no
// page holds is lost, and said so, as a lost page's records are.

// leafRecord is a record found on a page of the file: its key, and where
// its stored value lies.
type leafRecord struct {
	key      []byte
	off      int64
	n        uint32
	verified bool // its bytes match its checksum, or it decodes as itself
}

// leafRecords are the records found by reading every page, in key order,
// each key once, and the file their values are read from (a store found
// damaged is never written, so they stay where they were found).
type leafRecords struct {
	recs []leafRecord
	f    *os.File
	// holds is how many records the store counts (its patient index's
	// count, kept apart from the index's pages), or -1 when that cannot
	// be told: a store whose index is damaged as well as the pages that
	// lead to the records names none of the records no page holds, and
	// only the count says they are missing.
	holds int
}

// recCursor is what reads the records in key order: bbolt's cursor on the
// records bucket, or one on the records found by their pages.
type recCursor interface {
	First() ([]byte, []byte)
	Next() ([]byte, []byte)
	Seek(seek []byte) ([]byte, []byte)
}

// leafCursor is a recCursor over leafRecords.
type leafCursor struct {
	l *leafRecords
	i int
}

func (c *leafCursor) at() ([]byte, []byte) {
	if c.i >= len(c.l.recs) {
		return nil, nil
	}
	r := c.l.recs[c.i]
	v := make([]byte, r.n)
	if _, err := c.l.f.ReadAt(v, r.off); err != nil {
		v = v[:0] // read as a record that cannot be read
	}
	return r.key, v
}

func (c *leafCursor) First() ([]byte, []byte) { c.i = 0; return c.at() }
func (c *leafCursor) Next() ([]byte, []byte) {
	if c.i < len(c.l.recs) {
		c.i++
	}
	return c.at()
}
func (c *leafCursor) Seek(seek []byte) ([]byte, []byte) {
	c.i, _ = slices.BinarySearchFunc(c.l.recs, seek, func(r leafRecord, k []byte) int { return bytes.Compare(r.key, k) })
	return c.at()
}

// recordsCursor is the cursor that reads the records of tx as l found
// them: on their own pages when the tree above them is damaged, else
// through bbolt. recs is the records bucket of tx.
func (l *LostPages) recordsCursor(recs *bolt.Bucket) recCursor {
	if l != nil && l.walked != nil {
		return &leafCursor{l: l.walked}
	}
	return recs.Cursor()
}

// Walked reports whether the records were found by reading their pages
// one by one, the tree that leads to them being damaged.
func (l *LostPages) Walked() bool { return l != nil && l.walked != nil }

// firstAfter moves c to the first key after after, or to the first key
// when after is nil: where a read in chunks takes up again.
func firstAfter(c recCursor, after []byte) (k, v []byte) {
	if after == nil {
		return c.First()
	}
	if k, v = c.Seek(after); bytes.Equal(k, after) {
		return c.Next()
	}
	return k, v
}

// walkLeaves reads every page of the file of tx for the records on it
// (see above), and the records the patient index names that none holds,
// as lost spans between those found.
func (s *Store) walkLeaves(tx *bolt.Tx, at *txFile) (*LostPages, error) {
	m, ps := at.meta, int64(at.meta.pageSize)
	f, err := os.Open(s.path)
	if err != nil {
		return nil, err
	}
	named := namedIDs(at.f, m)
	isNamed := func(k []byte) bool {
		_, ok := slices.BinarySearch(named, string(k))
		return ok
	}
	free, freeOK := freePages(at.f, m)
	var found []leafRecord
	eachLeafPage(at.f, ps, m.hwm, nil, func(id uint64, es []pageElem) {
		isFree := !freeOK || free[id]
		var page []leafRecord
		holds := false
		for _, e := range es {
			if e.flags&bucketLeafFlag != 0 {
				holds = false
				break // a page of buckets, not of records
			}
			r := leafRecord{key: bytes.Clone(e.key), off: int64(id)*ps + int64(e.start) + int64(len(e.key)), n: uint32(len(e.val))}
			notRecord := false
			if len(e.key) == 36 {
				if why, unsummed := sumProblem(tx, e.key, e.val); why == "" && !unsummed {
					r.verified = true
				} else if unsummed {
					if rec, err := decodeRecord(e.key, e.val); err == nil && rec.ID.String() == string(e.key) {
						// A draft is kept under its record's id, as JSON
						// a record's decoder reads, with no status: only
						// a record has a record's status.
						r.verified = isRecordStatus(rec.Status)
						notRecord = rec.Status == ""

					}
				}
			}
			if notRecord {
				holds = false
				break // a page of drafts (or of what is no record), not of records
			}
			holds = holds || r.verified
			if isFree && !(r.verified && isNamed(r.key)) {
				continue // only a saved record, and sound, from a free page
			}
			page = append(page, r)
		}
		if holds {
			found = append(found, page...)
		}
	})
	// In key order, each key once: a sound copy before a damaged one.
	slices.SortStableFunc(found, func(a, b leafRecord) int {
		if c := bytes.Compare(a.key, b.key); c != 0 {
			return c
		}
		switch {
		case a.verified && !b.verified:
			return -1
		case b.verified && !a.verified:
			return 1
		}
		return 0
	})
	found = slices.CompactFunc(found, func(a, b leafRecord) bool { return bytes.Equal(a.key, b.key) })
	lp := &LostPages{walked: &leafRecords{recs: found, f: f, holds: storeCount(tx)}}
	// A record under a damaged key is read, and named by its own id, as
	// a record that cannot be read: not lost as well.
	carried := map[string]bool{}
	for _, r := range found {
		if _, ok := slices.BinarySearch(named, string(r.key)); ok {
			continue
		}
		v := make([]byte, r.n)
		if _, err := f.ReadAt(v, r.off); err == nil {
			if own, _ := keyProblem(r.key, v); own != "" {
				carried[own] = true
			}
		}
	}
	// What the patient index names and no page holds: a span for each
	// run of them between two records found.
	at0 := -1
	for _, id := range named {
		i, ok := slices.BinarySearchFunc(found, []byte(id), func(r leafRecord, k []byte) int { return bytes.Compare(r.key, k) })
		if ok || carried[id] {
			continue
		}
		if n := len(lp.spans); n > 0 && i == at0 {
			lp.spans[n-1].ids = append(lp.spans[n-1].ids, id)
			continue
		}
		sp := lostSpan{keyRange: keyRange{lo: []byte(id)}, ids: []string{id}}
		if i > 0 {
			sp.before = found[i-1].key
		}
		if i < len(found) {
			sp.hi = found[i].key
		}
		lp.spans = append(lp.spans, sp)
		at0 = i
	}
	return lp, nil
}

// isRecordStatus reports whether s is a saved record's status: a draft
// has none.
func isRecordStatus(s record.Status) bool {
	switch s {
	case record.Completed, record.Amended, record.EnteredInError:
		return true
	}
	return false
}

// storeCount is how many records the store of tx counts, or -1 when it
// keeps no count or its count cannot be read.
func storeCount(tx *bolt.Tx) (n int) {
	defer func() {
		if recover() != nil {
			n = -1 // the root page that holds the count is damaged
		}
	}()
	c, st := recordCount(tx.Bucket(bucketPatients))
	if st != counted {
		return -1
	}
	return int(c)
}

// Missing is how many records the store counts beyond those found and
// those named lost, when its records were found on their own pages
// (Walked): the records kept on pages that are gone that no readable
// part of the patient index names. 0 when none, or when it cannot be
// told.
func (l *LostPages) Missing() int {
	if !l.Walked() || l.walked.holds < 0 {
		return 0
	}
	named := 0
	for _, sp := range l.spans {
		named += len(sp.ids)
	}
	return max(0, l.walked.holds-len(l.walked.recs)-named)
}

// namedIDs are the record ids the patient index names, sorted, each once,
// read with the page walker from meta page m: what cannot be read of the
// index names nothing.
func namedIDs(r io.ReaderAt, m boltMeta) []string {
	ids := lostIDs(r, m, []keyRange{{}})
	return ids[0]
}

// freePages are the pages the freelist of meta page m names; ok is false
// when it cannot be read.
func freePages(r io.ReaderAt, m boltMeta) (free map[uint64]bool, ok bool) {
	if m.freelist == noFreelist {
		return nil, false
	}
	w := newWalker(r, m, nil, nil)
	ids := w.freelist()
	if w.broken {
		return nil, false
	}
	free = make(map[uint64]bool, len(ids))
	for _, id := range ids {
		free[id] = true
	}
	return free, true
}

// holds reports whether recs holds a record under key, as far as can be
// told: a key whose path leads through a damaged page that leads to the
// records (whose records are read from their own pages) is taken as held,
// and the damage is check's to name.
func holds(recs *bolt.Bucket, key []byte) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = true
		}
	}()
	return recs.Get(key) != nil
}

// ownPages reads records of one transaction by key from their own pages
// (walkLeaves), for a reader (history, show, follow-up) whose path through
// the records' tree to a key is damaged: the exports read every record on
// a sound page so, and a clinician is shown what they export. The walk is
// made once, when first needed; every read through it notes the damage,
// so the store is written no more until check finds it sound.
type ownPages struct {
	s    *Store
	tx   *bolt.Tx
	at   *txFile
	l    *LostPages
	done bool
}

func (o *ownPages) walk() *leafRecords {
	if o == nil || o.at == nil {
		return nil
	}
	if !o.done {
		o.done = true
		if l, err := o.s.walkLeaves(o.tx, o.at); err == nil {
			o.l = l
		}
	}
	if o.l == nil {
		return nil
	}
	return o.l.walked
}

// damaged reports whether the path through the records' tree to key is
// damaged: the pages bbolt would read on the way (pathWhy).
func (o *ownPages) damaged(key []byte) bool {
	if o == nil || o.at == nil {
		return false
	}
	b := o.tx.Bucket(bucketRecords)
	if b == nil || b.Root() == 0 {
		return false
	}
	return pathWhy(o.at.pages(o.tx), o.at.meta, uint64(b.Root()), "records", key) != ""
}

// get is the value stored under key on its own page, or nil when no page
// holds it.
func (o *ownPages) get(key []byte) []byte {
	w := o.walk()
	if w == nil {
		return nil
	}
	i, ok := slices.BinarySearchFunc(w.recs, key, func(r leafRecord, k []byte) int { return bytes.Compare(r.key, k) })
	if !ok {
		return nil
	}
	_, v := (&leafCursor{l: w, i: i}).at()
	o.noted()
	return v
}

// withPrefix are the keys found on their own pages that begin with prefix.
func (o *ownPages) withPrefix(prefix []byte) [][]byte {
	w := o.walk()
	if w == nil {
		return nil
	}
	i, _ := slices.BinarySearchFunc(w.recs, prefix, func(r leafRecord, k []byte) int { return bytes.Compare(r.key, k) })
	var out [][]byte
	for ; i < len(w.recs) && bytes.HasPrefix(w.recs[i].key, prefix); i++ {
		out = append(out, w.recs[i].key)
	}
	return out
}

// noted notes the damage a read through the records' own pages stepped
// round.
func (o *ownPages) noted() {
	o.s.noteDamage(damaged(o.s.path, "the pages that lead to the records are damaged, so records were read from their own pages; run digicheck check", nil))
}

// close lets go of the file the walk read.
func (o *ownPages) close() {
	if o != nil && o.l != nil && o.l.walked != nil {
		o.l.walked.f.Close()
	}
}

// The drafts found by their own pages. A damaged page that leads to the
// drafts (a branch page of their tree) hid every draft below it: one
// zeroed page lost twelve clinicians' unfinished assessments, none named.
// Drafts are read from their own pages as records are (walkLeaves): a
// page of drafts is a leaf of the file whose values are drafts, JSON that
// decodes under its own key as a draft and carries no record's status.
// A page the freelist names holds an older version of a draft (or one
// since saved or discarded), so only pages in use are read; when the
// freelist cannot be read, the newest version of each is taken, and none
// the patient index names as a saved record.

// pageDraft is an unfinished assessment found on a page of drafts that
// cannot be read: its key, the patient it names (zero when that cannot
// be read either), and why.
type pageDraft struct {
	key     []byte
	patient record.PatientID
	err     error
}

// draftsTreeBroken reports whether the tree of the drafts bucket of meta
// page m (read from r) is damaged, and says where for IT: its root tree
// found by the page walker, then every page below it.
//
// The drafts' tree is that of the bucket they are kept in (draftpages.go):
// one set aside with its damaged pages is never walked again.
func draftsTreeBroken(r io.ReaderAt, m boltMeta) (broken bool, why string) {
	if m.pageSize == 0 || m.hwm < 2 {
		return false, ""
	}
	live, _ := draftsOnFile(r, m)
	w := newWalker(r, m, live, firstProblem(&why))
	w.tree(m.root, "root", nil, nil, 0)
	return w.broken, why
}

// draftsOnPages reads every page of the file of meta page m (read from r)
// for the drafts on it (see above): the sound ones, oldest first by when
// they were started, and those that cannot be read.
//
// The pages of buckets of drafts set aside (draftpages.go) are not read:
// their drafts were kept in the bucket after them, or named as lost.
func (s *Store) draftsOnPages(r io.ReaderAt, m boltMeta) (sound []Draft, bad []pageDraft) {
	if m.pageSize == 0 || m.hwm < 2 {
		return nil, nil
	}
	_, aside := draftsOnFile(r, m)
	passed := map[uint64]bool{}
	for _, a := range aside {
		for _, p := range a.Pages {
			passed[p] = true
		}
	}
	return s.draftsOnPagesIn(r, m, func(id uint64) bool { return !passed[id] })
}

// draftsOnPagesIn is draftsOnPages reading only the pages within says.
func (s *Store) draftsOnPagesIn(r io.ReaderAt, m boltMeta, within func(id uint64) bool) (sound []Draft, bad []pageDraft) {
	ps := int64(m.pageSize)
	if ps == 0 || m.hwm < 2 {
		return nil, nil
	}
	free, freeOK := freePages(r, m)
	var named []string
	if !freeOK {
		named = namedIDs(r, m)
	}
	newest := map[string]int{} // key -> index in sound
	eachLeafPage(r, ps, m.hwm, func(id uint64) bool { return freeOK && free[id] || !within(id) }, func(_ uint64, es []pageElem) {
		var found []Draft
		var broken []pageDraft
		drafts := false
		for _, e := range es {
			if e.flags&bucketLeafFlag != 0 {
				drafts = false
				break // a page of buckets
			}
			if len(e.val) > 0 && !isDraftValue(e.val) {
				drafts = false
				break // no draft's JSON: a page of something else
			}
			if rec, err := decodeRecord(e.key, e.val); err == nil && isRecordStatus(rec.Status) {
				drafts = false
				break // a page of records kept as JSON
			}
			d, err := decodeDraft(e.key, e.val)
			if err == nil || bytes.Contains(e.val, []byte(`,"saved":"`)) {
				// Only a draft carries when it was kept: a page of
				// drafts, though this one's JSON is broken.
				drafts = true
			}
			if err == nil {
				if err = s.draftFault(&d); err == nil {
					found = append(found, d)
					continue
				}
			}
			broken = append(broken, pageDraft{key: bytes.Clone(e.key), patient: draftPatient(e.val), err: err})
		}
		if drafts {
			for _, d := range found {
				if !freeOK {
					if _, saved := slices.BinarySearch(named, d.ID.String()); saved {
						continue
					}
				}
				if i, ok := newest[d.ID.String()]; ok {
					if d.Saved.After(sound[i].Saved) {
						sound[i] = d
					}
					continue
				}
				newest[d.ID.String()] = len(sound)
				sound = append(sound, d)
			}
			bad = append(bad, broken...)
		}
	})
	// A version that cannot be read beside one that can (an older one,
	// on a page the freelist could not say was free) loses nothing.
	bad = slices.DeleteFunc(bad, func(p pageDraft) bool {
		_, ok := newest[string(p.key)]
		return ok
	})
	slices.SortStableFunc(sound, func(a, b Draft) int { return a.Started.Compare(b.Started) })
	return sound, bad
}

// draftPatientRE finds a draft's patient in its stored JSON.
var draftPatientRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`"patient":\{"kind":"([a-z-]{1,20})","value":"([0-9A-Za-z -]{1,30})"\}`)
})

// draftPatient is the patient a stored draft names, read from its bytes
// when the draft cannot be read whole; zero when they do not say.
func draftPatient(val []byte) record.PatientID {
	m := draftPatientRE().FindSubmatch(val)
	if m == nil {
		return record.PatientID{}
	}
	return record.PatientID{Kind: string(m[1]), Value: string(m[2])}
}

// eachLeafPage hands leaf the elements of every page of r (of ps bytes)
// below end that reads as a leaf page of its own id, its overflow pages
// within end, in id order, and steps over those overflow pages; a page
// that cannot be read is passed over, and the page after it read. A page
// pass reports (nil: none) is stepped over with its overflow, unread.
func eachLeafPage(r io.ReaderAt, ps int64, end uint64, pass func(id uint64) bool, leaf func(id uint64, es []pageElem)) {
	le := binary.LittleEndian
	var h [pageHeaderSize]byte
	for id := uint64(2); id < end; id++ {
		if _, err := r.ReadAt(h[:], int64(id)*ps); err != nil {
			return
		}
		overflow := uint64(le.Uint32(h[12:]))
		if le.Uint64(h[0:]) != id || le.Uint16(h[8:]) != flagLeaf || id+overflow >= end || int64(overflow+1)*ps > maxPageBytes {
			continue
		}
		if pass != nil && pass(id) {
			id += overflow
			continue
		}
		buf := make([]byte, int64(overflow+1)*ps)
		if _, err := r.ReadAt(buf, int64(id)*ps); err != nil {
			continue
		}
		es, _, why := elems(nil, buf, nil, nil, false)
		if why != "" {
			continue
		}
		leaf(id, es)
		id += overflow
	}
}
