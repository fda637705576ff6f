package store

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
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
func releaseMapped(path string) {
	fi, err := os.Stat(path)
	if err != nil {
		return
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return
	}
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return
	}
	ino := []byte(strconv.FormatUint(st.Ino, 10))
	sc := bufio.NewScanner(bytes.NewReader(maps))
	for sc.Scan() {
		// start-end perms offset dev inode path
		f := bytes.Fields(sc.Bytes())
		if len(f) < 6 || !bytes.Equal(f[4], ino) || !bytes.HasSuffix(f[5], []byte(fi.Name())) {
			continue
		}
		lo, hi, ok := bytes.Cut(f[0], []byte("-"))
		if !ok {
			continue
		}
		start, err1 := strconv.ParseUint(string(lo), 16, 64)
		end, err2 := strconv.ParseUint(string(hi), 16, 64)
		if err1 != nil || err2 != nil || end <= start {
			continue
		}
		_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, uintptr(start), uintptr(end-start), syscall.MADV_DONTNEED)
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
