package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// Hazard H27: one bit flipped in a branch page's pointer to a child, in
// the records' tree, led to another page: in a store of an earlier build,
// which keeps no count of its records, summary counted 205 of 289 and an
// export wrote 215 of 300 records, exit 0, nothing said; where it led to
// another page of the same tree, as many records were read as the store
// holds, 3 of them twice and 3 not at all, and the count agreed. Every bit
// of every child pointer of the records' root page and of the branch pages
// below it that still names a page of the file is flipped, one at a time,
// in a store that counts its records and in one of an earlier build: the
// QI copy summary and the CSV export read, and the records an NDJSON
// export and due read, each give every record once, or say the store is
// damaged, and check finds the damage (of the root page's pointers, as
// check takes a tenth of a second; in a store that counts: check of an
// earlier build's store with a pointer back into its tree does not end,
// and is not swept here). None is silent.
func TestAFlippedBitInARecordsBranchPointerIsSaidByEveryReadOfTheWholeStore(t *testing.T) {
	testkit.Bulk(t)
	src, err := Open(filepath.Join(t.TempDir(), "made.db"), Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var batch []record.Record
	for i := range 300 {
		r := assessed(t, fmt.Sprintf("RXH-%05d", 40000+i/3))
		r.Synthetic = true
		batch = append(batch, r)
	}
	for b := 0; b < len(batch); b += 50 {
		if err := src.SaveSynthetic(batch[b : b+50]); err != nil {
			t.Fatal(err)
		}
	}
	var want []string
	for _, r := range batch {
		want = append(want, r.ID.String())
	}
	slices.Sort(want)
	counted := readFile(t, src.Path())
	// The same store as an earlier build left it: no count.
	earlier := filepath.Join(t.TempDir(), "earlier.db")
	write(t, earlier, counted)
	db, err := bolt.Open(earlier, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketPatients).SetSequence(0) }); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	for name, pristine := range map[string][]byte{"counted": counted, "earlier-build": readFile(t, earlier)} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "digicheck.db")
			write(t, path, pristine)
			ptrs, pages := recordsBranchPointers(t, path)
			roots := len(branchChildAt(t, path, bucketRecords))
			if len(ptrs) < 10 {
				t.Fatalf("the records' tree has %d child pointers in its branch pages: no tree of two levels of branches", len(ptrs))
			}
			flips, said := 0, 0
			for i, at := range ptrs {
				old := binary.LittleEndian.Uint64(pristine[at:])
				for bit := range 64 {
					if old^1<<bit >= pages {
						continue // outside the file: the page checks refuse it
					}
					flips++
					write(t, path, pristine)
					flipBit(t, path, at+int64(bit/8), uint(bit%8))
					os.Remove(DamageNote(path))
					if wrong := readsOfTheWholeStore(t, path, want, name == "counted" && i < roots); wrong != "" {
						t.Errorf("byte %d bit %d: %s", at+int64(bit/8), bit%8, wrong)
					} else {
						said++
					}
				}
			}
			t.Logf("%d child pointers, %d flips inside the file: %d read whole or said damaged", len(ptrs), flips, said)
		})
	}
}

// recordsBranchPointers is where, in the store file at path, the child
// pointers of the records' root page and of the branch pages just below
// it lie, and how many pages the file has.
func recordsBranchPointers(t *testing.T, path string) (at []int64, pages uint64) {
	t.Helper()
	root := branchChildAt(t, path, bucketRecords)
	at = append(at, root...)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m := newestMeta(t, f)
	for _, p := range root {
		b := make([]byte, 8)
		if _, err := f.ReadAt(b, p); err != nil {
			t.Fatal(err)
		}
		id := int64(binary.LittleEndian.Uint64(b))
		buf, err := pageBytes(f, id*int64(m.pageSize), int64(m.pageSize))
		if err != nil {
			t.Fatal(err)
		}
		es, branch, why := elems(nil, buf, nil, nil, false)
		if why != "" || !branch {
			continue
		}
		for i := range es {
			at = append(at, id*int64(m.pageSize)+pageHeaderSize+int64(i)*elemSize+8)
		}
	}
	return at, m.hwm
}

// readsOfTheWholeStore is what is wrong, "" when nothing, with the reads
// of every record of the store at path that hold the ids want: summary's
// read of the QI copy, an export's and due's read of the records, and
// check. Each must give every record once, or end in ErrDamaged.
func readsOfTheWholeStore(t *testing.T, path string, want []string, check bool) string {
	t.Helper()
	s, err := Open(path, Options{Timeout: time.Second})
	if errors.Is(err, ErrDamaged) {
		return ""
	}
	if err != nil {
		return fmt.Sprintf("open: %v", err)
	}
	var ids []string
	err = s.EachFactChunk(func(c FactChunk) error {
		for i := range c.Len() {
			id, _, _ := c.At(i)
			ids = append(ids, keyID(id))
		}
		return nil
	})
	if err == nil && !slices.Equal(sortedIDs(ids), want) {
		return fmt.Sprintf("summary's read of the QI copy gave %d records, not the %d saved each once, and no error", len(ids), len(want))
	}
	if err != nil && !errors.Is(err, ErrDamaged) {
		return fmt.Sprintf("summary's read: %v", err)
	}
	ids = ids[:0]
	err = s.EachPast(nil, func(r record.Record) error { ids = append(ids, r.ID.String()); return nil }, func(Unreadable) { ids = append(ids, "unreadable") })
	if err == nil && !slices.Equal(sortedIDs(ids), want) {
		return fmt.Sprintf("an export's read gave %d records, not the %d saved each once, and no error", len(ids), len(want))
	}
	if err != nil && !errors.Is(err, ErrDamaged) {
		return fmt.Sprintf("an export's read: %v", err)
	}
	if !check {
		return ""
	}
	if rep, err := s.Check(); err == nil && rep.OK() {
		return "check found nothing wrong"
	}
	return ""
}

func sortedIDs(ids []string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}
