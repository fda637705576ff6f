package store

import (
	"bytes"
	"encoding/binary"
	"sort"

	bolt "go.etcd.io/bbolt"
)

// fileCursor is a recCursor over the records bucket that reads its pages
// from the file the transaction holds, with ordinary reads (pread), never
// through bbolt's map. It walks the tree as bbolt's cursor does (the same
// stack, the same searches, the same steps over an empty page), so it
// gives the same keys and values in the same order; they are bytes of the
// same file, read under the same lock, into buffers the caller frees
// (pageRuns.release) once it is done with them.
//
// On this VM the first touch of each page of bbolt's map costs some
// microseconds however it was paged in: the records' check of a CSV
// export, walking 1.9 GB of records through the map at a million records,
// spent over a second of one core there (bbolt's Page.FastCheck, the
// first read of each page), where reading the same bytes from the file
// takes about a quarter of that.
//
// A page is checked as bbolt checks it (its id, its kind) and as the skim
// does (its elements and their keys and values inside it, inside the
// transaction's pages): at the first page that fails, the cursor hands
// over to bbolt's own, placed where this one stood, so that a damaged
// page is met, and reported, as bbolt meets it.
type fileCursor struct {
	recs  *bolt.Bucket
	runs  *pageRuns
	size  int64 // the transaction's pages end here
	ps    int64
	stack []fileRef
	last  []byte    // the last key given, for a hand-over in Next
	bolt  recCursor // bbolt's cursor, once handed over to
	// once, when not nil, holds every page to what the skim holds it to
	// as well (onceWalk), and never hands over to bbolt: at a page that
	// fails, the walk ends and once says so.
	once *onceWalk
	// seeking is set while seek goes down the tree again from its root:
	// the pages it reads there were met before.
	seeking bool
}

// fileRef is a page on the cursor's stack and the element it is at.
type fileRef struct {
	p     []byte
	leaf  bool
	index int
	// lo and hi bound the keys of the page as its parent gives them
	// ([lo, hi), nil: no bound), for onceWalk.
	lo, hi []byte
}

func (r *fileRef) count() int { return int(binary.LittleEndian.Uint16(r.p[10:])) }

// badPage is what fileCursor panics with, and recovers, at a page it
// hands over to bbolt.
type badPage struct{}

// newFileCursor is a fileCursor over recs, or bbolt's cursor when recs
// has no pages of its own.
func newFileCursor(recs *bolt.Bucket, tx *bolt.Tx, at *txFile, runs *pageRuns) recCursor {
	if recs == nil || recs.Root() == 0 {
		if runs.once != nil {
			// No tree of pages: the skim's own case (onceWalk).
			runs.once.failed = true
			return &leafCursor{l: &leafRecords{}}
		}
		return recs.Cursor()
	}
	runs.f = at.f
	c := &fileCursor{recs: recs, runs: runs, size: min(tx.Size(), at.size), ps: int64(tx.DB().Info().PageSize), once: runs.once}
	if c.once != nil {
		c.once.begin(tx, at)
	}
	return c
}

// page reads page id whole and checks it; it panics with badPage when it
// is not a page bbolt's cursor would read as the same leaf or branch.
// The bytes up to end are read with it, when it is not already read
// (childOf).
func (c *fileCursor) page(id uint64, end int64) fileRef {
	le := binary.LittleEndian
	off := int64(id) * c.ps
	if id < 2 || off < 0 || off+c.ps > c.size {
		panic(badPage{})
	}
	h := c.runs.read(off, pageHeaderSize, end)
	if h == nil || le.Uint64(h[0:]) != id {
		panic(badPage{})
	}
	flags, count := le.Uint16(h[8:]), int(le.Uint16(h[10:]))
	size := int64(le.Uint32(h[12:])+1) * c.ps
	if flags != flagLeaf && flags != flagBranch || size > maxPageBytes || off+size > c.size || pageHeaderSize+int64(count)*elemSize > size {
		panic(badPage{})
	}
	p := c.runs.read(off, size, end)
	if p == nil {
		panic(badPage{})
	}
	for i := range count {
		at := pageHeaderSize + i*elemSize
		e := p[at : at+elemSize]
		var end uint64
		if flags == flagLeaf {
			end = uint64(at) + uint64(le.Uint32(e[4:])) + uint64(le.Uint32(e[8:])) + uint64(le.Uint32(e[12:]))
		} else {
			end = uint64(at) + uint64(le.Uint32(e[0:])) + uint64(le.Uint32(e[4:]))
		}
		if end > uint64(size) {
			panic(badPage{})
		}
	}
	if flags == flagBranch && count == 0 {
		panic(badPage{}) // bbolt would read an element that is not there
	}
	return fileRef{p: p, leaf: flags == flagLeaf}
}

// key is element i's key of r; child the page a branch's element names.
func (r *fileRef) key(i int) []byte {
	le := binary.LittleEndian
	at := pageHeaderSize + i*elemSize
	e := r.p[at : at+elemSize]
	if r.leaf {
		pos, ksize := uint64(at)+uint64(le.Uint32(e[4:])), uint64(le.Uint32(e[8:]))
		return r.p[pos : pos+ksize : pos+ksize]
	}
	pos, ksize := uint64(at)+uint64(le.Uint32(e[0:])), uint64(le.Uint32(e[4:]))
	return r.p[pos : pos+ksize : pos+ksize]
}

func (r *fileRef) child(i int) uint64 {
	return binary.LittleEndian.Uint64(r.p[pageHeaderSize+i*elemSize+8:])
}

// keyValue is the element the top of the stack is at, as bbolt's
// keyValue (with a bucket's value nil, as its exported methods give it).
func (c *fileCursor) keyValue() ([]byte, []byte) {
	ref := &c.stack[len(c.stack)-1]
	if ref.count() == 0 || ref.index >= ref.count() {
		return nil, nil
	}
	le := binary.LittleEndian
	at := pageHeaderSize + ref.index*elemSize
	e := ref.p[at : at+elemSize]
	pos, ksize, vsize := uint64(at)+uint64(le.Uint32(e[4:])), uint64(le.Uint32(e[8:])), uint64(le.Uint32(e[12:]))
	k := ref.p[pos : pos+ksize : pos+ksize]
	if le.Uint32(e[0:])&bucketLeafFlag != 0 {
		return k, nil
	}
	return k, ref.p[pos+ksize : pos+ksize+vsize : pos+ksize+vsize]
}

// childOf reads the page the element ref is at names, with the pages of
// the elements after it that follow it in the file (each within
// pageRunGap pages of the one before, up to pageRunBytes in all): the
// leaves of a store lie mostly in key order in the file, so that one read
// takes a run of them, and little else.
func (c *fileCursor) childOf(ref *fileRef) fileRef {
	id := ref.child(ref.index)
	end := int64(id+1) * c.ps
	for j, prev := ref.index+1, id; j < ref.count(); j++ {
		next := ref.child(j)
		if next <= prev || next-prev > pageRunGap || int64(next+1)*c.ps-int64(id)*c.ps > pageRunBytes {
			break
		}
		end, prev = int64(next+1)*c.ps, next
	}
	child := c.page(id, end)
	// The child's keys lie from its own key in ref (its parent's lower
	// bound for the first child: bbolt seeks the first child for every
	// key below the second's) up to the next child's key.
	child.lo, child.hi = ref.lo, ref.hi
	if ref.index > 0 {
		child.lo = ref.key(ref.index)
	}
	if ref.index+1 < ref.count() {
		child.hi = ref.key(ref.index + 1)
	}
	if c.once != nil {
		c.once.page(id, &child, len(c.stack), !c.seeking)
	}
	return child
}

// root reads the root page of the records' tree.
func (c *fileCursor) root() fileRef {
	id := uint64(c.recs.Root())
	ref := c.page(id, int64(id+1)*c.ps)
	if c.once != nil {
		c.once.page(id, &ref, 0, !c.seeking)
	}
	return ref
}

func (c *fileCursor) goToFirstElementOnTheStack() {
	for {
		ref := &c.stack[len(c.stack)-1]
		if ref.leaf {
			return
		}
		c.stack = append(c.stack, c.childOf(ref))
	}
}

func (c *fileCursor) first() ([]byte, []byte) {
	c.stack = append(c.stack[:0], c.root())
	c.goToFirstElementOnTheStack()
	if c.stack[len(c.stack)-1].count() == 0 {
		c.next()
	}
	return c.keyValue()
}

func (c *fileCursor) next() ([]byte, []byte) {
	for {
		i := len(c.stack) - 1
		for ; i >= 0; i-- {
			if e := &c.stack[i]; e.index < e.count()-1 {
				e.index++
				break
			}
		}
		if i == -1 {
			return nil, nil
		}
		c.stack = c.stack[:i+1]
		c.goToFirstElementOnTheStack()
		if c.stack[len(c.stack)-1].count() == 0 {
			continue
		}
		return c.keyValue()
	}
}

func (c *fileCursor) seek(seek []byte) ([]byte, []byte) {
	c.stack = c.stack[:0]
	c.seeking = true
	ref := c.root()
	for {
		if ref.leaf {
			ref.index = sort.Search(ref.count(), func(i int) bool { return bytes.Compare(ref.key(i), seek) != -1 })
			c.stack = append(c.stack, ref)
			break
		}
		exact := false
		index := sort.Search(ref.count(), func(i int) bool {
			ret := bytes.Compare(ref.key(i), seek)
			if ret == 0 {
				exact = true
			}
			return ret != -1
		})
		if !exact && index > 0 {
			index--
		}
		ref.index = index
		c.stack = append(c.stack, ref)
		ref = c.childOf(&c.stack[len(c.stack)-1])
	}
	c.seeking = false
	k, v := c.keyValue()
	if ref := &c.stack[len(c.stack)-1]; ref.index >= ref.count() {
		k, v = c.next()
	}
	return k, v
}

// try gives move's answer or, when a page it meets is not one to read
// as bbolt would, hands over to bbolt's cursor and gives again's, bbolt's
// own move from where this cursor stood.
func (c *fileCursor) try(move, again func() ([]byte, []byte)) (k, v []byte) {
	defer func() {
		if p := recover(); p != nil {
			if _, ok := p.(badPage); !ok {
				panic(p)
			}
			if c.once != nil {
				// Not read as the skim would: the walk ends here, and
				// the records are read again as before (onceWalk).
				c.once.failed = true
				k, v = nil, nil
				return
			}
			c.bolt = c.recs.Cursor()
			k, v = again()
		}
	}()
	k, v = move()
	c.last = k
	return k, v
}

func (c *fileCursor) First() ([]byte, []byte) {
	if c.bolt != nil {
		return c.bolt.First()
	}
	return c.try(c.first, func() ([]byte, []byte) { return c.bolt.First() })
}

func (c *fileCursor) Seek(seek []byte) ([]byte, []byte) {
	if c.bolt != nil {
		return c.bolt.Seek(seek)
	}
	return c.try(func() ([]byte, []byte) { return c.seek(seek) }, func() ([]byte, []byte) { return c.bolt.Seek(seek) })
}

func (c *fileCursor) Next() ([]byte, []byte) {
	if c.bolt != nil {
		return c.bolt.Next()
	}
	return c.try(c.next, func() ([]byte, []byte) { return firstAfter(c.bolt, c.last) })
}

// pageRuns are the buffers fileCursor reads pages into: the run of
// pages each read takes is kept, so that the pages after the first are
// taken from it. Reads are made into blocks of pageArenaBytes, one after
// the other, kept from release to release: every byte read stays as read
// until release, when the blocks are taken again from the first (memory
// made afresh for each read was paged in afresh, a fault every few
// kilobytes).
type pageRuns struct {
	f interface {
		ReadAt([]byte, int64) (int, error)
	}
	run    []byte // the last run read, at runAt in the file
	runAt  int64
	blocks [][]byte
	inUse  int   // blocks[:inUse] hold bytes read since release
	used   int64 // bytes of blocks[inUse-1] taken
	// once, when not nil, is given to each fileCursor reading into
	// these runs (onceWalk).
	once *onceWalk
}

const (
	// pageRunBytes is the most a read of pages takes at once, and
	// pageRunGap the most pages between two of them it reads over.
	pageRunBytes = 256 << 10
	pageRunGap   = 4
	// pageArenaBytes is the size of the blocks pageRuns reads into.
	pageArenaBytes = 4 << 20
)

// take is n bytes of a block to read into.
func (r *pageRuns) take(n int64) []byte {
	if n > pageArenaBytes {
		return make([]byte, n)
	}
	if r.inUse == 0 || r.used+n > pageArenaBytes {
		if r.inUse == len(r.blocks) {
			r.blocks = append(r.blocks, make([]byte, pageArenaBytes))
		}
		r.inUse++
		r.used = 0
	}
	b := r.blocks[r.inUse-1][r.used : r.used+n : r.used+n]
	r.used += n
	return b
}

// read is n bytes of the file at off, nil when they cannot be read; when
// they are not in the last run read, they are read with the bytes after
// them up to end.
func (r *pageRuns) read(off, n, end int64) []byte {
	if off >= r.runAt && off+n <= r.runAt+int64(len(r.run)) {
		return r.run[off-r.runAt : off-r.runAt+n : off-r.runAt+n]
	}
	b := r.take(max(n, end-off))
	got, _ := r.f.ReadAt(b, off)
	recordPageBytes.Add(int64(got))
	if int64(got) < n {
		r.run = nil
		return nil
	}
	r.run, r.runAt = b[:got], off
	return r.run[:n:n]
}

// release takes every block again: nothing read before may be used after.
func (r *pageRuns) release() {
	r.inUse, r.used, r.run, r.runAt = 0, 0, nil, 0
}
