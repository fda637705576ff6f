package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"sync"
	"unsafe"

	bolt "go.etcd.io/bbolt"
)

// The free list. bbolt writes a save's new pages where its free list says
// there is room, and believes it: one flipped bit that makes an entry name
// a page in use (a leaf of records, say) lets the next save write over
// that page, and the assessments on it are gone, though the save itself
// says it succeeded. The checks every write makes (checkPages) read the
// free list as bytes: its entries lie inside the file and are free once,
// and not pages of the root tree. Whether an entry names a page of some
// other tree is known only by walking every tree, which takes time in
// proportion to the file (about a tenth of a second at 100,000 records).
//
// So a write is let go ahead only from a free list known to name no page
// in use, and that knowledge is remembered, for this process, as a seal:
// the meta page's transaction, root, free list page and page count, and a
// CRC-32C of the free list page's bytes. The first write of a process on a
// store walks every tree (or a walk made earlier, VerifyFreeList, when an
// assessment starts); later writes find the seal they left matching the
// file, and walk nothing: a free list bbolt wrote from a sound one, in
// this process's own commit, is sound. A write by another process in
// between (a new transaction) or any change to the free list's bytes
// since (a flipped bit) does not match, and is walked again.

// freeSeal is what a walk found sound: the free list of one transaction.
type freeSeal struct {
	txid, root, freelist, hwm uint64
	sum                       uint32
}

// freeSeals are the seals of this process, by store path.
var freeSeals = struct {
	sync.Mutex
	m map[string]freeSeal
}{m: map[string]freeSeal{}}

func freeSealed(path string, f freeSeal) bool {
	freeSeals.Lock()
	defer freeSeals.Unlock()
	g, ok := freeSeals.m[path]
	return ok && g == f
}

func sealFree(path string, f freeSeal) {
	freeSeals.Lock()
	freeSeals.m[path] = f
	freeSeals.Unlock()
}

func unsealFree(path string) {
	freeSeals.Lock()
	delete(freeSeals.m, path)
	freeSeals.Unlock()
}

// sealOf is the seal of the free list of meta page m in r; ok is false
// when the page cannot be read (checkPages says why).
func sealOf(r io.ReaderAt, m boltMeta) (f freeSeal, ok bool) {
	f = freeSeal{txid: m.txid, root: m.root, freelist: m.freelist, hwm: m.hwm}
	if m.freelist == noFreelist {
		return f, true // bbolt finds the free pages by walking, itself
	}
	ps := int64(m.pageSize)
	if m.freelist < 2 || m.freelist >= m.hwm {
		return f, false
	}
	// Its first page whole: a read of the file, where a free list
	// of one page (most) takes no second.
	b, err := pageBytes(r, int64(m.freelist)*ps, ps)
	if err != nil {
		return f, false
	}
	overflow := uint64(binary.LittleEndian.Uint32(b[12:]))
	if m.freelist+overflow >= m.hwm || int64(overflow+1)*ps > maxPageBytes {
		return f, false
	}
	if overflow > 0 {
		if b, err = pageBytes(r, int64(m.freelist)*ps, int64(overflow+1)*ps); err != nil {
			return f, false
		}
	}
	f.sum = crc32.Checksum(b, castagnoli)
	return f, true
}

// freeListWhy walks every tree of the file r from meta page m and then its
// free list, and says, in words for the person told of it, why a write
// must not allocate from it: a free page in use, or trees it cannot read,
// so that which pages are in use is not known. It is "" when the free list
// names no page in use.
//
// The pages of drafts set aside (draftpages.go) are counted in use,
// unread. When what is damaged is the live drafts' tree alone, every other
// tree and the free list sound, the why is "" and set says what to set
// aside: the write may go ahead once it has (runTx), as it reads and
// frees no page of that tree.
func freeListWhy(r io.ReaderAt, m boltMeta) (why string, set *draftsToSetAside) {
	freeWalks.Add(1)
	var first string
	w := newWalker(r, m, nil, firstProblem(&first))
	w.aside = asideOnFile(r, m)
	w.tree(m.root, "root", nil, nil, 0)
	if w.broken {
		if set := draftsAsideWalk(r, m); set != nil {
			return "", set
		}
		return "part of it cannot be read, so which of its pages are free cannot be known, and saves to it are refused so that nothing in the store is written over; run digicheck check to see what is affected (for IT: " + first + ")", nil
	}
	w.freelist()
	if w.broken {
		return "its list of free space names a page that is still in use, holding saved records, so saves to it are refused so that nothing in the store is written over; run digicheck check to see what is affected (for IT: " + first + ")", nil
	}
	return "", nil
}

// checkFree is what a write makes sure of before bbolt allocates a page:
// the free list it allocates from names no page in use, known by the seal
// this process left or by a walk of every tree. What bbolt writes as the
// free list on commit is sealed in turn.
func (s *Store) checkFree(tx *bolt.Tx, at *txFile) error {
	r := at.pages(tx)
	m := at.meta
	if m.pageSize == 0 {
		// CheckContext's own walk, not checkPages, read the pages.
		var err error
		if m, err = chooseMeta(r, uint64(tx.ID())-1); err != nil {
			return s.unreadable(errors.New(pagesWhy(err.Error())))
		}
	}
	f, ok := sealOf(r, m)
	if !ok {
		return s.unreadable(errors.New(pagesWhy(fmt.Sprintf("freelist page %d cannot be read", m.freelist))))
	}
	if !freeSealed(s.path, f) {
		why, set := freeListWhy(r, m)
		if why != "" {
			unsealFree(s.path)
			return damaged(s.path, why, nil)
		}
		if set != nil {
			// Only the drafts' pages are damaged: this write sets
			// them aside first (runTx), and no seal is left until
			// it has committed.
			at.aside = set
			unsealFree(s.path)
		} else {
			sealFree(s.path, f)
		}
	}
	// bbolt lets go of the transaction's database and meta page before
	// it calls OnCommit's functions: kept here.
	db, txid := tx.DB(), uint64(tx.ID())
	tx.OnCommit(func() { sealCommitted(s.path, db, txid, at) })
	return nil
}

// sealCommitted seals the free list transaction txid committed: bbolt wrote it from the
// sealed one, less the pages it gave this transaction and with those it
// freed. Its meta page is read through bbolt's map, which bbolt read it
// through on opening the file; the free list page, which bbolt wrote with
// an ordinary write, is read from the file, with ordinary reads, never past
// the page count the new meta page gives: every operation maps the store
// afresh, so reading it through the map was a page fault, about 90 us of a
// save on a virtual machine, and its unmapping at close (run W,
// docs/performance.md). The bytes are the same: the map and the reads see
// the one page cache, and the file does not change under the lock.
// Anything unreadable leaves no seal: the next write walks.
func sealCommitted(path string, db *bolt.DB, txid uint64, at *txFile) {
	unsealFree(path)
	defer func() { _ = recover() }()
	info := db.Info()
	if info == nil || info.Data == 0 || info.PageSize <= 0 {
		return
	}
	base := *(**byte)(unsafe.Pointer(&info.Data))
	ps := int64(info.PageSize)
	if at.size < 2*ps {
		return
	}
	m, err := chooseMeta(mappedFile(unsafe.Slice(base, 2*ps)), txid)
	if err != nil || int64(m.pageSize) != ps {
		return
	}
	fi, err := at.f.Stat()
	if err != nil {
		return
	}
	at.committed = fi // the file as the commit left it: runTx
	if int64(m.hwm)*ps > fi.Size() {
		return
	}
	if m.freelist != noFreelist {
		filedCommittedSeals.Add(1)
	}
	if f, ok := sealOf(at.f, m); ok {
		sealFree(path, f)
	}
}

// VerifyFreeList walks the store's trees and free list now, read-only,
// and remembers a sound free list, so that the next save of this process
// does not wait for the walk: a front end calls it when an assessment
// starts. A free list naming a page in use is damage, noted as any
// other (damage.go), and said by the next write's refusal.
func (s *Store) VerifyFreeList() error {
	return s.runTx(false, nil, func(tx *bolt.Tx, at *txFile) error {
		r := at.pages(tx)
		m := at.meta
		f, ok := sealOf(r, m)
		if !ok {
			return s.unreadable(errors.New(pagesWhy(fmt.Sprintf("freelist page %d cannot be read", m.freelist))))
		}
		if freeSealed(s.path, f) {
			return nil
		}
		why, set := freeListWhy(r, m)
		if why != "" {
			unsealFree(s.path)
			return damaged(s.path, why, nil)
		}
		if set == nil {
			// Damaged pages of drafts alone are set aside by the
			// next write (runTx), and are no damage of the store.
			sealFree(s.path, f)
		}
		return nil
	})
}
