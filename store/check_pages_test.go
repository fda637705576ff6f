package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// walkFile runs check's page walk over the file at path, from its newest
// valid meta page, and returns what it found.
func walkFile(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	var txid uint64
	for _, m := range metas(f) {
		txid = max(txid, m.txid)
	}
	var found []string
	walkPages(f, fi.Size(), txid, true, true, func(format string, args ...any) {
		found = append(found, fmt.Sprintf(format, args...))
	})
	return found
}

// boltCheck is what bbolt's own consistency check (tx.Check) finds in the
// file at path. Only for a file the page walk passed: bbolt trusts the
// pages it reads, and would fault on a page past the end.
func boltCheck(t *testing.T, path string) []string {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		return []string{err.Error()}
	}
	defer db.Close()
	var found []string
	_ = db.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			found = append(found, err.Error())
		}
		return nil
	})
	return found
}

// Issue 15: check no longer runs bbolt's consistency check, which read
// every page again through the map and kept a map entry for each; the page
// walk holds the file to the same invariants. A branch's first key above
// the first key of the page it leads to breaks one of them (every key of a
// child is at least its key in the branch); the walk finds it, as tx.Check
// does.
func TestThePageWalkFindsABranchKeyAboveItsChildsFirstKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "digicheck.db")
	s := syntheticStore(t, path, 300)
	_ = s
	ps := int64(os.Getpagesize())
	root := rootOf(t, path, "records")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page := b[int64(root)*ps:]
	le := binary.LittleEndian
	if le.Uint16(page[8:]) != flagBranch || le.Uint16(page[10:]) < 2 {
		t.Fatalf("the records bucket's root page %d is not a branch of two or more (flags %#x)", root, le.Uint16(page[8:]))
	}
	// Branch element 0: pos, ksize, child page.
	pos, ksize := le.Uint32(page[16:]), le.Uint32(page[20:])
	key := page[16+pos : 16+pos+ksize]
	key1 := page[32+le.Uint32(page[32:]) : 32+le.Uint32(page[32:])+le.Uint32(page[36:])]
	bumped := bytes.Clone(key)
	bumped[len(bumped)-1]++
	if bytes.Compare(bumped, key1) >= 0 {
		t.Fatalf("cannot raise key 0 %q below key 1 %q", key, key1)
	}
	if found := boltCheck(t, path); len(found) != 0 {
		t.Fatalf("tx.Check of the sound store found %q", found)
	}
	overwrite(t, path, int64(root)*ps+16+int64(pos)+int64(ksize)-1, bumped[len(bumped)-1:])

	if found := boltCheck(t, path); len(found) == 0 {
		t.Fatalf("tx.Check finds nothing wrong with a branch key above its child's first key: the test's damage is not damage")
	}
	if found := walkFile(t, path); len(found) == 0 {
		t.Errorf("the page walk passed a branch whose first key %q is above the first key of its child", bumped)
	}
}

// Random damage to branch and leaf pages: whenever the page walk passes a
// file, bbolt's consistency check passes it too, so dropping tx.Check
// from check loses no finding.
func TestThePageWalkFindsWhatBboltsCheckFinds(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "digicheck.db")
	syntheticStore(t, path, 300)
	pristine, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ps := os.Getpagesize()
	le := binary.LittleEndian
	var pages []int // branch and leaf pages: what tx.Check reads
	for p := 2; (p+1)*ps <= len(pristine); p++ {
		if f := le.Uint16(pristine[p*ps+8:]); f == flagBranch || f == flagLeaf {
			pages = append(pages, p)
		}
	}
	runs := 400
	if testing.Short() {
		runs = 100
	}
	rng := newRand(15)
	walkFound, both := 0, 0
	for i := range runs {
		b := bytes.Clone(pristine)
		for range 1 + rng.IntN(3) {
			p := pages[rng.IntN(len(pages))]
			// The header and the elements, where the structure is,
			// half the time; anywhere in the page otherwise.
			n := min(ps, pageHeaderSize+elemSize*int(le.Uint16(b[p*ps+10:])))
			if rng.IntN(2) == 0 {
				n = ps
			}
			off := p*ps + rng.IntN(n)
			b[off] ^= 1 << rng.IntN(8)
		}
		damaged := filepath.Join(dir, fmt.Sprintf("d%d.db", i))
		if err := os.WriteFile(damaged, b, 0o600); err != nil {
			t.Fatal(err)
		}
		if found := walkFile(t, damaged); len(found) > 0 {
			walkFound++
		} else if found := boltCheck(t, damaged); len(found) > 0 {
			t.Errorf("damage %d: the page walk passed what tx.Check finds: %q", i, found)
		} else {
			both++
		}
		os.Remove(damaged)
	}
	t.Logf("%d damaged files: the walk found %d, both passed %d", runs, walkFound, both)
	if walkFound == 0 {
		t.Error("the walk found nothing in any damaged file: the damage is not reaching the structure")
	}
}
