package store

import (
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"

	"digicheck/internal/testkit"
)

// peakHeapDuring runs fn and returns the most heap its objects took while
// it ran (live and not yet collected), sampled every 200 µs, over what
// they took before.
func peakHeapDuring(fn func()) int64 {
	const name = "/memory/classes/heap/objects:bytes"
	read := func() int64 {
		s := []metrics.Sample{{Name: name}}
		metrics.Read(s)
		return int64(s[0].Value.Uint64())
	}
	runtime.GC()
	before := read()
	stop, done := make(chan struct{}), make(chan int64)
	go func() {
		peak := before
		t := time.NewTicker(200 * time.Microsecond)
		defer t.Stop()
		for {
			peak = max(peak, read())
			select {
			case <-stop:
				done <- max(peak, read())
				return
			case <-t.C:
			}
		}
	}()
	fn()
	close(stop)
	return <-done - before
}

// Issue 15: what a check holds grows with the store only by the links of
// each record (80 bytes) and the collector's room over them, not by a map
// entry for every page (bbolt's consistency check), a slice of links grown
// by copying, or the garbage of decoding each record left for the
// collector to find twice the heap later. Measured as the peak of the heap
// during a check of two stores, so that it is the growth per record that is
// held to the bound, not a constant.
func TestCheckMemoryGrowsByLittleMorePerRecordThanItsLinks(t *testing.T) {
	testkit.EndToEnd(t)
	const small, large = 5000, 25000
	peak := map[int]int64{}
	for _, n := range []int{small, large} {
		s := syntheticStore(t, filepath.Join(t.TempDir(), "digicheck.db"), n)
		// The peak depends on when the collector runs, which the machine's
		// load moves: the least of three checks is what a check needs.
		for k := range 3 {
			p := peakHeapDuring(func() {
				if rep, err := s.checkIn(); err != nil || !rep.OK() {
					t.Fatalf("checkIn = %v, %v", rep, err)
				}
			})
			if k == 0 || p < peak[n] {
				peak[n] = p
			}
		}
	}
	perRecord := float64(peak[large]-peak[small]) / (large - small)
	t.Logf("peak heap %d kB at %d records, %d kB at %d: %.0f bytes a record more", peak[small]>>10, small, peak[large]>>10, large, perRecord)
	// 80 bytes of links a record, and the garbage the collector has not
	// yet found: 98 to 183 bytes a record in runs on this 2-core machine,
	// where the build that ran bbolt's consistency check measured 195.
	// The spread is too wide to hold that line; the bound keeps out
	// anything that holds a few hundred bytes a record more.
	if perRecord > 250 {
		t.Errorf("a check's peak heap grows by %.0f bytes a record; want at most 250 (80 of links, and the collector's room)", perRecord)
	}
}
