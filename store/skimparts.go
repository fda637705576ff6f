package store

import (
	"bytes"
	"encoding/binary"
	"runtime"
	"sync"
)

// skimInParts has LostRecordPages share the skim of the records' tree out
// between the cores; a test turns it off to compare with the skim in one.
var skimInParts = true

// inParts skims the records' tree whose root page is root as k.tree(root,
// nil, nil, 0) does, the root's children shared out in runs, one run a
// core, each skimmed at once by a skim of its own. The skim read the whole
// file on one core (some 1.9 GB at a million records) while the other
// waited for the first row.
//
// Only a tree found whole is taken from the parts: every page readable,
// none met twice by one part or by two, no key outside the range its
// parent gives. What one skim of the whole tree finds then is that and no
// more: the pages each part found, and the count of the leaves. At any
// damage the parts found, inParts reports false having changed nothing of
// k, and the tree is skimmed in one as before, so that damage is found,
// worded and stepped over as it always was (the order in which lost
// pages are met makes the spans, and only one skim of the whole tree sees
// a page that two parents name).
func (k *skim) inParts(root uint64) bool {
	w := k.w
	n := runtime.GOMAXPROCS(0)
	if !skimInParts || k.from != nil || n < 2 || k.fatal != "" || root < 2 || root >= w.m.hwm {
		return false
	}
	// The root, read and checked as tree reads and checks a branch.
	le := binary.LittleEndian
	var h [pageHeaderSize]byte
	if _, err := w.r.ReadAt(h[:], int64(root)*w.ps); err != nil || le.Uint64(h[0:]) != root || le.Uint16(h[8:]) != flagBranch {
		return false
	}
	overflow := le.Uint32(h[12:])
	size := int64(overflow+1) * w.ps
	if size > maxPageBytes {
		return false
	}
	top := &walker{r: w.r, m: w.m, ps: w.ps, problem: func(string, ...any) {}}
	top.visited = make([]uint64, len(w.visited))
	if !top.claim(root, overflow, "records") {
		return false
	}
	buf := make([]byte, size)
	if _, err := w.r.ReadAt(buf, int64(root)*w.ps); err != nil {
		return false
	}
	count := int(le.Uint16(buf[10:]))
	if count < 2 || pageHeaderSize+count*elemSize > len(buf) {
		return false
	}
	keys, ids := make([][]byte, count), make([]uint64, count)
	for i := range count {
		at := pageHeaderSize + i*elemSize
		e := buf[at : at+elemSize]
		pos, ksize := uint64(le.Uint32(e[0:])), uint64(le.Uint32(e[4:]))
		if uint64(at)+pos+ksize > uint64(len(buf)) {
			return false
		}
		keys[i], ids[i] = buf[uint64(at)+pos:uint64(at)+pos+ksize], le.Uint64(e[8:])
		if i > 0 && bytes.Compare(keys[i-1], keys[i]) >= 0 {
			return false
		}
	}
	// A run of the root's children to each part, in order.
	n = min(n, count)
	parts := make([]*skim, n)
	var wg sync.WaitGroup
	for p := range parts {
		pw := &walker{r: w.r, m: w.m, ps: w.ps, problem: func(string, ...any) {}}
		pw.visited = make([]uint64, len(w.visited))
		part := &skim{w: pw}
		parts[p] = part
		from, to := count*p/n, count*(p+1)/n
		skimParts.Add(1)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := from; i < to && part.fatal == ""; i++ {
				lo, hi := keys[i], []byte(nil)
				if i == 0 {
					lo = nil // bbolt seeks the first child for every key below the second's
				}
				if i+1 < count {
					hi = keys[i+1]
				}
				part.tree(ids[i], lo, hi, 1)
			}
		}()
	}
	wg.Wait()
	// Whole, and no page reached twice: then one skim finds the same.
	var leaves, leafAt int
	var prevLeaf uint64
	for _, part := range parts {
		if part.fatal != "" || part.stray || len(part.spans) > 0 || len(part.lostAt) > 0 || part.w.broken {
			return false
		}
		for i, v := range part.w.visited {
			if top.visited[i]&v != 0 {
				return false
			}
			top.visited[i] |= v
		}
		if part.leaves > 0 {
			leaves, leafAt, prevLeaf = leaves+part.leaves, part.leafAt, part.prevLeaf
		}
	}
	copy(w.visited, top.visited)
	k.leaves, k.leafAt, k.prevLeaf, k.leavesAtSpan = leaves, leafAt, prevLeaf, 0
	return true
}
