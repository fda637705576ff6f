package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"slices"
	"sync"
)

// Pages. bbolt trusts the file it maps: a damaged page id can send it past
// the end of the file (a fault), into a loop (a branch that names its own
// ancestor, which bbolt follows until memory runs out), or into a panic on
// a goroutine of its own (its Check), none of which can be recovered. So
// before bbolt is trusted with a page, this file's walker reads the page
// structure as bytes of the file, never past its size (ordinary reads, or
// bbolt's map bounded by the file's size: txFile.pages), never following
// a page id it has not checked, and checks what bbolt would otherwise
// assume: every page id is inside the file, every page is
// of the kind its parent says, every element lies inside its page, keys are
// in order, and no page is reached twice (the visited set is what stops a
// loop). Memory is bounded by the file's size and time by its page count.
//
// The layout below is bbolt's on-disk format, version 2 (go.etcd.io/bbolt
// internal/common): a 16-byte page header (id, flags, count, overflow),
// the meta page's fields at offset 16, 16-byte branch and leaf elements.

const (
	pageHeaderSize = 16
	elemSize       = 16

	flagBranch   = 0x01
	flagLeaf     = 0x02
	flagMeta     = 0x04
	flagFreelist = 0x10

	bucketLeafFlag = 0x01

	boltMagic   = 0xED0CDAED
	boltVersion = 2

	// maxPageBytes bounds one page with its overflow: no digicheck value
	// comes near it, and a damaged overflow count must not make the walker
	// read gigabytes at once.
	maxPageBytes = 64 << 20
	// maxDepth bounds nesting (tree depth plus buckets in buckets); a
	// real store is a few levels deep.
	maxDepth = 64
)

// noFreelist is the freelist page id of a store that keeps no freelist.
const noFreelist = ^uint64(0)

// boltMeta is one meta page.
type boltMeta struct {
	pageSize uint32
	root     uint64 // the root bucket's page
	freelist uint64
	hwm      uint64 // pages in use: every page id is below it
	txid     uint64
}

// readMeta reads and checks the meta page at off. ok is false when it is
// not a valid meta page (wrong magic or version, or a bad checksum).
func readMeta(r io.ReaderAt, off int64) (m boltMeta, ok bool) {
	b, err := pageBytes(r, off, 80)
	if err != nil {
		return m, false
	}
	le := binary.LittleEndian
	if le.Uint16(b[8:]) != flagMeta || le.Uint32(b[16:]) != boltMagic || le.Uint32(b[20:]) != boltVersion {
		return m, false
	}
	if fnv64a(b[16:72]) != le.Uint64(b[72:]) {
		return m, false
	}
	return boltMeta{
		pageSize: le.Uint32(b[24:]),
		root:     le.Uint64(b[32:]),
		freelist: le.Uint64(b[48:]),
		hwm:      le.Uint64(b[56:]),
		txid:     le.Uint64(b[64:]),
	}, true
}

// fnv64a is the FNV-1a hash of b, bbolt's meta page checksum
// (hash/fnv's New64a, without a hash.Hash made for each page).
func fnv64a(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// metas returns the file's meta pages that are valid, found as bbolt finds
// them: the first at offset 0, which gives the page size, the second one
// page further on. Its room for both is the caller's, so that the checks
// every transaction makes allocate nothing for them.
func metas(r io.ReaderAt) []boltMeta {
	return metasIn(make([]boltMeta, 0, 2), r)
}

// metasIn is metas, appended to out.
func metasIn(out []boltMeta, r io.ReaderAt) []boltMeta {
	m0, ok0 := readMeta(r, 0)
	if ok0 && validPageSize(m0.pageSize) {
		out = append(out, m0)
		if m1, ok := readMeta(r, int64(m0.pageSize)); ok && m1.pageSize == m0.pageSize {
			out = append(out, m1)
		}
		return out
	}
	// The first meta page is damaged: bbolt then tries the second at
	// the usual page sizes.
	for _, ps := range []uint32{4096, 8192, 16384, 32768, 65536, 1024, 2048} {
		if m1, ok := readMeta(r, int64(ps)); ok && m1.pageSize == ps {
			return append(out, m1)
		}
	}
	return out
}

func validPageSize(ps uint32) bool { return ps >= 512 && ps <= 1<<16 && ps&(ps-1) == 0 }

// chooseMeta picks the meta page of transaction txid: the one bbolt
// chose for the transaction being checked.
func chooseMeta(r io.ReaderAt, txid uint64) (boltMeta, error) {
	var room [2]boltMeta
	ms := metasIn(room[:0], r)
	if len(ms) == 0 {
		return boltMeta{}, fmt.Errorf("no valid meta page")
	}
	for _, m := range ms {
		if m.txid == txid {
			return m, nil
		}
	}
	return boltMeta{}, fmt.Errorf("no meta page for transaction %d", txid)
}

// walker checks a file's pages from one meta page.
type walker struct {
	r       io.ReaderAt
	m       boltMeta
	ps      int64
	visited []uint64 // bitset of page ids reached
	problem func(format string, args ...any)
	shallow bool // the root tree and the meta bucket only
	broken  bool // some problem was found
	records int  // values met in the records bucket
	entries int  // and in the patient index (counted.go)
	// count is the patient index's sequence, the store's count of its
	// records (counted.go), as its header in the root page holds it:
	// counted once that header has been read.
	count   uint64
	counted bool
	// lost are the key ranges of the records bucket's pages that could
	// not be read: what records a damaged page held, from its parent.
	lost []keyRange
	// only, when set, is the one bucket of the root walked: the others
	// are passed over. key, when set, is given the key of every value
	// (not bucket) in the leaves walked, with the bucket's name.
	only  []byte
	key   func(what string, k []byte)
	entry func(what string, k, v []byte) // as key, with the value
	// anyOrder passes over keys out of order (or outside the range
	// their parent gives): what a cursor can still read, for a caller
	// that finds them itself (indexWalk). disordered is then set when
	// a page holds such keys.
	anyOrder, disordered bool
	// room is where each level's page elements are read (elems).
	room [][]pageElem
	// aside are the buckets of drafts set aside with their damaged
	// pages (draftpages.go), by name: their pages are counted as in use
	// and none is read. A bucket named with no pages is passed over.
	aside map[string][]uint64
	// pending, in a deep walk, is the live drafts' tree found damaged
	// when nothing else is, not yet set aside: walked as if it were.
	pending *draftsToSetAside
}

// newWalker is a walker of the file r from meta page m, pages 0 and 1
// (the meta pages) marked reached: only and problem as walker has them,
// problems going unheard when problem is nil.
func newWalker(r io.ReaderAt, m boltMeta, only []byte, problem func(format string, args ...any)) *walker {
	if problem == nil {
		problem = func(string, ...any) {}
	}
	w := &walker{r: r, m: m, ps: int64(m.pageSize), problem: problem, only: only, visited: make([]uint64, (m.hwm+63)/64)}
	w.mark(0)
	w.mark(1)
	return w
}

// firstProblem is a walker's problem that keeps the first one in *why.
func firstProblem(why *string) func(format string, args ...any) {
	return func(format string, args ...any) {
		if *why == "" {
			*why = fmt.Sprintf(format, args...)
		}
	}
}

func (w *walker) fail(format string, args ...any) {
	w.broken = true
	w.problem(format, args...)
}

func (w *walker) seen(id uint64) bool { return w.visited[id/64]&(1<<(id%64)) != 0 }
func (w *walker) mark(id uint64)      { w.visited[id/64] |= 1 << (id % 64) }

// claim marks the pages id..id+overflow as reached; false when one of them
// is out of range or was reached before (a loop, or a page shared by two
// parents).
func (w *walker) claim(id uint64, overflow uint32, what string) bool {
	end := id + uint64(overflow)
	if id < 2 || id >= w.m.hwm || end >= w.m.hwm || end < id {
		w.fail("page %d (%s, %d overflow pages) lies outside the store's %d pages", id, what, overflow, w.m.hwm)
		return false
	}
	for p := id; p <= end; p++ {
		if w.seen(p) {
			w.fail("page %d (%s) is reached twice: a loop, or two owners of one page", p, what)
			return false
		}
	}
	for p := id; p <= end; p++ {
		w.mark(p)
	}
	return true
}

// read reads page id with its overflow pages, after checking its header.
func (w *walker) read(id uint64, want uint16, what string) ([]byte, bool) {
	if id < 2 || id >= w.m.hwm {
		w.fail("%s names page %d, outside the store's %d pages", what, id, w.m.hwm)
		return nil, false
	}
	h, err := pageBytes(w.r, int64(id)*w.ps, pageHeaderSize)
	if err != nil {
		w.fail("page %d (%s) cannot be read: %v", id, what, err)
		return nil, false
	}
	le := binary.LittleEndian
	if got := le.Uint64(h[0:]); got != id {
		w.fail("page %d (%s) says it is page %d", id, what, got)
		return nil, false
	}
	if flags := le.Uint16(h[8:]); flags&want == 0 {
		w.fail("page %d (%s) has kind %#x, not what its parent names", id, what, flags)
		return nil, false
	}
	overflow := le.Uint32(h[12:])
	n := (int64(overflow) + 1) * w.ps
	if n > maxPageBytes {
		w.fail("page %d (%s) claims %d overflow pages", id, what, overflow)
		return nil, false
	}
	if !w.claim(id, overflow, what) {
		return nil, false
	}
	buf, err := pageBytes(w.r, int64(id)*w.ps, n)
	if err != nil {
		w.fail("page %d (%s) cannot be read: %v", id, what, err)
		return nil, false
	}
	return buf, true
}

// tree checks the B+tree rooted at page id. Keys must lie in [lo, hi)
// (nil for unbounded).
func (w *walker) tree(id uint64, what string, lo, hi []byte, depth int) {
	if depth > maxDepth {
		w.fail("%s nests deeper than %d levels", what, maxDepth)
		return
	}
	buf, ok := w.read(id, flagBranch|flagLeaf, what)
	if !ok {
		if what == "records" {
			w.lost = append(w.lost, keyRange{lo, hi})
		}
		return
	}
	w.node(buf, id, what, lo, hi, depth)
}

// pageElem is one element of a branch or leaf page.
type pageElem struct {
	key, val []byte
	flags    uint32
	child    uint64
	start    uint64 // where its key begins in the page
}

// elems reads the elements of the branch or leaf page held in buf (its
// overflow pages with it), checking what bbolt assumes of them without
// checking: the page is a branch or a leaf, its elements fit in it, each
// element's key and value lie inside it, and, with order, the keys are in
// order and in [lo, hi) (nil for unbounded). why, when not "", is what is
// wrong, worded to follow "page N (what)".
//
// The elements are appended to dst[:0], memory the caller keeps for the
// next page (elemRoom), so that checking a page allocates nothing.
func elems(dst []pageElem, buf []byte, lo, hi []byte, order bool) (es []pageElem, branch bool, why string) {
	le := binary.LittleEndian
	if len(buf) < pageHeaderSize {
		return nil, false, " is cut short"
	}
	flags, count := le.Uint16(buf[8:]), int(le.Uint16(buf[10:]))
	if flags != flagBranch && flags != flagLeaf {
		return nil, false, fmt.Sprintf(" is neither a branch nor a leaf (kind %#x)", flags)
	}
	branch = flags == flagBranch
	if pageHeaderSize+count*elemSize > len(buf) {
		return nil, branch, fmt.Sprintf(" claims %d elements, more than fit", count)
	}
	if count == 0 && branch {
		return nil, branch, " is a branch with no children"
	}
	es = slices.Grow(dst[:0], count)[:count]
	var prev []byte
	for i := range count {
		at := pageHeaderSize + i*elemSize
		e := buf[at : at+elemSize]
		var el pageElem
		var pos, ksize, vsize uint64
		if branch {
			pos, ksize, el.child = uint64(le.Uint32(e[0:])), uint64(le.Uint32(e[4:])), le.Uint64(e[8:])
		} else {
			el.flags, pos, ksize, vsize = le.Uint32(e[0:]), uint64(le.Uint32(e[4:])), uint64(le.Uint32(e[8:])), uint64(le.Uint32(e[12:]))
		}
		start := uint64(at) + pos
		if start+ksize+vsize > uint64(len(buf)) {
			return nil, branch, fmt.Sprintf(": element %d lies outside the page", i)
		}
		el.key = buf[start : start+ksize]
		el.val = buf[start+ksize : start+ksize+vsize]
		el.start = start
		if !order {
			es[i] = el
			continue
		}
		if i > 0 && bytes.Compare(prev, el.key) >= 0 {
			return nil, branch, fmt.Sprintf(": keys out of order at element %d", i)
		}
		if (lo != nil && bytes.Compare(el.key, lo) < 0) || (hi != nil && bytes.Compare(el.key, hi) >= 0) {
			return nil, branch, fmt.Sprintf(": key %d is outside the range its parent gives", i)
		}
		prev = el.key
		es[i] = el
	}
	return es, branch, ""
}

// outOfOrder reports whether the keys of es are out of order or outside
// [lo, hi) (nil for unbounded): what elems refuses when asked for order.
func outOfOrder(es []pageElem, lo, hi []byte) bool {
	if len(es) == 0 {
		return false
	}
	for i := 1; i < len(es); i++ {
		if bytes.Compare(es[i-1].key, es[i].key) >= 0 {
			return true
		}
	}
	// In order: all lie in the range when the first and the last do.
	return lo != nil && bytes.Compare(es[0].key, lo) < 0 || hi != nil && bytes.Compare(es[len(es)-1].key, hi) >= 0
}

// node checks one branch or leaf page (or an inline bucket's page) held in
// buf.
func (w *walker) node(buf []byte, id uint64, what string, lo, hi []byte, depth int) {
	le := binary.LittleEndian
	// The elements of this page are kept while its children are
	// walked: a room of their own for each level.
	for len(w.room) <= depth {
		w.room = append(w.room, nil)
	}
	es, branch, why := elems(w.room[depth], buf, lo, hi, !w.anyOrder)
	if cap(es) > cap(w.room[depth]) {
		w.room[depth] = es[:0]
	}
	if why != "" {
		w.fail("page %d (%s)%s", id, what, why)
		if _, _, bad := elems(nil, buf, nil, nil, false); bad != "" && what == "records" {
			// Its records are lost as a page that cannot be read
			// is, as the exports' skim loses them: bbolt would read
			// past it, or fault. (Keys out of order are read.)
			w.lost = append(w.lost, keyRange{lo, hi})
		}
		return
	}
	if w.anyOrder && !w.disordered && outOfOrder(es, lo, hi) {
		w.disordered = true
	}
	flags := uint16(flagLeaf)
	if branch {
		flags = flagBranch
	}
	for i, el := range es {
		if flags == flagBranch {
			// A child's keys lie from its own key in the branch (the
			// first included) to the next one, as bbolt's consistency
			// check requires (tx_check.go, verifyKeyOrder).
			clo, chi := el.key, hi
			if i+1 < len(es) {
				chi = es[i+1].key
			}
			w.tree(el.child, what, clo, chi, depth+1)
			continue
		}
		if el.flags&bucketLeafFlag == 0 {
			switch what {
			case "records":
				w.records++
			case "patients":
				w.entries++
			}
			if w.key != nil {
				w.key(what, el.key)
			}
			if w.entry != nil {
				w.entry(what, el.key, el.val)
			}
			continue
		}
		if w.only != nil && what == "root" && !bytes.Equal(el.key, w.only) {
			continue
		}
		if what == "root" && w.aside != nil {
			if pages, ok := w.aside[string(el.key)]; ok {
				w.claimAside(pages, el.key)
				continue
			}
		}
		if what == "root" && bytes.Equal(el.key, bucketPatients) && len(el.val) >= 16 {
			w.count, w.counted = le.Uint64(el.val[8:]), true // counted.go
		}
		if w.shallow && what == "root" && string(el.key) != string(bucketMeta) &&
			!(len(el.val) >= 16 && le.Uint64(el.val) == 0) {
			// Other buckets' trees are left to bbolt: the operation
			// reads only the pages it needs. (An inline bucket lies in
			// this page, read already, and is checked whole.)
			if len(el.val) < 16 {
				w.fail("bucket %q: header of %d bytes", el.key, len(el.val))
			} else if root := le.Uint64(el.val); root != 0 && (root < 2 || root >= w.m.hwm) {
				w.fail("bucket %q names page %d, outside the store's %d pages", el.key, root, w.m.hwm)
			}
			continue
		}
		name := bucketName(el.key)
		if what != "root" {
			name = what + "/" + name
		}
		w.bucket(el.val, name, depth+1)
	}
}

// claimAside marks the pages of the bucket of drafts name, set aside with
// its damaged pages, as reached, reading none of them: one outside the
// file, or reached from elsewhere too, is a finding.
func (w *walker) claimAside(pages []uint64, name []byte) {
	for _, id := range pages {
		switch {
		case id < 2 || id >= w.m.hwm:
			w.fail("page %d, set aside with the damaged drafts of bucket %q, lies outside the store's %d pages", id, name, w.m.hwm)
		case w.seen(id):
			w.fail("page %d, set aside with the damaged drafts of bucket %q, is also in use elsewhere", id, name)
		default:
			w.mark(id)
		}
	}
}

// bucketName is the name of the bucket k: one of this package's as it is
// spelt here (the meta bucket and the small buckets kept inline, walked by
// every transaction, without a copy of their names each time), else a
// copy.
func bucketName(k []byte) string {
	if name, ok := bucketNames[string(k)]; ok {
		return name
	}
	return string(k)
}

// bucketNames are this package's buckets' names.
var bucketNames = func() map[string]string {
	m := map[string]string{}
	for _, b := range [][]byte{bucketMeta, bucketRecords, bucketPatients, bucketDrafts, bucketSums,
		bucketFacts, bucketFactNames, bucketFactMeta, bucketFactLinks, bucketFactBlocks, bucketNoFacts,
		bucketSuperseded, bucketSetAsideLine, bucketCopies, bucketReadMarks,
		bucketPush, bucketPushVersions, bucketPushQuestionnr, bucketPushConflicts, bucketPushSetAside, bucketPushRebased, bucketPushTaken, bucketPushVoidHeld} {
		m[string(b)] = string(b)
	}
	return m
}()

// bucket checks a bucket from its header (the value under its name).
func (w *walker) bucket(v []byte, name string, depth int) {
	if len(v) < 16 {
		w.fail("bucket %q: header of %d bytes", name, len(v))
		return
	}
	if depth > maxDepth {
		w.fail("bucket %q nests deeper than %d levels", name, maxDepth)
		return
	}
	root := binary.LittleEndian.Uint64(v)
	if root != 0 {
		w.tree(root, name, nil, nil, depth)
		return
	}
	inline := v[16:]
	if len(inline) < pageHeaderSize {
		w.fail("bucket %q: inline page of %d bytes", name, len(inline))
		return
	}
	if binary.LittleEndian.Uint16(inline[8:]) != flagLeaf {
		w.fail("bucket %q: inline page is not a leaf", name)
		return
	}
	w.node(inline, 0, name, nil, nil, depth)
}

// freelist checks the freelist page: every id free once, inside the file,
// and not a page the trees use (when they were walked first). It returns
// the free ids.
func (w *walker) freelist() []uint64 {
	if w.m.freelist == noFreelist {
		return nil
	}
	buf, ok := w.read(w.m.freelist, flagFreelist, "freelist")
	if !ok {
		return nil
	}
	le := binary.LittleEndian
	count, at := uint64(le.Uint16(buf[10:])), uint64(pageHeaderSize)
	if count == 0xFFFF {
		count, at = le.Uint64(buf[pageHeaderSize:]), pageHeaderSize+8
	}
	if count > (uint64(len(buf))-at)/8 {
		w.fail("freelist page %d claims %d free pages, more than fit", w.m.freelist, count)
		return nil
	}
	ids := make([]uint64, 0, count)
	for i := range count {
		id := le.Uint64(buf[at+8*i:])
		if id < 2 || id >= w.m.hwm {
			w.fail("the freelist names page %d, outside the store's %d pages", id, w.m.hwm)
			return nil
		}
		if w.seen(id) {
			w.fail("page %d is in the freelist and in use, or free twice", id)
			return nil
		}
		w.mark(id)
		ids = append(ids, id)
	}
	return ids
}

// walkPages checks the page structure of the file r, of size bytes, as
// meta page txid has it, reporting each finding through
// problem. deep walks every bucket and then requires every page to be in
// use or free; otherwise only the root tree and the meta bucket are read,
// and with withFree the freelist, which is what every operation can
// afford. It reports whether the structure is sound, and the free page
// ids.
//
// Every transaction makes this walk, so the walker, its set of pages
// reached and its rooms for elements are kept for the next (walkers),
// cleared, rather than made again.
func walkPages(r io.ReaderAt, size int64, txid uint64, deep, withFree bool, problem func(string, ...any)) (ok bool, free []uint64, m boltMeta) {
	w := walkers.Get().(*walker)
	*w = walker{r: r, problem: problem, shallow: !deep, visited: w.visited, room: w.room}
	ok, free = w.run(size, txid, deep, withFree)
	m = w.m
	// Nothing of the file, nor the caller's problem, is kept.
	for i := range w.room {
		clear(w.room[i][:cap(w.room[i])])
	}
	*w = walker{visited: w.visited, room: w.room}
	walkers.Put(w)
	return ok, free, m
}

// walkers are walkers kept for the next walk (walkPages).
var walkers = sync.Pool{New: func() any { return new(walker) }}

// walk is walkPages, returning the walker, which has counted the records
// on the way (all of them when deep).
func walk(r io.ReaderAt, size int64, txid uint64, deep, withFree bool, problem func(string, ...any)) (ok bool, free []uint64, w *walker) {
	w = &walker{r: r, problem: problem, shallow: !deep}
	ok, free = w.run(size, txid, deep, withFree)
	return ok, free, w
}

// run is walk, by w, whose visited set, if any, is cleared and used
// again.
func (w *walker) run(size int64, txid uint64, deep, withFree bool) (ok bool, free []uint64) {
	r, problem := w.r, w.problem
	m, err := chooseMeta(r, txid)
	w.m, w.ps = m, int64(m.pageSize)
	if err != nil {
		problem("pages: %v", err)
		return false, nil
	}
	if !validPageSize(m.pageSize) {
		problem("pages: a page size of %d", m.pageSize)
		return false, nil
	}
	if m.hwm < 2 || m.hwm > uint64(size)/uint64(m.pageSize) {
		problem("pages: the store says it has %d pages of %d bytes, but the file holds %d bytes", m.hwm, m.pageSize, size)
		return false, nil
	}
	if n := int((m.hwm + 63) / 64); cap(w.visited) >= n {
		w.visited = w.visited[:n]
		clear(w.visited)
	} else {
		w.visited = make([]uint64, n)
	}
	w.mark(0)
	w.mark(1)
	if deep {
		w.aside = asideOnFile(r, m) // draftpages.go
		// Damaged pages of drafts alone, not yet set aside (no write
		// since): set aside by the next write, and counted so now.
		if set := draftsAsideWalk(r, m); set != nil {
			if w.aside == nil {
				w.aside = map[string][]uint64{}
			}
			w.aside[string(set.bucket)] = set.pages
			w.pending = set
		}
	}
	w.tree(m.root, "root", nil, nil, 0)
	if w.broken {
		return false, nil
	}
	if deep || withFree {
		free = w.freelist()
	}
	if deep && !w.broken {
		n := 0
		for id := uint64(2); id < m.hwm; id++ {
			if !w.seen(id) {
				if n < 10 {
					w.fail("page %d is neither in use nor free", id)
				}
				n++
			}
		}
		if n > 10 {
			w.fail("and %d more pages neither in use nor free", n-10)
		}
	}
	return !w.broken, free
}

// Meta pages. bbolt keeps two meta pages (0 and 1) and writes the next
// save's to the one not in use, so that a save cut off half way leaves the
// other. When the newer one fails its checksum, bbolt quietly reads the
// store from the older, as it was one save earlier: the last save is gone
// and nothing says so, and the next save writes over the damaged page, and
// over the pages of the save it lost. So every operation reads both pages
// itself, as bbolt validates them (common.Meta.Validate: magic, version,
// and an FNV-64a sum of the meta's bytes before its checksum field).

// metaFault is a meta page bbolt would pass over.
type metaFault struct {
	page int    // 0 or 1
	why  string // what fails
	// lost is true when the page is, by its own txid, the newer of the
	// two, so the save it records is no longer read; unsure when its txid
	// is itself unreadable (neither one more nor one less than the page
	// in use).
	lost, unsure bool
	// txid is the transaction the damaged page records, when known (by
	// its own field, or by the one-bit repair that makes it pass its
	// checksum, damage.go); inUse is the one read instead.
	txid, inUse uint64
	fixed       []byte // the page as repaired
	// had and has are the record versions in the store as the damaged
	// page gives it and as it is read, when counted (countLost).
	had, has int
	counted  bool
}

// metaWhy says what is wrong with the meta page in b, or "".
func metaWhy(b []byte) string {
	le := binary.LittleEndian
	switch {
	case le.Uint16(b[8:]) != flagMeta:
		return fmt.Sprintf("its kind is %#x, not a meta page's", le.Uint16(b[8:]))
	case le.Uint32(b[16:]) != boltMagic:
		return "its magic number is wrong"
	case le.Uint32(b[20:]) != boltVersion:
		return fmt.Sprintf("its format version is %d, not %d", le.Uint32(b[20:]), boltVersion)
	}
	if fnv64a(b[16:72]) != le.Uint64(b[72:]) {
		return "it fails its checksum"
	}
	return ""
}

// metaFaults reads both meta pages of r and returns those bbolt would pass
// over. A file with neither page valid is not read by bbolt at all, and is
// refused elsewhere; it gives no faults here.
func metaFaults(r io.ReaderAt) []metaFault {
	var room [2]boltMeta
	ms := metasIn(room[:0], r)
	if len(ms) == 0 {
		return nil
	}
	ps := int64(ms[0].pageSize)
	var raw [2][]byte
	var why [2]string
	for p := range 2 {
		b, err := pageBytes(r, int64(p)*ps, 80)
		if err != nil {
			// What can be read of it, as a read of the file gives it.
			raw[p] = make([]byte, 80)
			_, err = r.ReadAt(raw[p], int64(p)*ps)
			why[p] = fmt.Sprintf("it cannot be read (%v)", err)
			continue
		}
		raw[p] = b
		why[p] = metaWhy(b)
	}
	var out []metaFault
	for p := range 2 {
		if why[p] == "" {
			continue
		}
		f := metaFault{page: p, why: why[p], unsure: true}
		if other := 1 - p; why[other] == "" {
			inUse := binary.LittleEndian.Uint64(raw[other][64:])
			f.inUse, f.txid = inUse, binary.LittleEndian.Uint64(raw[p][64:])
			if fixed, ok := oneBitRepair(raw[p][:]); ok {
				f.txid, f.fixed = binary.LittleEndian.Uint64(fixed[64:]), fixed
			}
			switch f.txid {
			case inUse + 1:
				f.lost, f.unsure = true, false
			case inUse - 1:
				f.unsure = false
			}
		}
		out = append(out, f)
	}
	return out
}

// String words the fault for the person who must act on it: what is
// missing or may be, and what to do, first; the page for IT last.
func (f metaFault) String() string {
	const head = "one of the two pages that say where the store's latest save is kept is damaged"
	it := fmt.Sprintf("for IT: meta page %d: %s", f.page, f.why)
	switch {
	case f.lost:
		return head + ", and it is the one that records the latest save, so digicheck reads the store as it was one save earlier: whatever that last save wrote (an assessment, amendment or void, or a whole batch) is missing from it." + f.countText() + " Keep a copy of this file as it is (the lost save may still be recoverable from it), save nothing more to it, and restore the store from a backup made after the last save, or enter the missing assessments again (" + it + fmt.Sprintf("; it records the latest save (transaction %d), and the store is read as of the save before (transaction %d))", f.txid, f.inUse)
	case f.unsure:
		return head + ", so digicheck reads the store from the other, which may be as it was one save earlier: the assessment(s), amendment or void saved last may be missing from it. Keep a copy of this file as it is, save nothing more to it, and compare it with a backup made after the last save; restore the backup if it holds records this store lacks (" + it + ")"
	}
	return head + ", but it records the save before the latest, so nothing saved is missing; the store has no spare left if the other page is damaged too. Make a backup (digicheck backup DIR) and use the backup in its place: a backup is written with both pages sound (" + it + fmt.Sprintf("; it records transaction %d, and the store is read as of %d)", f.txid, f.inUse)
}

// pathWhy checks, reading r (txFile.pages), the pages of the bucket tree rooted
// at page root that lead to key: the pages a write of key reads and
// rewrites. bbolt copies a leaf's elements into the page it writes as they
// lie, so an element that points past its page would be copied from
// whatever lies there, and the damage made lasting. It is "" when they
// are sound, else the first thing wrong. One read a page (two for a page
// with overflow), the tree's depth of them.
func pathWhy(r io.ReaderAt, m boltMeta, root uint64, what string, key []byte) string {
	ps := int64(m.pageSize)
	le := binary.LittleEndian
	var lo, hi []byte
	id := root
	room := elemRooms.Get().(*[]pageElem)
	defer func() {
		clear((*room)[:cap(*room)]) // nothing of the file kept
		elemRooms.Put(room)
	}()
	for depth := 0; ; depth++ {
		if depth > maxDepth {
			return fmt.Sprintf("the %s nest deeper than %d levels", what, maxDepth)
		}
		if id < 2 || id >= m.hwm {
			return fmt.Sprintf("page %d (%s) lies outside the store's %d pages", id, what, m.hwm)
		}
		buf, err := pageBytes(r, int64(id)*ps, ps)
		if err != nil {
			return fmt.Sprintf("page %d (%s) cannot be read: %v", id, what, err)
		}
		if got := le.Uint64(buf); got != id {
			return fmt.Sprintf("page %d (%s) says it is page %d", id, what, got)
		}
		if overflow := uint64(le.Uint32(buf[12:])); overflow > 0 {
			if id+overflow >= m.hwm || int64(overflow+1)*ps > maxPageBytes {
				return fmt.Sprintf("page %d (%s) claims %d overflow pages", id, what, overflow)
			}
			if buf, err = pageBytes(r, int64(id)*ps, int64(overflow+1)*ps); err != nil {
				return fmt.Sprintf("page %d (%s) cannot be read: %v", id, what, err)
			}
		}
		es, branch, why := elems(*room, buf, lo, hi, true)
		*room = es[:0]
		if why != "" {
			return fmt.Sprintf("page %d (%s)%s", id, what, why)
		}
		// bbolt writes the keys and values of a page one after
		// another, straight after its elements: one that begins
		// anywhere else was pointed there by damage, even inside the
		// page (its overflow), where it reads as a key in order.
		next := uint64(pageHeaderSize + len(es)*elemSize)
		for i, el := range es {
			if el.start != next {
				return fmt.Sprintf("page %d (%s): element %d is not where the one before it ends", id, what, i)
			}
			next += uint64(len(el.key) + len(el.val))
		}
		if !branch {
			return ""
		}
		// The child bbolt seeks key in: the last whose key is at most
		// key, or the first.
		i := 0
		for i+1 < len(es) && bytes.Compare(es[i+1].key, key) <= 0 {
			i++
		}
		if i > 0 {
			lo = es[i].key
		}
		if i+1 < len(es) {
			hi = es[i+1].key
		}
		id = es[i].child
	}
}

// elemRooms are rooms for the elements of one page, kept for the next
// check of a path (pathWhy): a page of a few hundred elements needs 20 kB.
var elemRooms = sync.Pool{New: func() any { return new([]pageElem) }}
