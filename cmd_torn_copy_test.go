package main

import (
	binenc "encoding/binary"
	"errors"
	"hash/fnv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/store"
)

// Damaged stores, item 3: a copy of a store taken with cp while saves ran
// reads its first pages (the meta pages) before a save and the rest after
// it: torn. Such a copy was called "not a digicheck store", and a user
// told that may throw away the only copy. Whatever the tear, a file with
// signs of having been a digicheck store is called a damaged one, which
// is kept, not deleted, and restored from a backup; and check ends with
// its verdict on it.
func TestATornCopyIsCalledADamagedStoreNeverAnotherFile(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 20)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for range 60 {
		r := testkit.Assessed(t, testkit.Offline(nil))
		if err := st.Save(&r); err != nil {
			t.Fatal(err)
		}
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tried := 0
	for cut := 4096; cut < len(before); cut += 4096 {
		torn := append(append([]byte{}, before[:cut]...), after[cut:]...)
		p := filepath.Join(t.TempDir(), "copy.db")
		if err := os.WriteFile(p, torn, 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := store.Open(p, store.Options{})
		if err == nil {
			continue // a tear that happens to read whole
		}
		tried++
		if errors.Is(err, store.ErrNotStore) || strings.Contains(err.Error(), "not a digicheck store") {
			t.Errorf("a copy torn at byte %d is called another file: %v", cut, err)
			continue
		}
		if !errors.Is(err, store.ErrDamaged) || !strings.Contains(err.Error(), "do not delete it") || !strings.Contains(err.Error(), "restore the store from a backup") {
			t.Errorf("a copy torn at byte %d: %v; want it called damaged, to keep and restore", cut, err)
		}
		out, _, cerr := runStoreCmd(t, p, (*app).checkCmd)
		if !errors.Is(cerr, store.ErrDamaged) || !strings.Contains(out, "PROBLEMS: ") {
			t.Errorf("check of a copy torn at byte %d = %v; want its verdict\n%s", cut, cerr, out)
		}
		if b, _ := os.ReadFile(p); string(b) != string(torn) {
			t.Errorf("a copy torn at byte %d was changed", cut)
		}
	}
	if tried == 0 {
		t.Fatal("no tear made a copy that cannot be opened")
	}

	// The tear that was called another program's file: the meta pages,
	// read first, name as the root a page that a later save, read after,
	// gave to the records. Every page is sound by itself; the root holds
	// no meta bucket.
	f, root, size := openRecordsRoot(t, path)
	for m := range int64(2) {
		page := make([]byte, 80)
		if _, err := f.ReadAt(page, m*size); err != nil {
			t.Fatal(err)
		}
		binenc.LittleEndian.PutUint64(page[32:], uint64(root))
		h := fnv.New64a()
		h.Write(page[16:72])
		binenc.LittleEndian.PutUint64(page[72:], h.Sum64())
		if _, err := f.WriteAt(page, m*size); err != nil {
			t.Fatal(err)
		}
	}
	f.Close()
	torn := fileBytes(t, path)
	_, err = store.Open(path, store.Options{})
	if !errors.Is(err, store.ErrDamaged) || errors.Is(err, store.ErrNotStore) || !strings.Contains(err.Error(), "may be a damaged digicheck store") || !strings.Contains(err.Error(), "do not delete it") {
		t.Errorf("a copy whose root is a page of records: %v; want it called a damaged digicheck store, to keep", err)
	}
	out, _, cerr := runStoreCmd(t, path, (*app).checkCmd)
	if !errors.Is(cerr, store.ErrDamaged) || !strings.Contains(out, "PROBLEMS: ") {
		t.Errorf("check of a copy whose root is a page of records = %v; want its verdict\n%s", cerr, out)
	}
	if fileBytes(t, path) != torn {
		t.Error("the torn copy was changed")
	}
}

// Damaged stores, item 3: a copy whose first pages, the meta pages, were
// never written (a copy cut off at its start, a disk that lost them) and in
// which the entry that names it a digicheck store is also lost, is still
// laid out in a store's pages: it may be a damaged digicheck store, never
// "not a digicheck store".
func TestACopyLaidOutInAStoresPagesIsCalledDamagedWithoutItsMetaPages(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 20)
	b := []byte(fileBytes(t, path))
	clear(b[:2*4096])
	for {
		i := strings.Index(string(b), "appdigicheck")
		if i < 0 {
			break
		}
		b[i] = 'x'
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := store.Open(path, store.Options{})
	if !errors.Is(err, store.ErrDamaged) || !strings.Contains(err.Error(), "may be a damaged digicheck store") || !strings.Contains(err.Error(), "do not delete it") {
		t.Errorf("a store without its meta pages or marker: %v; want it called a damaged digicheck store, to keep", err)
	}
	if fileBytes(t, path) != string(b) {
		t.Error("the file was changed")
	}
	// Another file of the same size, not laid out in pages, is not ours.
	other := filepath.Join(t.TempDir(), "other.db")
	if err := os.WriteFile(other, []byte(strings.Repeat("not a store ", len(b)/12+1))[:len(b)], 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Open(other, store.Options{}); !errors.Is(err, store.ErrNotStore) {
		t.Errorf("a text file: %v; want it called not a digicheck store", err)
	}
}
