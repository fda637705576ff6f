package store

import (
	"encoding/binary"
	"fmt"
	"os"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/record"
)

// zeroLeaves zeroes the leaves of the records bucket that are the given
// children of its root page (a branch), as a failing disk loses pages.
func zeroLeaves(t *testing.T, s *Store, children ...int) {
	t.Helper()
	var root, size int64
	if err := s.view(func(tx *bolt.Tx) error {
		root, size = int64(tx.Bucket(bucketRecords).Root()), int64(tx.DB().Info().PageSize)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(s.Path(), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	page := make([]byte, size)
	if _, err := f.ReadAt(page, root*size); err != nil {
		t.Fatal(err)
	}
	n := int(binary.LittleEndian.Uint16(page[10:]))
	if page[8] != flagBranch {
		t.Fatalf("the records' root page is not a branch")
	}
	for _, i := range children {
		if i < 0 {
			i += n
		}
		child := int64(binary.LittleEndian.Uint64(page[16+16*i+8:]))
		var h [pageHeaderSize]byte
		if _, err := f.ReadAt(h[:], child*size); err != nil || h[8] != flagLeaf {
			t.Fatalf("child %d of the records' root is not a leaf", i)
		}
		if _, err := f.WriteAt(make([]byte, size), child*size); err != nil {
			t.Fatal(err)
		}
	}
}

// EachPast steps over every lost page of records, wherever it lies (the
// first, two together, one between two readable ones, the last) and
// wherever a chunk of its reading ends: every record is handed over once,
// read or as unreadable, and only those of the lost pages as unreadable.
func TestEachPastHandsOverEveryRecordOnceAroundLostPages(t *testing.T) {
	for _, c := range []struct {
		lost  []int
		chunk int
	}{
		{[]int{0}, 1024}, {[]int{0}, 1}, {[]int{2}, 3}, {[]int{2, 3}, 2}, {[]int{1, 3, -1}, 4}, {[]int{-1}, 5}, {[]int{-2}, 1},
	} {
		t.Run(fmt.Sprint(c.lost, c.chunk), func(t *testing.T) {
			defer func(n int) { recordChunk = n }(recordChunk)
			recordChunk = c.chunk
			s := openTemp(t)
			var want []string
			for range 40 {
				want = append(want, save(t, s, assessed(t, nhsPatient)).ID.String())
			}
			slices.Sort(want)
			zeroLeaves(t, s, c.lost...)
			lost, err := s.LostRecordPages()
			if err != nil || !lost.Lost() {
				t.Fatalf("LostRecordPages = %v, %v; want the zeroed pages found", lost, err)
			}
			var got []string
			bad := 0
			err = s.EachPast(lost, func(r record.Record) error {
				got = append(got, r.ID.String())
				return nil
			}, func(u Unreadable) {
				got = append(got, u.ID)
				bad++
			})
			if err != nil {
				t.Fatal(err)
			}
			slices.Sort(got) // a chunk's unreadable ones come before its records
			if !slices.Equal(got, want) {
				t.Errorf("EachPast handed over %d ids (%d unreadable); want each of the %d once\ngot  %v\nwant %v", len(got), bad, len(want), got, want)
			}
			if bad == 0 || bad >= len(want) {
				t.Errorf("%d of %d unreadable; want those of the lost pages alone", bad, len(want))
			}
		})
	}
}

// A store with no page lost is skimmed to nothing, and EachPast is Each.
func TestASoundStoreHasNoLostPages(t *testing.T) {
	s := openTemp(t)
	for range 40 {
		save(t, s, assessed(t, nhsPatient))
	}
	lost, err := s.LostRecordPages()
	if err != nil || lost.Lost() || lost.Mark() != "" {
		t.Fatalf("LostRecordPages of a sound store = %+v, %v", lost, err)
	}
	if s.DamageFound() != "" {
		t.Errorf("a skim of a sound store left a damage note: %s", s.DamageFound())
	}
}
