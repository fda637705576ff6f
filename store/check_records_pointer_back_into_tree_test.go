package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// Hazard H27: one bit in a page pointer of the records' tree can name a
// page above it or its own page (the tree then leads back into itself),
// another page of the same tree (whose records are read twice, and the
// child's own not at all), a page of another tree, or a page no longer in
// use, or an older copy of a page. In a store of an earlier build, which keeps no count of its
// records, check could go round such a loop, said that none was lost
// where a page of records was read twice in the place of another, and
// said that half the records could not be reached only as pages "neither
// in use nor free". Each child pointer of the records' root page, and a
// spread of those of the branch pages below it, is set, one at a time, to
// each such page (the root's also to every third page of the file): each check finishes within its time, finds the store
// damaged, and says so of the records: it reads every page of records on
// its own, or says how many records cannot be reached or are lost,
// wherever the tree does not lead to each record once.
func TestCheckOfAnEarlierBuildsStoreWhoseRecordsTreeLeadsElsewhereFinishesAndSaysWhatIsLost(t *testing.T) {
	testkit.Bulk(t)
	const saved = 300
	path := earlierBuildStoreOfBranches(t, saved)
	pristine := readFile(t, path)
	ptrs, _ := recordsBranchPointers(t, path)
	roots := len(branchChildAt(t, path, bucketRecords))
	root := recordsRootPage(t, path)
	ps := int64(pageSizeOf(t, path))
	child := func(at int64) int64 { return int64(binary.LittleEndian.Uint64(pristine[at:])) }
	patients := child(branchChildAt(t, path, bucketPatients)[0])
	free := onePageFree(t, path)
	checks := 0
	for i, at := range ptrs {
		if i >= roots && (i-roots)%15 != 0 && i != len(ptrs)-1 {
			continue
		}
		own := at / ps
		to := []int64{root, own, child(ptrs[0]), patients, free}
		if i < roots {
			// The root's pointers, to every third page of the file.
			for p := int64(2); p < int64(len(pristine))/ps; p += 3 {
				to = append(to, p)
			}
		}
		for _, n := range []int{i - 1, i + 1} {
			if n >= roots && n < len(ptrs) && i >= roots {
				to = append(to, child(ptrs[n])) // a leaf beside its own
			}
		}
		for _, to := range to {
			if child(at) == to {
				continue
			}
			write(t, path, pristine)
			var b [8]byte
			binary.LittleEndian.PutUint64(b[:], uint64(to))
			overwrite(t, path, at, b[:])
			os.Remove(DamageNote(path))
			checks++
			if wrong := checkFinishesDamaged(t, path, 30*time.Second, saved); wrong != "" {
				t.Errorf("pointer at byte %d (page %d) set to page %d: %s", at, own, to, wrong)
			}
		}
	}
	t.Logf("%d pointers, %d checks", len(ptrs), checks)
}

// onePageFree is a page of the store at path that its free list names.
func onePageFree(t *testing.T, path string) int64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	free, ok := freePages(f, newestMeta(t, f))
	if !ok || len(free) == 0 {
		t.Fatal("the store has no free page")
	}
	return int64(slices.Min(slices.Collect(maps.Keys(free))))
}

// earlierBuildStoreOfBranches is the path of a store of n synthetic
// records, saved in batches of 50 (a records' tree of two levels of
// branch pages), as a build before the record count left it: uncounted.
func earlierBuildStoreOfBranches(t *testing.T, n int) string {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "made.db"), Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var batch []record.Record
	for i := range n {
		r := assessed(t, fmt.Sprintf("RXH-%05d", 40000+i/3))
		r.Synthetic = true
		batch = append(batch, r)
	}
	for b := 0; b < len(batch); b += 50 {
		if err := s.SaveSynthetic(batch[b:min(b+50, n)]); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "earlier.db")
	write(t, path, readFile(t, s.Path()))
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketPatients).SetSequence(0) }); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// recordsRootPage is the page id of the records' root in the store at
// path.
func recordsRootPage(t *testing.T, path string) int64 {
	t.Helper()
	hdr := bucketHeaderAt(t, path, bucketRecords)
	return int64(binary.LittleEndian.Uint64(readFile(t, path)[hdr:]))
}

func pageSizeOf(t *testing.T, path string) uint32 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return newestMeta(t, f).pageSize
}

// checkFinishesDamaged is what is wrong, "" when nothing, with a check of
// the store at path, whose records' tree no longer leads to each of its
// saved records once: it must end within limit and find the store damaged
// (problems, or ErrDamaged), and say what that costs: the records read
// each from its own page, or how many cannot be reached or are lost;
// never that none is lost, as counted through the tree.
func checkFinishesDamaged(t *testing.T, path string, limit time.Duration, saved int) string {
	t.Helper()
	s, err := Open(path, Options{Timeout: time.Second})
	if errors.Is(err, ErrDamaged) {
		return ""
	}
	if err != nil {
		return fmt.Sprintf("open: %v", err)
	}
	type result struct {
		rep Report
		err error
	}
	done := make(chan result, 1)
	go func() {
		rep, err := s.Check()
		done <- result{rep, err}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(limit):
		return fmt.Sprintf("check did not finish in %s", limit)
	}
	switch {
	case r.err != nil && errors.Is(r.err, ErrDamaged):
		return ""
	case r.err != nil:
		return fmt.Sprintf("check failed: %v", r.err)
	case r.rep.OK():
		return "check found nothing wrong"
	}
	text := r.rep.String()
	if strings.Contains(text, "each page of records was read on its own") {
		return ""
	}
	if strings.Contains(text, "none is lost") {
		return fmt.Sprintf("check says none is lost, but the records' tree no longer leads to each of the %d records once:\n%s", saved, text)
	}
	if r.rep.Unreachable == 0 && len(r.rep.Lost) == 0 {
		return fmt.Sprintf("the records' tree no longer leads to each of the %d records once, and check says of none that it cannot be reached or is lost:\n%s", saved, text)
	}
	return ""
}
