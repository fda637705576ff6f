package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// syntheticStore makes a store of n synthetic assessments, saved in
// batches as `digicheck synthetic` saves them.
func syntheticStore(t *testing.T, path string, n int) *Store {
	t.Helper()
	s, err := Open(path, Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	r := assessed(t, nhsPatient)
	r.Synthetic = true
	for done := 0; done < n; {
		batch := make([]record.Record, min(500, n-done))
		for i := range batch {
			batch[i] = r
		}
		if err := s.SaveSynthetic(batch); err != nil {
			t.Fatal(err)
		}
		done += len(batch)
	}
	return s
}

// savesDuring saves synthetic assessments with w, one every few
// milliseconds, while during runs, and returns the errors of those saves
// and how many were made while it ran.
func savesDuring(t *testing.T, w *Store, during func()) (errs []error, saves int) {
	t.Helper()
	r := assessed(t, nhsPatient)
	r.Synthetic = true
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			rr := r
			if err := w.Save(&rr); err != nil {
				errs = append(errs, err)
			} else {
				saves++
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	during()
	close(stop)
	wg.Wait()
	return errs, saves
}

// A save waits for a check at most its timeout; a check of the store
// takes many times that. Every save made during the check succeeds, and
// the check still passes a sound store.
func TestASaveDuringACheckNeverFailsWithErrLocked(t *testing.T) {
	testkit.EndToEnd(t)
	path := filepath.Join(t.TempDir(), "digicheck.db")
	s := syntheticStore(t, path, 8000)

	// The premise: checked in place, under the lock, this store would
	// make a save give up. The saves' timeout is a third of how long that
	// takes on this machine now (a loaded CI machine is slower at both),
	// so a check that held the lock as long would fail them.
	start := time.Now()
	if rep, err := s.checkIn(); err != nil || !rep.OK() {
		t.Fatalf("checkIn = %v, %v", rep, err)
	}
	held := time.Since(start)
	timeout := max(held/3, 150*time.Millisecond)
	if held < 2*timeout {
		t.Skipf("a check in place took only %v here, too little over a save's %v timeout to show anything", held, timeout)
	}
	w, err := Open(path, Options{Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}

	var rep Report
	var took time.Duration
	errs, saves := savesDuring(t, w, func() {
		start := time.Now()
		rep, err = s.Check()
		took = time.Since(start)
	})
	if err != nil || !rep.OK() {
		t.Fatalf("Check during saves = %v, %v; want a sound store", rep, err)
	}
	for _, e := range errs {
		t.Errorf("a save during the check failed: %v (ErrLocked: %v)", e, errors.Is(e, ErrLocked))
	}
	if saves < 10 {
		t.Errorf("only %d saves were made during a check of %v", saves, took)
	}
	if rep.Records < 8000 || rep.Path != path {
		t.Errorf("report of %d records of %s; want at least 8000, of %s", rep.Records, rep.Path, path)
	}
	leftBehind(t, path)
}

// A damaged store is found damaged by a check that saves go on beside;
// the report and the note name the store, not the copy checked.
func TestACheckDuringSavesStillFindsDamage(t *testing.T) {
	testkit.EndToEnd(t)
	path := filepath.Join(t.TempDir(), "digicheck.db")
	s := syntheticStore(t, path, 1500)
	var first string
	if err := s.view(func(tx *bolt.Tx) error {
		k, _ := tx.Bucket(bucketRecords).Cursor().First()
		first = string(k)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	testkit.TamperJSON(t, path, string(bucketRecords), first, func(r *record.Record) { r.Clinician = "Someone Else" })

	w, err := Open(path, Options{}) // the saves wait as long as a clinician's would
	if err != nil {
		t.Fatal(err)
	}
	var rep Report
	errs, _ := savesDuring(t, w, func() { rep, err = s.Check() })
	if err != nil || rep.OK() {
		t.Fatalf("Check of a tampered store = %v, %v; want its problem reported", rep, err)
	}
	if rep.Path != path || !strings.Contains(rep.Verdict().Error(), path) {
		t.Errorf("report names %s, verdict %q; want the store %s", rep.Path, rep.Verdict(), path)
	}
	for _, p := range rep.Problems {
		if strings.Contains(p, ".digicheck-") {
			t.Errorf("a problem names the copy: %s", p)
		}
	}
	for _, e := range errs {
		// Saves after the verdict are refused as damaged; none gives up
		// waiting for the check.
		if errors.Is(e, ErrLocked) {
			t.Errorf("a save during the check failed: %v", e)
		}
	}
	if b, err := os.ReadFile(DamageNote(path)); err != nil || !strings.Contains(string(b), path) {
		t.Errorf("damage note = %q, %v; want check's verdict on %s", b, err, path)
	}
	r := assessed(t, nhsPatient)
	r.Synthetic = true
	if err := w.Save(&r); !errors.Is(err, ErrDamaged) {
		t.Errorf("Save after the check = %v, want ErrDamaged", err)
	}
	leftBehind(t, path)
}

// leftBehind fails if the folder of the store holds anything but the
// store and its damage note: a copy of a check left behind would be a
// copy of patient data.
func leftBehind(t *testing.T, path string) {
	t.Helper()
	ents, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if n := e.Name(); n != filepath.Base(path) && n != filepath.Base(DamageNote(path)) {
			t.Errorf("left beside the store: %s", n)
		}
	}
}

// With no room anywhere for a copy, check does not check the store in
// place, holding it from saves: it says so, naming ErrNoSpace and the way
// to check in place on purpose; CheckContext in place then gives a
// verdict, sound or damaged. A copy that could not be written is left nowhere.
func TestCheckWithNoRoomForACopyChecksInPlaceOnlyWhenAsked(t *testing.T) {
	defer func(f func(string) (*os.File, error)) { createCheckCopy = f }(createCheckCopy)
	tried := 0
	createCheckCopy = func(string) (*os.File, error) {
		tried++
		return nil, &os.PathError{Op: "open", Path: "copy", Err: syscall.ENOSPC}
	}
	w := newWorld(t)
	if rep, err := w.s.Check(); !errors.Is(err, ErrNoSpace) || !strings.Contains(err.Error(), "--in-place") || rep.Records != 0 {
		t.Fatalf("Check with no room for a copy = %v, %v; want ErrNoSpace pointing at --in-place, and nothing checked", rep, err)
	}
	if rep, err := w.s.CheckContext(context.Background(), true); err != nil || !rep.OK() || rep.Records != 6 {
		t.Fatalf("CheckContext in place of a sound store with a full disk = %v, %v; want OK, 6 records", rep, err)
	}
	testkit.TamperJSON(t, w.s.Path(), string(bucketRecords), string(recordKey(w.c.ID)), func(r *record.Record) { r.Clinician = "Someone Else" })
	if rep, err := w.s.CheckContext(context.Background(), true); err != nil || rep.OK() {
		t.Fatalf("CheckContext in place of a tampered store with a full disk = %v, %v; want its problem reported", rep, err)
	}
	if tried < 3 {
		t.Errorf("a copy was tried %d times in three checks", tried)
	}
	leftBehind(t, w.s.Path())
}

// Issue 15: on a disk too full for check's copy beside the store, saves
// go on during a check: the copy goes to the temporary folder, and no save
// fails, neither waiting for the check nor for want of room.
func TestSavesDuringACheckOnANearlyFullDiskNeverFail(t *testing.T) {
	testkit.EndToEnd(t)
	path := filepath.Join(t.TempDir(), "digicheck.db")
	s := syntheticStore(t, path, 8000)
	start := time.Now()
	if rep, err := s.checkIn(); err != nil || !rep.OK() {
		t.Fatalf("checkIn = %v, %v", rep, err)
	}
	held := time.Since(start)
	timeout := max(held/3, 150*time.Millisecond)
	if held < 2*timeout {
		t.Skipf("a check in place took only %v here, too little over a save's %v timeout to show anything", held, timeout)
	}
	// The store's disk has room for saves but not for a copy with room
	// to spare; the temporary folder (another disk) has.
	defer func(f func(string) (int64, bool)) { freeSpaceIn = f }(freeSpaceIn)
	storeDir := filepath.Dir(path)
	freeSpaceIn = func(dir string) (int64, bool) {
		if dir == storeDir {
			return storeSize(path) / 2, true
		}
		return 1 << 40, true
	}
	createCopy := createCheckCopy
	defer func() { createCheckCopy = createCopy }()
	createCheckCopy = func(dir string) (*os.File, error) {
		if dir == storeDir {
			return nil, &os.PathError{Op: "write", Path: dir, Err: syscall.ENOSPC}
		}
		return createCopy(t.TempDir())
	}
	w, err := Open(path, Options{Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	var rep Report
	errs, saves := savesDuring(t, w, func() { rep, err = s.Check() })
	if err != nil || !rep.OK() || rep.Records < 8000 {
		t.Fatalf("Check during saves on a nearly full disk = %v, %v; want a sound store of at least 8000", rep, err)
	}
	for _, e := range errs {
		t.Errorf("a save during the check failed: %v (ErrLocked: %v)", e, errors.Is(e, ErrLocked))
	}
	if saves < 10 {
		t.Errorf("only %d saves were made during the check", saves)
	}
	leftBehind(t, path)
}

// Issue 15: what check holds of each record to check the links between
// them is a fixed 80 bytes or so, not a map of strings that grew to 980 MB
// at a million records: measured as the heap in use once every record's
// links are held, over the heap before the check.
func TestCheckHoldsLittleMemoryPerRecord(t *testing.T) {
	testkit.EndToEnd(t)
	s := syntheticStore(t, filepath.Join(t.TempDir(), "digicheck.db"), 20000)
	defer func() { linksHeld = nil }()
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	var perRecord float64
	before := heap()
	linksHeld = func(n int) { perRecord = float64(int64(heap())-int64(before)) / float64(n) }
	if rep, err := s.checkIn(); err != nil || !rep.OK() {
		t.Fatalf("checkIn = %v, %v", rep, err)
	}
	t.Logf("%.0f bytes held a record", perRecord)
	if perRecord == 0 || perRecord > 120 {
		t.Errorf("check holds %.0f bytes a record once all are read; want at most 120", perRecord)
	}
}
