package store

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// recordPagesBytes is the size of the pages of the records bucket of s.
func recordPagesBytes(t *testing.T, s *Store) int64 {
	t.Helper()
	var n int64
	if err := s.view(func(tx *bolt.Tx) error {
		st := tx.Bucket(bucketRecords).Stats()
		n = int64(st.LeafAlloc + st.BranchAlloc)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestACSVExportsSkimAndRecordsCheckReadTheRecordsPagesOnce: before its
// first row a CSV export skimmed the records' pages for lost ones
// (LostRecordPages) and then read them all again to check each record
// (SumFailures): at a million records the 1.9 GB file was read twice.
// RecordPagesChecked makes both from one read of a sound store's pages.
func TestACSVExportsSkimAndRecordsCheckReadTheRecordsPagesOnce(t *testing.T) {
	smallBlocks(t, 16)
	s := syntheticStore(t, filepath.Join(t.TempDir(), "s.db"), 400)
	pages := recordPagesBytes(t, s)

	n := recordPageBytes.Load()
	lp, err := s.LostRecordPages()
	if err != nil || lp.Lost() || lp.Walked() {
		t.Fatalf("the skim of a sound store: %v, %v", lp.Spans(), err)
	}
	if bad, err := s.SumFailures(lp); err != nil || len(bad) > 0 {
		t.Fatalf("the check of a sound store: %v, %v", bad, err)
	}
	twice := recordPageBytes.Load() - n

	n = recordPageBytes.Load()
	lp, err = s.RecordPagesChecked()
	if err != nil || lp.Lost() || lp.Walked() {
		t.Fatalf("the skim of a sound store: %v, %v", lp.Spans(), err)
	}
	if bad, err := s.SumFailures(lp); err != nil || len(bad) > 0 {
		t.Fatalf("the check of a sound store: %v, %v", bad, err)
	}
	once := recordPageBytes.Load() - n
	t.Logf("records' pages %d bytes; the skim and the check apart read %d, together %d", pages, twice, once)
	if once > pages*11/10 {
		t.Errorf("the skim and the check read %d bytes of the records' %d bytes of pages; want each page read once", once, pages)
	}
	if twice < pages*18/10 {
		t.Errorf("the skim and the check made apart read %d bytes of %d; the comparison wants them read twice so", twice, pages)
	}
}

// checkedOf is what the skim and then the records' check find of the
// store at path, on a copy of its own (both note damage beside it): as
// LostRecordPages and SumFailures find it, or, with once, as
// RecordPagesChecked and SumFailures do; read reports whether the check
// was taken from the skim's read.
func checkedOf(t *testing.T, path string, once bool) (found string, read bool) {
	t.Helper()
	cp := filepath.Join(t.TempDir(), "copy.db")
	copyPages(t, path, cp)
	s, err := Open(cp, Options{Timeout: 5 * time.Second})
	if err != nil {
		return "open: " + err.Error(), false
	}
	skim := s.LostRecordPages
	if once {
		skim = s.RecordPagesChecked
	}
	lp, err := skim()
	if err != nil {
		return "error: " + err.Error() + " note " + strings.ReplaceAll(s.DamageFound(), cp, "STORE"), false
	}
	read = lp.checked != nil
	leaves := lp.leaves
	if lp.Walked() {
		leaves = -1 // not counted the same way once walked
	}
	found = fmt.Sprintf("lost %v walked %v leaves %d mark %q spans %q note %q", lp.Lost(), lp.Walked(), leaves, lp.Mark(), lp.Spans(), strings.ReplaceAll(s.DamageFound(), cp, "STORE"))
	bad, err := s.SumFailures(lp)
	found += fmt.Sprintf("\nbad %+v err %v note %q", bad, err, strings.ReplaceAll(s.DamageFound(), cp, "STORE"))
	if b, err := os.ReadFile(DamageNote(cp)); err == nil {
		found += "\nnote beside it: " + strings.ReplaceAll(string(b), cp, "STORE")
	}
	return found, read
}

// TestTheRecordsCheckedAsSkimmedFindWhatTheSkimAndTheCheckFind: what
// RecordPagesChecked and the SumFailures after it find is, word for word,
// what the skim and the check made apart find, on a sound store and on
// damaged ones (a record's bytes changed, a leaf zeroed, both, a branch
// naming another's leaf, the root, or a page past the end), wherever the
// check's chunks end; the one read is taken only where the store is
// sound in its pages, and the skim and the check run apart otherwise.
func TestTheRecordsCheckedAsSkimmedFindWhatTheSkimAndTheCheckFind(t *testing.T) {
	smallBlocks(t, 16)
	dir := t.TempDir()
	flip := func(path string) string {
		flipped := strings.TrimSuffix(path, ".db") + "-flipped.db"
		copyPages(t, path, flipped)
		st, err := Open(flipped, Options{Timeout: 5 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		damageSealed(t, st, 40, func(k, v []byte) ([]byte, []byte) { v[len(v)/2] ^= 0x20; return k, v })
		return flipped
	}
	// A tree of three levels (synthetic records are small), and one of
	// two whose root names the leaves, to damage.
	deep := filepath.Join(dir, "deep.db")
	syntheticStore(t, deep, 1500)
	s := openTemp(t)
	for range 60 {
		save(t, s, assessed(t, nhsPatient))
	}
	sound := filepath.Join(dir, "sound.db")
	copyPages(t, s.Path(), sound)
	flipped, deepFlipped := flip(sound), flip(deep)
	ids, at := rootChildren(t, sound)
	n := len(ids)
	if n < 8 {
		t.Fatalf("the records' root has %d children; want a tree of leaves", n)
	}
	var size int64
	_ = s.view(func(tx *bolt.Tx) error { size = int64(tx.DB().Info().PageSize); return nil })
	zero := func(children ...int) func(t *testing.T, path string) {
		return func(t *testing.T, path string) {
			st, err := Open(path, Options{Timeout: 5 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			zeroLeaves(t, st, children...)
		}
	}
	point := func(child int, to uint64) func(t *testing.T, path string) {
		return func(t *testing.T, path string) {
			f, err := os.OpenFile(path, os.O_RDWR, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			var b [8]byte
			binary.LittleEndian.PutUint64(b[:], to)
			if _, err := f.WriteAt(b[:], at[child]); err != nil {
				t.Fatal(err)
			}
		}
	}
	none := func(*testing.T, string) {}
	for _, c := range []struct {
		name   string
		from   string
		damage func(t *testing.T, path string)
		once   bool // read once: sound in its pages
	}{
		{"sound", sound, none, true},
		{"sound, three levels", deep, none, true},
		{"a record's byte flipped", flipped, none, true},
		{"a record's byte flipped, three levels", deepFlipped, none, true},
		{"a leaf zeroed", sound, zero(n - 3), false},
		{"a record's byte flipped and a leaf zeroed", flipped, zero(n - 3), false},
		{"the first leaf zeroed", sound, zero(0), false},
		{"a branch names another's leaf", sound, point(n/2+1, ids[1]), false},
		{"a child names the root", sound, point(n/2, uint64((at[0]-int64(pageHeaderSize+8))/size)), false},
		{"a child names a page past the end", sound, point(n/2, 1<<40), false},
	} {
		for _, chunk := range []int{sumChunk, 7, 1} {
			t.Run(fmt.Sprintf("%s, chunks of %d", c.name, chunk), func(t *testing.T) {
				defer func(was int) { sumChunk = was }(sumChunk)
				sumChunk = chunk
				path := filepath.Join(t.TempDir(), "damaged.db")
				copyPages(t, c.from, path)
				c.damage(t, path)
				apart, _ := checkedOf(t, path, false)
				together, read := checkedOf(t, path, true)
				if together != apart {
					t.Errorf("skimmed and checked in one read:\n%s\nwant, as made apart:\n%s", together, apart)
				}
				if read != c.once {
					t.Errorf("the check was taken from the skim's read: %v; want %v\n%s", read, c.once, apart)
				}
				if !strings.HasPrefix(c.name, "sound") && !strings.Contains(apart, "damaged") {
					t.Errorf("the damage went unseen: %s", apart)
				}
			})
		}
	}
}
