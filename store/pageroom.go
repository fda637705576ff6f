package store

import (
	"io"
	"sync"
)

// pageRoom is memory for the pages a transaction's raw cursors read from
// the file and for the elements they find in them (rawCursor.load): each
// piece handed out once in a transaction, so that what a cursor returned
// stays as read until the transaction ends, and taken back whole when it
// ends (txFile.release), for the next. A save's check of the patient
// index and its look-up of the last block of facts read four or five
// pages; made afresh, their buffers and lists of elements were about a
// tenth of what a save allocated.
type pageRoom struct {
	bufs  [][]byte
	nbuf  int
	lists [][]pageElem
	nlist int
}

var pageRooms = sync.Pool{New: func() any { return new(pageRoom) }}

// buf is n bytes of the room's, not shared with anything handed out
// before in this transaction.
func (r *pageRoom) buf(n int64) []byte {
	if r.nbuf == len(r.bufs) {
		r.bufs = append(r.bufs, nil)
	}
	b := r.bufs[r.nbuf]
	if int64(cap(b)) < n {
		b = make([]byte, n)
		r.bufs[r.nbuf] = b
	}
	r.nbuf++
	return b[:n]
}

// list is an empty list of elements to append a page's to (elems), and
// keep gives back the list elems made of it, grown or not, as the room's.
func (r *pageRoom) list() []pageElem {
	if r.nlist == len(r.lists) {
		r.lists = append(r.lists, nil)
	}
	return r.lists[r.nlist][:0]
}

func (r *pageRoom) keep(es []pageElem) {
	switch old := r.lists[r.nlist]; {
	case es == nil:
		// A page elems refused, part listed: all of it cleared.
		clear(old[:cap(old)])
	case cap(es) >= cap(old):
		r.lists[r.nlist] = es
	}
	r.nlist++
}

// reset takes back everything handed out: the elements listed are
// cleared, so nothing of a page read through bbolt's map is kept past
// the map. (A list grown into new memory leaves the old one as the last
// reset cleared it.)
func (r *pageRoom) reset() {
	for i := range r.nlist {
		clear(r.lists[i])
		r.lists[i] = r.lists[i][:0]
	}
	r.nbuf, r.nlist = 0, 0
}

// room is the transaction's pageRoom, taken from the pool when first
// asked for.
func (at *txFile) room() *pageRoom {
	if at.rooms == nil {
		at.rooms = pageRooms.Get().(*pageRoom)
	}
	return at.rooms
}

// release gives the transaction's room back, once nothing read with it
// is used any more: when the transaction has ended.
func (at *txFile) release() {
	if at.rooms != nil {
		at.rooms.reset()
		pageRooms.Put(at.rooms)
		at.rooms = nil
	}
}

// pageIn is pageBytes, a read of the file made into room (nil: a buffer
// of its own).
func pageIn(room *pageRoom, r io.ReaderAt, off, n int64) ([]byte, error) {
	if _, ok := r.(mappedFile); ok || room == nil {
		return pageBytes(r, off, n)
	}
	buf := room.buf(n)
	if _, err := r.ReadAt(buf, off); err != nil {
		return nil, err
	}
	return buf, nil
}
