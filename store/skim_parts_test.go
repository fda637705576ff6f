package store

import (
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// TestTheSkimOfTheRecordsPagesReadsTheTreeOnEveryCore: the skim of the
// records' pages before an export (LostRecordPages) read the whole file,
// some 1.9 GB at a million records, on one core while the other waited
// for the first row. The children of the records' root page are now
// shared out, a run of them to each core, and skimmed at once; what each
// found is put together as one skim of the whole tree would have found it
// (TestASkimInPartsFindsWhatASkimInOneFinds).
func TestTheSkimOfTheRecordsPagesReadsTheTreeOnEveryCore(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	s := syntheticStore(t, filepath.Join(t.TempDir(), "s.db"), 400)
	before := skimParts.Load()
	lp, err := s.LostRecordPages()
	if err != nil || lp.Lost() || lp.Walked() {
		t.Fatalf("the skim of a sound store: %v, %v", lp.Spans(), err)
	}
	if got := skimParts.Load() - before; got != 2 {
		t.Errorf("the records' tree was skimmed in %d parts at once on 2 cores; want 2", got)
	}
	if lp.leaves < 100 {
		t.Errorf("the skim counted %d leaves of 400 records; want every leaf counted", lp.leaves)
	}
}

// skimOf is what LostRecordPages finds of the store at path, skimmed in
// parts or in one, on a copy of its own (a skim notes damage beside it).
func skimOf(t *testing.T, path string, parts bool) string {
	t.Helper()
	defer func(was bool) { skimInParts = was }(skimInParts)
	skimInParts = parts
	cp := filepath.Join(t.TempDir(), "copy.db")
	copyPages(t, path, cp)
	s, err := Open(cp, Options{Timeout: 5 * time.Second})
	if err != nil {
		return "open: " + err.Error()
	}
	lp, err := s.LostRecordPages()
	if err != nil {
		return "error: " + err.Error()
	}
	leaves := lp.leaves
	if lp.Walked() {
		leaves = -1 // not counted the same way once walked
	}
	return fmt.Sprintf("lost %v walked %v leaves %d mark %q spans %q note %q", lp.Lost(), lp.Walked(), leaves, lp.Mark(), lp.Spans(), strings.ReplaceAll(s.DamageFound(), cp, "STORE"))
}

func copyPages(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// rootChildren are the page ids of the children of the records' root page,
// and where in the file each child's page id lies.
func rootChildren(t *testing.T, path string) (ids []uint64, at []int64) {
	t.Helper()
	s, err := Open(path, Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var root, size int64
	if err := s.view(func(tx *bolt.Tx) error {
		root, size = int64(tx.Bucket(bucketRecords).Root()), int64(tx.DB().Info().PageSize)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	page := make([]byte, size)
	if _, err := f.ReadAt(page, root*size); err != nil {
		t.Fatal(err)
	}
	if page[8] != flagBranch {
		t.Fatalf("the records' root page is not a branch")
	}
	for i := range int(binary.LittleEndian.Uint16(page[10:])) {
		off := root*size + int64(pageHeaderSize+i*elemSize+8)
		ids, at = append(ids, binary.LittleEndian.Uint64(page[pageHeaderSize+i*elemSize+8:])), append(at, off)
	}
	return ids, at
}

// TestASkimInPartsFindsWhatASkimInOneFinds: the skim shared out between
// the cores finds what the skim of the whole tree in one finds, word for
// word, on a sound store and on stores damaged in either part, at the
// edge between the parts, across it, and with a page that both parts
// reach (a damaged parent names another's leaf: a page met twice, which
// only a skim of the whole tree sees as such).
func TestASkimInPartsFindsWhatASkimInOneFinds(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	dir := t.TempDir()
	sound := filepath.Join(dir, "sound.db")
	s := openTemp(t)
	for range 60 {
		save(t, s, assessed(t, nhsPatient))
	}
	copyPages(t, s.Path(), sound)
	ids, at := rootChildren(t, sound)
	n := len(ids)
	if n < 8 {
		t.Fatalf("the records' root has %d children; want a tree to share out", n)
	}
	mid := n / 2 // the first child of the second part
	leafSize := func() int64 {
		st, err := Open(sound, Options{Timeout: 5 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		var size int64
		_ = st.view(func(tx *bolt.Tx) error { size = int64(tx.DB().Info().PageSize); return nil })
		return size
	}()
	zero := func(children ...int) func(f *os.File) {
		return func(f *os.File) {
			for _, c := range children {
				if _, err := f.WriteAt(make([]byte, leafSize), int64(ids[c])*leafSize); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	point := func(child int, to uint64) func(f *os.File) {
		return func(f *os.File) {
			var b [8]byte
			binary.LittleEndian.PutUint64(b[:], to)
			if _, err := f.WriteAt(b[:], at[child]); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, c := range []struct {
		name   string
		damage func(f *os.File)
	}{
		{"sound", func(*os.File) {}},
		{"the first leaf zeroed", zero(0)},
		{"the last leaf zeroed", zero(n - 1)},
		{"the last leaf of the first part zeroed", zero(mid - 1)},
		{"the first leaf of the second part zeroed", zero(mid)},
		{"the leaves either side of the edge zeroed", zero(mid-1, mid)},
		{"a leaf zeroed in each part", zero(1, n-2)},
		{"the second part names a leaf of the first", point(mid+1, ids[1])},
		{"the first part names a leaf of the second", point(1, ids[mid+1])},
		{"a child names the root", func(f *os.File) {
			rootPage := (at[0] - int64(pageHeaderSize+8)) / leafSize
			point(mid, uint64(rootPage))(f)
		}},
		{"a child names a page past the end", point(mid, 1<<40)},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "damaged.db")
			copyPages(t, sound, path)
			f, err := os.OpenFile(path, os.O_RDWR, 0)
			if err != nil {
				t.Fatal(err)
			}
			c.damage(f)
			f.Close()
			one, parts := skimOf(t, path, false), skimOf(t, path, true)
			if parts != one {
				t.Errorf("skimmed in parts:\n%s\nwant, as skimmed in one:\n%s", parts, one)
			}
			if c.name != "sound" && slices.Contains([]string{"lost false walked false"}, one[:len("lost false walked false")]) {
				t.Errorf("the damage went unseen by either skim: %s", one)
			}
		})
	}
}
