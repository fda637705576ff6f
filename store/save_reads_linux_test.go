package store

import (
	"bufio"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/google/uuid"

	"digicheck/record"
)

// readCalls is how many read system calls this thread has made
// (/proc/thread-self/io's syscr): the caller locks its goroutine to its
// thread, so that another goroutine's reads (a test before this one left
// one running) are not counted as the save's.
func readCalls(t *testing.T) int {
	t.Helper()
	f, err := os.Open("/proc/thread-self/io")
	if err != nil {
		t.Skipf("no /proc/thread-self/io: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "syscr: "); ok {
			n, err := strconv.Atoi(v)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Skip("no syscr in /proc/thread-self/io")
	return 0
}

// The checks a save makes before bbolt trusts the file (the pages every
// transaction starts from, both meta pages, and the path to the leaves the
// record and its index entry go in) read the pages bbolt has mapped,
// bounded by the file's size under the lock, not by a system call each: on
// a store of a few levels they were twenty reads, a fifth of what a save
// took over a bare bbolt transaction. The reads a save makes are bbolt's
// own (its header, when it opens the file) and the reading of the open
// itself, whatever the depth of the trees.
func TestASaveChecksThePagesItWillRewriteWithoutASystemCallEach(t *testing.T) {
	s := openTemp(t)
	r := assessed(t, nhsPatient)
	// Enough records for trees of three levels, whose paths the save
	// checks: each a read of its own before.
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
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	// The patient index check's pages off the path to the save's own
	// entry are read from the file, one read each, not mapped
	// (indexAroundSave): this patient's first entries lie at the far
	// end of the index from their newest.
	filed := 0
	rawReads = func(_ uint64, mapped bool) {
		if !mapped {
			filed++
		}
	}
	defer func() { rawReads = nil }()
	// So are the pages of the blocks bucket on the way to the last
	// block of facts (lastBlockOf), which the save does not write, and
	// the free list the commit wrote, once it is written, for its seal
	// (sealCommitted: one page here, one read).
	for i := range 5 {
		r.ID = record.ID{}
		filed = 0
		blockPages, seals := lastBlockPages.Load(), filedCommittedSeals.Load()
		before := readCalls(t)
		if err := s.Save(&r); err != nil {
			t.Fatal(err)
		}
		blockPages, seals = lastBlockPages.Load()-blockPages, filedCommittedSeals.Load()-seals
		if blockPages > 2 {
			t.Errorf("save %d read %d pages of the blocks bucket from the file to find the last block; its four blocks lie on one page", i, blockPages)
		}
		if seals != 1 {
			t.Errorf("save %d read the free list it committed from the file %d times; want 1", i, seals)
		}
		// The open's: bbolt reads its header once; a damage note
		// that is not there is not read.
		if n, want := readCalls(t)-before, 2+filed+int(blockPages+seals); n > want {
			t.Errorf("save %d made %d read system calls; want at most %d (bbolt's own, the note's, %d of the patient index's far pages, %d of the blocks bucket's and the committed free list's)", i, n, want, filed, blockPages)
		}
		if filed > 3 {
			t.Errorf("save %d read %d pages of the patient index from the file; its tree is three levels deep", i, filed)
		}
	}
}
