package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"unsafe"

	bolt "go.etcd.io/bbolt"

	"digicheck/record"
	"digicheck/store/facts"
	"digicheck/store/packed"
)

// The patient index read against the records. One bit flipped in a
// patient's entry (in the number it is filed under) files their record
// under another number: history finds none, a follow-up no baseline, and
// a second baseline is saved. The flipped entry stays where the patient's
// own was, among its neighbours in the index: so history, and a save for a
// patient, read the entries around the patient's own against the records
// they name, a few record heads, and stop at one that is filed under
// another patient than its record's, or names no record. Damage further
// away is check's to find (it reads every entry).

// indexNear is how many entries on each side of a patient's own are read
// against their records.
const indexNear = 2

// indexOwn is how many of a patient's own entries are read so.
const indexOwn = 8

// entryCheckV1 is the first byte of a patient index entry's value that
// carries a check of the entry: a CRC-32C of its key follows, 4 bytes,
// big-endian. Entries of earlier builds have an empty value.
const entryCheckV1 = 1

// patientEntry is the value the patient index entry key is stored with:
// a check of the key (the patient's number and the record's id), so a
// save can tell from the index page alone that the entry is as a save
// wrote it. Every earlier build reads the index by its keys alone.
func patientEntry(key []byte) []byte {
	v := make([]byte, 5)
	v[0] = entryCheckV1
	binary.BigEndian.PutUint32(v[1:], crc32.Checksum(key, castagnoli))
	return v
}

// entryChecked reports whether the patient index entry key, stored with
// v, carries a check of itself that it matches. An entry of an earlier
// build (no check) or one whose key or value has changed since it was
// written does not.
func entryChecked(key, v []byte) bool {
	return len(v) == 5 && v[0] == entryCheckV1 && binary.BigEndian.Uint32(v[1:]) == crc32.Checksum(key, castagnoli)
}

// indexAround checks, in tx, the entries of the patient index with the
// prefix (a patient's, patientPrefix) and indexNear on each side of them:
// ErrDamaged when one of that patient's records is filed under another
// patient, or one filed under that patient is another's or missing.
// Damage found among the neighbours that is no concern of that patient's
// is left to check. For a save or a draft: an entry that carries a check
// of itself which it matches is as a save wrote it, the record it names
// filed under that record's own patient, and is not read against the
// record (which would bring the records' pages it lies on into the save);
// every other entry (of an earlier build, or changed since) is.
func (s *Store) indexAround(tx *bolt.Tx, prefix []byte) error {
	return s.indexAroundIn(tx, nil, prefix, nil, true, false)
}

// indexAroundScan is indexAround also reading the entries outOfPlace
// finds, which reads every key of the index (about 16 ms at 100,000
// entries): for the checks made once, as a patient's number is given or
// a draft is taken or discarded, never for a save or a draft's keep,
// which must stay within their budget (docs/performance.md).
func (s *Store) indexAroundScan(tx *bolt.Tx, at *txFile, prefix []byte) error {
	return s.indexAroundIn(tx, at, prefix, nil, true, true)
}

// indexAroundOwn is indexAround reading, through own, a record whose path
// through the records' tree is damaged from its own page (nil: none is),
// and every entry against its record, as history does: it reads the
// patient's records all the same. at is the file under tx (nil: read as
// bbolt has mapped it), where the walk of the whole index is kept for the
// rest of the transaction (walkIndex).
func (s *Store) indexAroundOwn(tx *bolt.Tx, at *txFile, prefix []byte, own *ownPages) error {
	if at == nil && own != nil {
		at = own.at
	}
	return s.indexAroundIn(tx, at, prefix, own, false, true)
}

// indexCursor moves over the patient index's keys: bbolt's cursor, or a
// rawCursor over the index's pages as the file holds them.
type indexCursor interface {
	Seek(key []byte) ([]byte, []byte)
	Next() ([]byte, []byte)
	Prev() ([]byte, []byte)
	Last() ([]byte, []byte)
}

// gatherAround gathers with c the entries of the patient index the checks
// around prefix read: the patient's first entries (a patient of thousands
// of synthetic records is not read whole on every save), and the
// neighbours on each side of the run; with trust, those that match their
// own check are left out.
func gatherAround(c indexCursor, prefix []byte, trust bool) [][]byte {
	var keys [][]byte
	add := func(k, v []byte) {
		if !trust || !entryChecked(k, v) {
			keys = append(keys, k)
		}
	}
	k, v := c.Seek(prefix)
	for i := 0; k != nil && bytes.HasPrefix(k, prefix) && i < indexOwn; i++ {
		add(k, v)
		k, v = c.Next()
	}
	end := bytes.Clone(prefix)
	end[len(end)-1]++ // the patient's entries end with the separator 0
	k, v = c.Seek(end)
	for i := 0; k != nil && i < indexNear; i++ {
		add(k, v)
		k, v = c.Next()
	}
	if k, _ = c.Seek(prefix); k == nil {
		k, v = c.Last()
	} else {
		k, v = c.Prev()
	}
	for i := 0; k != nil && i < indexNear; i++ {
		add(k, v)
		k, v = c.Prev()
	}
	return keys
}

// indexAroundIn is indexAround; trust lets an entry that matches its own
// check stand without its record, and scan reads too the entries
// outOfPlace finds.
func (s *Store) indexAroundIn(tx *bolt.Tx, at *txFile, prefix []byte, own *ownPages, trust, scan bool) error {
	pats, recs := tx.Bucket(bucketPatients), tx.Bucket(bucketRecords)
	if pats == nil || recs == nil {
		return nil
	}
	keys := gatherAround(pats.Cursor(), prefix, trust)
	// An entry whose key has changed may lie out of its place, where
	// the search for the patient's number passes over it and the
	// patient's own entries beside it: see outOfPlace.
	seen := map[string]bool{}
	for _, k := range keys {
		seen[string(k)] = true
	}
	var misplaced [][]byte
	if scan {
		// The count as the pages walked have it: a write's own
		// entries, not yet on them, are not counted against them.
		wk, mine, gathered := walkIndex(tx, at, prefix)
		misplaced = wk.out
		const index = "the patient index, which finds each patient's assessments,"
		const trust = ": no patient's history or follow-ups can be trusted, as an assessment may be missing from them; run digicheck check"
		if wk.why != "" {
			return damaged(s.path, index+" cannot be read whole, or leads to pages that are not its own"+trust+" (for IT: "+wk.why+")", nil)
		}
		switch n, st := countFrom(wk.count); st {
		case countDamaged:
			return damaged(s.path, countDamagedWhy+trust, nil)
		case counted:
			if why := reachedWhy(index, "be found by patient", wk.n, n); why != "" {
				return damaged(s.path, why+trust+pointerForIT, nil)
			}
		}
		// bbolt finds the patient's entries by a binary search of each
		// page's keys: one bit flipped in a neighbour's key put the keys
		// of a page out of order, the search passed over the patient's
		// own entry, and their history said they had no assessments.
		// Every entry of theirs on the pages must be found by the search
		// (where the walk found every key in order and in its place, the
		// search finds each: see walkIndex).
		if missed := searchMissed(pats, prefix, mine); gathered && missed > 0 {
			who := indexPatient(prefix)
			return damaged(s.path, fmt.Sprintf("the patient index is damaged: its entries are out of order near %s, so looking up %s passes over %d of their assessments; until the store is mended, the history and follow-ups of %s and of the patients filed near them cannot be trusted; run digicheck check (for IT: a key in a patient index page is out of order)", who, who, missed, who), nil)
		}
	}
	for _, k := range misplaced {
		if !seen[string(k)] {
			seen[string(k)] = true
			keys = append(keys, k)
		}
	}
	return s.entriesFault(tx, at, recs, keys, prefix, own)
}

// entriesFault reads the patient index entries keys, gathered around
// prefix, against the records they name (entryFault): ErrDamaged at the
// first that is not as a save wrote it.
func (s *Store) entriesFault(tx *bolt.Tx, at *txFile, recs *bolt.Bucket, keys [][]byte, prefix []byte, own *ownPages) error {
	for _, k := range keys {
		indexChecks.Add(1)
		if why := s.entryFault(recs, k, prefix, own); why != "" {
			who := indexPatient(prefix)
			return damaged(s.path, "the patient index is damaged: "+why+", so the history and follow-ups of "+who+othersWords(tx, at, k), nil)
		}
	}
	return nil
}

// indexAroundSave is indexAround for a save of the entry pkey, in its
// transaction before anything is written: the same entries, gathered as
// bbolt's cursor gathers them, read from the index's pages as the file
// holds them (txFile), not through bbolt's map unless the page lies on
// the path to pkey, which the save reads and rewrites in any case. Every
// operation maps the store afresh, so each page read through the map is
// a page fault, and unmapping it again is most of what closing the store
// costs; for a patient with a long history, the first of their entries
// and the neighbours before them lie far from where the save writes (run
// W, docs/performance.md). Where a page of the index is not as bbolt
// wrote it, or holds what the walk does not follow, the entries are
// gathered by bbolt's cursor as before, and found damaged as before.
func (s *Store) indexAroundSave(tx *bolt.Tx, at *txFile, pkey, prefix []byte) error {
	pats, recs := tx.Bucket(bucketPatients), tx.Bucket(bucketRecords)
	if pats == nil || recs == nil {
		return nil
	}
	if keys, ok := gatherFromFile(tx, at, pats, pkey, prefix); ok {
		return s.entriesFault(tx, nil, recs, keys, prefix, nil)
	}
	return s.indexAround(tx, prefix)
}

// gatherFromFile gathers the entries indexAround reads (indexAroundIn,
// trusting the entries that match their check), in the same order, with
// a rawCursor; ok is false where it cannot.
func gatherFromFile(tx *bolt.Tx, at *txFile, pats *bolt.Bucket, pkey, prefix []byte) (keys [][]byte, ok bool) {
	root := uint64(pats.Root())
	if at == nil || at.unmapped || at.meta.pageSize == 0 || root == 0 {
		return nil, false // an inline index lies in its parent's page
	}
	mapped := at.pages(tx)
	if _, isMap := mapped.(mappedFile); !isMap {
		return nil, false
	}
	// The pages on the path to pkey, read through the map.
	onPath := map[uint64]bool{}
	path := rawCursor{m: at.meta, root: root, read: func(uint64) io.ReaderAt { return mapped }, room: at.room()}
	if !path.descend(pkey) {
		return nil, false
	}
	for _, f := range path.stack {
		onPath[f.id] = true
	}
	c := rawCursor{m: at.meta, root: root, read: func(id uint64) io.ReaderAt {
		if f := rawReads; f != nil {
			f(id, onPath[id])
		}
		if onPath[id] {
			return mapped
		}
		return at.f
	}, room: at.room(), seen: path.seen}
	// The pages on the path are read and checked once: the walk to pkey
	// read them through the map as c does.
	keys = gatherAround(&c, prefix, true)
	return keys, !c.bad
}

// rawReads, when set (by tests), is told of each page of the patient
// index a save's check reads, and whether through bbolt's map.
var rawReads func(id uint64, mapped bool)

// rawFrame is a page of a rawCursor's stack: its elements, the one the
// cursor is at, and the bounds its parent gives its keys.
type rawFrame struct {
	id     uint64
	es     []pageElem
	i      int
	lo, hi []byte
	branch bool
}

// rawCursor moves over the keys of one bucket's tree as bbolt's cursor
// does (Seek, Next, Prev and Last, in bbolt 1.5), over pages read through
// read, each checked as pathWhy checks the pages of a save's path (every
// element inside the page and where the one before it ends, the keys in
// order and within the range the parent page gives). bad is set, and
// nothing more is read, at a page that is not so, a leaf with no
// elements, or an element that is not a plain key and value (nor, with
// buckets, a nested bucket's): bbolt's cursor may read those differently,
// and the caller asks it instead.
type rawCursor struct {
	m     boltMeta
	root  uint64
	read  func(id uint64) io.ReaderAt
	stack []rawFrame
	bad   bool
	// buckets lets a leaf's elements be nested buckets too, for a
	// caller that reads their keys alone (lastBlockOf).
	buckets bool
	// seen are the pages read, checked, by id: each is read once.
	seen map[uint64]rawFrame
	// room, when set, holds the pages read from the file and their
	// elements, for as long as the transaction (pageRoom).
	room *pageRoom
}

// load reads and checks page id, whose keys its parent bounds by lo and
// hi, and pushes it with the cursor at element i (-1: the last).
func (c *rawCursor) load(id uint64, lo, hi []byte, i int) bool {
	if c.bad || len(c.stack) > maxDepth || id < 2 || id >= c.m.hwm {
		c.bad = true
		return false
	}
	if f, ok := c.seen[id]; ok && bytes.Equal(f.lo, lo) && bytes.Equal(f.hi, hi) {
		if i < 0 {
			i = len(f.es) - 1
		}
		f.i = i
		c.stack = append(c.stack, f)
		return true
	}
	le := binary.LittleEndian
	ps := int64(c.m.pageSize)
	r := c.read(id)
	buf, err := pageIn(c.room, r, int64(id)*ps, ps)
	if err != nil || le.Uint64(buf) != id {
		c.bad = true
		return false
	}
	if overflow := uint64(le.Uint32(buf[12:])); overflow > 0 {
		if id+overflow >= c.m.hwm || int64(overflow+1)*ps > maxPageBytes {
			c.bad = true
			return false
		}
		if buf, err = pageIn(c.room, r, int64(id)*ps, int64(overflow+1)*ps); err != nil {
			c.bad = true
			return false
		}
	}
	var dst []pageElem
	if c.room != nil {
		dst = c.room.list()
	}
	es, branch, why := elems(dst, buf, lo, hi, true)
	if c.room != nil {
		c.room.keep(es)
	}
	if why != "" || len(es) == 0 {
		c.bad = true
		return false
	}
	next := uint64(pageHeaderSize + len(es)*elemSize)
	for _, el := range es {
		if el.start != next || (!branch && el.flags != 0 && !(c.buckets && el.flags == bucketLeafFlag)) {
			c.bad = true
			return false
		}
		next += uint64(len(el.key) + len(el.val))
	}
	if i < 0 {
		i = len(es) - 1
	}
	f := rawFrame{id: id, es: es, i: i, lo: lo, hi: hi, branch: branch}
	if c.seen == nil {
		c.seen = map[uint64]rawFrame{}
	}
	c.seen[id] = f
	c.stack = append(c.stack, f)
	return true
}

func (f *rawFrame) leaf() bool { return !f.branch }

// child is the page under f's element, with the bounds f gives it.
func (f *rawFrame) child() (id uint64, lo, hi []byte) {
	lo, hi = f.lo, f.hi
	if f.i > 0 {
		lo = f.es[f.i].key
	}
	if f.i+1 < len(f.es) {
		hi = f.es[f.i+1].key
	}
	return f.es[f.i].child, lo, hi
}

// at is the key and value the cursor is at; nil past the last.
func (c *rawCursor) at() ([]byte, []byte) {
	if c.bad || len(c.stack) == 0 {
		return nil, nil
	}
	f := &c.stack[len(c.stack)-1]
	if f.i >= len(f.es) {
		return nil, nil
	}
	return f.es[f.i].key, f.es[f.i].val
}

// Seek is bbolt's Seek: the first key at or after key, or nil.
func (c *rawCursor) Seek(key []byte) ([]byte, []byte) {
	if !c.descend(key) {
		return nil, nil
	}
	if f := &c.stack[len(c.stack)-1]; f.i == len(f.es) {
		return c.Next()
	}
	return c.at()
}

// descend goes down to the leaf where key is or would go, as bbolt's
// search does for a Seek or a Put, and is at the first key at or after
// it there (past the leaf's last, if none).
func (c *rawCursor) descend(key []byte) bool {
	c.stack = c.stack[:0]
	if !c.load(c.root, nil, nil, 0) {
		return false
	}
	for {
		f := &c.stack[len(c.stack)-1]
		if f.leaf() {
			f.i = 0
			for f.i < len(f.es) && bytes.Compare(f.es[f.i].key, key) < 0 {
				f.i++
			}
			return true
		}
		// The child bbolt seeks key in: the last whose key is at
		// most key, or the first.
		f.i = 0
		for f.i+1 < len(f.es) && bytes.Compare(f.es[f.i+1].key, key) <= 0 {
			f.i++
		}
		id, lo, hi := f.child()
		if !c.load(id, lo, hi, 0) {
			return false
		}
	}
}

// down follows the element the top of the stack is at to a leaf, taking
// each page's first element (i 0) or last (-1).
func (c *rawCursor) down(i int) bool {
	for {
		f := &c.stack[len(c.stack)-1]
		if f.leaf() {
			return true
		}
		id, lo, hi := f.child()
		if !c.load(id, lo, hi, i) {
			return false
		}
	}
}

// Next is bbolt's Next.
func (c *rawCursor) Next() ([]byte, []byte) {
	if c.bad {
		return nil, nil
	}
	i := len(c.stack) - 1
	for ; i >= 0; i-- {
		if f := &c.stack[i]; f.i < len(f.es)-1 {
			f.i++
			break
		}
	}
	if i < 0 {
		return nil, nil
	}
	c.stack = c.stack[:i+1]
	if !c.down(0) {
		return nil, nil
	}
	return c.at()
}

// Prev is bbolt's Prev: nil before the first key.
func (c *rawCursor) Prev() ([]byte, []byte) {
	if c.bad {
		return nil, nil
	}
	i := len(c.stack) - 1
	for ; i >= 0; i-- {
		if f := &c.stack[i]; f.i > 0 {
			f.i--
			break
		}
	}
	if i < 0 {
		return nil, nil
	}
	c.stack = c.stack[:i+1]
	if !c.down(-1) {
		return nil, nil
	}
	return c.at()
}

// Last is bbolt's Last.
func (c *rawCursor) Last() ([]byte, []byte) {
	c.stack = c.stack[:0]
	if !c.load(c.root, nil, nil, -1) || !c.down(-1) {
		return nil, nil
	}
	return c.at()
}

// othersWords ends the words of an entry k of the patient index found
// damaged: whether the histories of other patients are in doubt too. The
// words are kept in the store's note and shown again with every other
// patient's history. A key whose bits changed can lie out of its place
// among the keys beside it, where bbolt's search for a patient filed near
// it passes over their entries: it was said that other patients' histories
// were not in doubt, while the same key hid the next patient's assessment.
func othersWords(tx *bolt.Tx, at *txFile, k []byte) string {
	const end = "; run digicheck check"
	switch out, known := keyOutOfPlace(tx, at, k); {
	case out:
		return ", and of the patients filed near that entry, cannot be trusted: the entry is out of its place in the index, so looking one of them up can pass over their assessments" + end
	case known:
		return " cannot be trusted (other patients' histories, read against their own records, are not in doubt unless said)" + end
	}
	return " cannot be trusted, and those of the patients filed near that entry may not be either" + end
}

// keyOutOfPlace reports whether the patient index entry k lies out of
// order among the entries beside it on the index's pages (read with the
// page walker, as indexWalk reads them: only once damage is found);
// known is false when the index cannot be read so, or k is not on it.
func keyOutOfPlace(tx *bolt.Tx, at *txFile, k []byte) (out, known bool) {
	r, m := pagesOf(tx, at)
	if r == nil || m.pageSize == 0 {
		return false, false
	}
	failed := false
	w := newWalker(r, m, bucketPatients, func(string, ...any) { failed = true })
	w.anyOrder = true
	var prev []byte
	after := false // the entry before was k
	w.entry = func(what string, e, _ []byte) {
		if what != string(bucketPatients) {
			return
		}
		if after && bytes.Compare(e, k) <= 0 {
			out = true
		}
		after = false
		if bytes.Equal(e, k) {
			known, after = true, true
			if prev != nil && bytes.Compare(prev, k) >= 0 {
				out = true
			}
		}
		prev = append(prev[:0], e...)
	}
	w.tree(m.root, "root", nil, nil, 0)
	return out, known && (out || !failed)
}

// indexWalked is what a walk of the whole patient index found
// (indexWalk).
type indexWalked struct {
	// out are the entries that are not as a save wrote them.
	out [][]byte
	// n is the entries reached, count the store's count of its records
	// as the root page walked holds it (counted.go).
	n     int
	count uint64
	// why, when not "", is why the index's pages cannot all be read.
	why string
	// ordered: every key lies after the one before it and within the
	// range its parent page gives it.
	ordered bool
}

// walkIndex is indexWalk made once in a transaction: at, the file under
// it, keeps the walk for the rest of the transaction, and a later call
// gives it again. A batch (synthetic data, copies read from a server)
// saves thousands of records in one transaction, and each follow-up's
// and amendment's check walked the whole index again: 40,000 synthetic
// records took 2.7 times as long as 20,000. The pages a transaction
// starts from do not change under it (bbolt writes only at the commit,
// to pages that no transaction's start holds), so every walk of them in
// it finds the same: the entries out of their place, those reached and
// the count, and the pages that cannot be read.
//
// mine are the entries of the patient prefix gathered from the pages
// (see indexWalk), and gathered says they were. A later call gathers
// none when the walk found every key in order and in its place: bbolt's
// search (a binary search of each branch and leaf page, by the same
// keys) then finds every entry on the pages, and the transaction's own
// writes only add entries, each where the search puts it, so the search
// misses none of a patient's (searchMissed). Where a key was out of
// order, the patient's entries are gathered by a walk of their own.
func walkIndex(tx *bolt.Tx, at *txFile, prefix []byte) (wk *indexWalked, mine [][]byte, gathered bool) {
	if at != nil && at.walked != nil {
		wk = at.walked
		if wk.ordered {
			return wk, nil, false
		}
		_, mine = indexWalk(tx, at, prefix)
		return wk, mine, true
	}
	w, mine := indexWalk(tx, at, prefix)
	if at != nil {
		at.walked = &w
	}
	return &w, mine, true
}

// indexWalk reads every entry of the patient index, in the transaction
// tx on the file at (nil: as bbolt has mapped it, committedPages), with the page walker (pages.go), never through
// bbolt: a damaged pointer between its pages could send bbolt round a
// loop for ever. It returns the entries that are not as a save wrote
// them: one whose check of itself fails (a bit flipped in its key or its
// check), and, of entries of earlier builds, which carry no check, each
// that is not after the entry before it, with that entry. A flipped bit
// that leaves an entry in order leaves it where the patient's own entries
// are, among the neighbours read around them. It counts the entries, for
// the store's count (counted.go), and why, when not "", is why the index's
// pages cannot all be read, and count the store's count of its records as
// the root page walked holds it. It reads the index's keys alone, no record:
// about 16 ms for 100,000 entries.
//
// mine are the entries whose keys begin with prefix (nil: none are
// gathered), wherever they lie: a patient's own, read from the pages
// themselves, not found by bbolt's search (see indexAroundIn).
func indexWalk(tx *bolt.Tx, at *txFile, prefix []byte) (wk indexWalked, mine [][]byte) {
	foreign := 0
	defer func() {
		// A flipped page pointer can lead to another tree's pages,
		// whose entries are no patient's: as many entries as the store
		// counts, in another tree that has one an assessment (the
		// checksums', the QI copy's). One entry whose key is damaged is
		// read as before, against the record it names; more, or every
		// entry, is the index reaching pages that are not its own.
		if wk.why == "" && (foreign > 1 || foreign > 0 && foreign == wk.n) {
			wk.why = fmt.Sprintf("%d of its %d entries are not a patient's", foreign, wk.n)
		}
	}()
	indexScans.Add(1)
	r, m := pagesOf(tx, at)
	if r == nil || m.pageSize == 0 {
		return indexWalked{ordered: true}, nil
	}
	w := newWalker(r, m, bucketPatients, firstProblem(&wk.why))
	w.anyOrder = true
	var prev []byte
	w.entry = func(what string, k, v []byte) {
		if what != string(bucketPatients) {
			return
		}
		if !patientShaped(k) {
			foreign++
		}
		if prefix != nil && bytes.HasPrefix(k, prefix) {
			mine = append(mine, bytes.Clone(k))
		}
		switch {
		case len(v) == 0:
			if prev != nil && bytes.Compare(k, prev) <= 0 {
				wk.out = append(wk.out, bytes.Clone(prev), bytes.Clone(k))
			}
		case !entryChecked(k, v):
			wk.out = append(wk.out, bytes.Clone(k))
		}
		prev = k
	}
	w.tree(m.root, "root", nil, nil, 0)
	wk.n, wk.count, wk.ordered = w.entries, w.count, !w.disordered
	return wk, mine
}

// entryFault says what is wrong with the patient index entry k, against
// the record it names, for the patient whose entries begin with prefix,
// or "".
func (s *Store) entryFault(recs *bolt.Bucket, k, prefix []byte, own *ownPages) string {
	kind, rest, ok1 := bytes.Cut(k, []byte{0})
	value, id, ok2 := bytes.Cut(rest, []byte{0})
	mine := bytes.HasPrefix(k, prefix)
	if !ok1 || !ok2 {
		if mine {
			return fmt.Sprintf("an entry for %s cannot be read (for IT: patients key %s)", indexPatient(prefix), keyText(k))
		}
		return ""
	}
	v, readable := getSafe(recs, id)
	if !readable || v == nil && own.damaged(id) {
		if v = own.get(id); v == nil && !readable {
			return "" // on a page that cannot be read: history says so
		}
	}
	if v == nil {
		if mine {
			return fmt.Sprintf("it names record %s for %s, and the store holds no such record", keyText(id), indexPatient(prefix))
		}
		return ""
	}
	// The facts a record carries name its patient's number uncompressed:
	// an entry filed under that number, of a kind digicheck writes, is
	// the record's, with no record unpacked. Anything else is read from
	// the record's own JSON below.
	if fv, ok := factsPatientValue(v); ok && bytes.Equal(fv, value) && knownKind(kind) {
		return ""
	}
	p, ok := headPatient(v)
	if !ok {
		r, err := decodeRecord(id, v)
		if err != nil {
			return "" // the record's own damage, said by whoever reads it
		}
		p = r.Patient
	}
	switch own := bytes.Equal(patientPrefix(p), prefix); {
	case p.Kind == string(kind) && p.Value == string(value):
		return ""
	case mine:
		return fmt.Sprintf("it files another patient's record %s under %s", keyText(id), indexPatient(prefix))
	case own:
		return fmt.Sprintf("it files record %s of %s under another patient, %s", keyText(id), indexPatient(prefix), indexPatient(k))
	}
	return ""
}

// indexPatient names the patient of the patient index key (or prefix) k
// as the index holds it ("patient 9434765919"): a finding about one
// patient's entries is kept in the store's note and said again by later
// runs, for other patients, so it never says "this patient". A key that
// cannot be split is "a patient".
func indexPatient(k []byte) string {
	kind, rest, ok := bytes.Cut(k, []byte{0})
	value, _, ok2 := bytes.Cut(rest, []byte{0})
	if !ok || !ok2 || len(value) == 0 || len(kind) == 0 {
		return "a patient"
	}
	return "patient " + keyText(value)
}

// factsPatientValue is the patient identifier's value in the facts the
// stored record v carries, in place; ok is false when v carries none, or
// its facts are too short to hold it.
func factsPatientValue(v []byte) (value []byte, ok bool) {
	f, _, ok := packed.Facts(v)
	if !ok || len(f) < facts.HeaderLen {
		return nil, false
	}
	at := facts.HeaderLen + 4*(facts.View(f).NumReferrals()+facts.View(f).NumOutcomes())
	if at >= len(f) || at+1+int(f[at]) > len(f) {
		return nil, false
	}
	return f[at+1 : at+1+int(f[at])], true
}

// knownKind reports whether kind is one of the kinds of patient
// identifier a record is filed under.
func knownKind(kind []byte) bool {
	return string(kind) == record.NHSNumber || string(kind) == record.LocalID
}

// patientHead is how much of a record is unpacked for its patient: its id
// and patient come first.
const patientHead = 192

// headPatient is the patient of the record stored as v, from its first
// bytes; ok is false when they do not say plainly (an escape in them, or
// not there), and the caller decodes the record.
func headPatient(v []byte) (p record.PatientID, ok bool) {
	indexHeads.Add(1)
	h, err := packed.Head(v, patientHead)
	if err != nil {
		return p, false
	}
	const kindAt, valueAt = `,"patient":{"kind":"`, `","value":"`
	i := bytes.Index(h, []byte(kindAt))
	if i < 0 {
		return p, false
	}
	rest := h[i+len(kindAt):]
	kind, rest, ok1 := bytes.Cut(rest, []byte(valueAt))
	value, _, ok2 := bytes.Cut(rest, []byte(`"}`))
	if !ok1 || !ok2 || bytes.ContainsAny(kind, `\"`) || bytes.ContainsAny(value, `\"`) {
		return p, false
	}
	return record.PatientID{Kind: string(kind), Value: string(value)}, true
}

// getSafe is recs.Get(key), with readable false when the page it lies on
// cannot be read (bbolt panics on it).
func getSafe(recs *bolt.Bucket, key []byte) (v []byte, readable bool) {
	defer func() {
		if recover() != nil {
			v, readable = nil, false
		}
	}()
	return recs.Get(key), true
}

// committedPages is the file of tx as bbolt has mapped it, up to the last
// page the transaction it starts from uses, and that transaction's meta
// page: for the checks of a transaction whose caller has not the file at
// hand (a follow-up's save reads the patient's latest assessment). r is
// nil when bbolt has not mapped the file.
func committedPages(tx *bolt.Tx) (r io.ReaderAt, m boltMeta) {
	info := tx.DB().Info()
	if info == nil || info.Data == 0 || info.PageSize <= 0 {
		return nil, m
	}
	// The map's address, as bbolt gives it (a uintptr), read as the
	// pointer it is (txFile.pages).
	base := *(**byte)(unsafe.Pointer(&info.Data))
	ps := int64(info.PageSize)
	txid := uint64(tx.ID())
	if tx.Writable() {
		txid-- // it starts from the last committed one
	}
	m, err := chooseMeta(mappedFile(unsafe.Slice(base, 2*ps)), txid)
	if err != nil || int64(m.pageSize) != ps || int64(m.hwm)*ps > tx.Size() && !tx.Writable() {
		return nil, boltMeta{}
	}
	return mappedFile(unsafe.Slice(base, int64(m.hwm)*ps)), m
}

// pagesOf is the file under tx and its meta page: at's, or, with at nil,
// the committed file's (committedPages).
func pagesOf(tx *bolt.Tx, at *txFile) (io.ReaderAt, boltMeta) {
	if at != nil {
		return at.pages(tx), at.meta
	}
	return committedPages(tx)
}

// patientShaped reports whether k is shaped as a patient index key is: a
// kind of patient identifier, its value and a record's id (36
// characters), with the zero bytes between.
func patientShaped(k []byte) bool {
	kind, rest, ok1 := bytes.Cut(k, []byte{0})
	_, id, ok2 := bytes.Cut(rest, []byte{0})
	return ok1 && ok2 && knownKind(kind) && len(id) == 36
}

// searchMissed is how many of the entries mine, read from the patient
// index's pages, bbolt's search for prefix in pats does not find.
func searchMissed(pats *bolt.Bucket, prefix []byte, mine [][]byte) int {
	if len(mine) == 0 {
		return 0
	}
	found := make(map[string]bool, len(mine))
	c := pats.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		found[string(k)] = true
	}
	missed := 0
	for _, k := range mine {
		if !found[string(k)] {
			missed++
		}
	}
	return missed
}
