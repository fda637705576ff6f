package store

import (
	"sync"
	"syscall"
	"time"
)

// releaseMapped tells the system that this process no longer needs the
// pages of the file at path that it has mapped (bbolt's map of the store),
// so they stop counting as its memory. A check reads every page of the
// file through the map, and each page read stays resident in the process
// until it ends: 5 GB at a million records. The pages stay in the page
// cache, and one read again is mapped again from there, unchanged: the
// map is read-only and shared, and the file is held under a lock.
//
// Only the maps a read transaction of this process holds open are given
// back (listMap), under the lock their unmapping takes too: a map found in
// /proc/self/maps could be unmapped before the madvise reached it, and its
// addresses given to memory of the Go runtime's own, which MADV_DONTNEED
// then emptied (the runtime stopped with "bad use of bucket.mp", its
// memory profile's records zeroed).
func releaseMapped(path string) {
	listedMaps.Lock()
	defer listedMaps.Unlock()
	for r := range listedMaps.maps {
		if r.path == path && r.n > 0 {
			_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, r.base, r.n, syscall.MADV_DONTNEED)
		}
	}
}

// mapRegion is a map of a store's file, from base, n bytes.
type mapRegion struct {
	path    string
	base, n uintptr
}

// listedMaps holds the maps releaseMapped may give back, while they are
// mapped.
var listedMaps = struct {
	sync.Mutex
	maps map[*mapRegion]bool
}{maps: map[*mapRegion]bool{}}

// listMap lets releaseMapped give back the n bytes from base, a map of
// the file at path, until the function it returns is called, which must
// be before the map is unmapped: it waits for a release under way.
func listMap(path string, base uintptr, n int64) (unlist func()) {
	if base == 0 || n <= 0 {
		return func() {}
	}
	r := &mapRegion{path: path, base: base, n: uintptr(n)}
	listedMaps.Lock()
	listedMaps.maps[r] = true
	listedMaps.Unlock()
	return func() {
		listedMaps.Lock()
		delete(listedMaps.maps, r)
		listedMaps.Unlock()
	}
}

// releaseEvery is how often releasingMapped gives pages back. bbolt's own
// consistency check reads the map at some 500 MB a second, so a page
// kept until the next release is up to that rate times the interval: at
// 200 ms, 113 MB of a 135 MB store (100,000 records) was resident at the
// peak. Reading /proc/self/maps and one madvise cost some 50 µs.
const releaseEvery = 20 * time.Millisecond

// releasingMapped calls releaseMapped every releaseEvery until the
// function it returns is called.
func releasingMapped(path string) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(releaseEvery)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				releaseMapped(path)
			}
		}
	}()
	return func() { close(done); <-finished }
}
