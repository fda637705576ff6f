package store

import (
	"io"
	"testing"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// filledForPaths is a store holding enough records for trees of three
// levels, and a record of its patient not yet saved: the paths a save of
// it checks run through a branch page or two.
func filledForPaths(t *testing.T) (*Store, record.Record) {
	t.Helper()
	s := openTemp(t)
	r := assessed(t, nhsPatient)
	r.Synthetic = true
	for range 20 {
		rs := make([]record.Record, 1000)
		for i := range rs {
			rs[i] = r
			rs[i].ID = record.ID(uuid.Must(uuid.NewV7()))
		}
		if err := s.SaveSynthetic(rs); err != nil {
			t.Fatal(err)
		}
	}
	r.ID = record.ID(uuid.Must(uuid.NewV7()))
	return s, r
}

// The checks a save makes of the pages it will rewrite, before bbolt reads
// them, read each page's elements into memory kept for the next save, not
// into a new slice a page: on a store of a ward's few years that was 18 kB
// a save, as much as a quarter of what a save allocated, and the collector's
// work that follows it, for the same checks.
func TestCheckingTheSavesPathsAllocatesNothing(t *testing.T) {
	if testing.CoverMode() != "" || testkit.Race {
		t.Skip("coverage counts allocations of its own, and the race detector drops kept memory at random")
	}
	s, r := filledForPaths(t)
	key, pkey := recordKey(r.ID), patientKey(r.Patient, r.ID)
	err := s.runTx(false, nil, func(tx *bolt.Tx, at *txFile) error {
		pages := at.pages(tx)
		if _, ok := pages.(mappedFile); !ok {
			t.Fatalf("the checks read the file through %T, not bbolt's map", pages)
		}
		for _, c := range []struct {
			bucket []byte
			what   string
			key    []byte
		}{{bucketRecords, "records", key}, {bucketPatients, "patient index", pkey}} {
			root := uint64(tx.Bucket(c.bucket).Root())
			if why := pathWhy(pages, at.meta, root, c.what, c.key); why != "" {
				t.Fatalf("%s: %s", c.what, why)
			}
			if depth := pathDepth(t, pages, at.meta, root); depth < 2 {
				t.Fatalf("%s: a tree of %d levels; the test needs branch pages", c.what, depth)
			}
			if n := testing.AllocsPerRun(50, func() { _ = pathWhy(pages, at.meta, root, c.what, c.key) }); n != 0 {
				t.Errorf("checking the path of %s a save rewrites made %.0f allocations; want none", c.what, n)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// pathDepth is how many levels the tree at root has, down its first path.
func pathDepth(t *testing.T, pages io.ReaderAt, m boltMeta, root uint64) int {
	t.Helper()
	n := 0
	for id := root; ; n++ {
		buf, err := pageBytes(pages, int64(id)*int64(m.pageSize), int64(m.pageSize))
		if err != nil {
			t.Fatal(err)
		}
		es, branch, why := elems(nil, buf, nil, nil, false)
		if why != "" {
			t.Fatal(why)
		}
		if !branch {
			return n + 1
		}
		id = es[0].child
	}
}

// The walk of the pages every transaction starts from (the root tree, the
// meta bucket, the freelist), and the check of both meta pages, keep its elements and its set of pages
// reached for the next transaction: what they allocate is the free pages it
// hands back for a write, whatever the store's size.
func TestCheckingThePagesATransactionStartsFromAllocatesLittle(t *testing.T) {
	if testing.CoverMode() != "" || testkit.Race {
		t.Skip("coverage counts allocations of its own, and the race detector drops kept memory at random")
	}
	s, _ := filledForPaths(t)
	err := s.runTx(false, nil, func(tx *bolt.Tx, at *txFile) error {
		pages := at.pages(tx)
		txid := uint64(tx.ID())
		ok, _, _ := walkPages(pages, at.size, txid, false, true, func(string, ...any) {})
		if !ok {
			t.Fatal("the walk found the store damaged")
		}
		if fs := metaFaults(pages); len(fs) > 0 {
			t.Fatalf("meta pages: %v", fs)
		}
		if n := testing.AllocsPerRun(50, func() {
			_, _, _ = walkPages(pages, at.size, txid, false, true, func(string, ...any) {})
			_ = metaFaults(pages)
		}); n > 1 {
			t.Errorf("the walk of the pages a transaction starts from, and the check of both meta pages, made %.0f allocations; want at most 1 (the free pages it returns)", n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
