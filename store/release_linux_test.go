package store

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// mappedRss is how many kB of the mapping of path this process has
// resident, from /proc/self/smaps.
func mappedRss(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Skipf("no /proc/self/smaps: %v", err)
	}
	total, in := 0, false
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		f := strings.Fields(line)
		if len(f) >= 5 && !strings.HasSuffix(f[0], ":") {
			// A mapping's first line: range, perms, offset, dev,
			// inode and, but for anonymous memory, a path.
			in = len(f) >= 6 && f[5] == path
			continue
		}
		if in && len(f) >= 2 && f[0] == "Rss:" {
			n, _ := strconv.Atoi(f[1])
			total += n
		}
	}
	return total
}

// A check reads every page of the store through bbolt's map; the pages it
// has read are given back as it goes, unchanged, so its memory does not
// grow with the store (5 GB at a million records otherwise).
func TestPagesReadThroughTheMapAreGivenBack(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "mapped.db")
	want := bytes.Repeat([]byte("digicheck"), 8<<20/9)
	if err := os.WriteFile(path, want, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := syscall.Mmap(int(f.Fd()), 0, len(want), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Munmap(m)
	defer listMap(path, uintptr(unsafe.Pointer(&m[0])), int64(len(m)))()
	for i := 0; i < len(m); i += 4096 {
		touched += int(m[i])
	}
	read := mappedRss(t, path)
	if read < 7<<10 {
		t.Fatalf("%d kB resident after reading 8 MB through the map; the test cannot see the pages", read)
	}
	releaseMapped(path)
	if kb := mappedRss(t, path); kb > read/4 {
		t.Errorf("%d kB of the map still resident after releaseMapped (%d kB before), want under a quarter", kb, read)
	}
	if !bytes.Equal(m, want) {
		t.Error("the map reads differently after its pages were given back")
	}
}

// touched keeps the reads of the map from being optimised away.
var touched int

// releaseMapped gives back only the maps a read transaction of this
// process has listed, never another mapping of the same file: it found
// maps by reading /proc/self/maps, and a map unmapped between that read
// and its madvise could by then be memory of the Go runtime's own, which
// the madvise emptied. Here the other mapping is a private, written copy
// of the file's pages: given back, it would read as the file again, and
// what was written to it would be gone.
func TestOnlyTheMapsOfReadTransactionsAreGivenBack(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "mapped.db")
	if err := os.WriteFile(path, bytes.Repeat([]byte("digicheck"), 1<<20/9), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := syscall.Mmap(int(f.Fd()), 0, 1<<20-1<<20%9, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Munmap(m)
	written := bytes.Repeat([]byte{0x5a}, len(m))
	copy(m, written)

	releaseMapped(path)
	if !bytes.Equal(m, written) {
		t.Fatal("releaseMapped emptied a mapping of the store's file that no read transaction listed")
	}

	// Listed and unlisted again, as runTx does before its close: left
	// alone too.
	listMap(path, uintptr(unsafe.Pointer(&m[0])), int64(len(m)))()
	releaseMapped(path)
	if !bytes.Equal(m, written) {
		t.Fatal("releaseMapped emptied a map after it was unlisted")
	}
}

// A check gives back the pages of the store it has read through the map
// as it reads them: right after a release (every releaseRecords records)
// what is resident of the map is at most what was read since, not the
// store read so far.
func TestACheckGivesBackThePagesItReads(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "digicheck.db")
	s := syntheticStore(t, path, 2*releaseRecords+8)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	var afterRelease int
	n := 0
	checkpoint = func() {
		if n += checkpointRecords; n == 2*releaseRecords {
			afterRelease = mappedRss(t, path)
		}
	}
	defer func() { checkpoint = nil }()
	if rep, err := s.checkIn(); err != nil || !rep.OK() {
		t.Fatalf("checkIn = %v, %v", rep, err)
	}
	if n < 2*releaseRecords {
		t.Fatalf("the check reached %d records' checkpoints, want %d", n, 2*releaseRecords)
	}
	t.Logf("store %d kB; %d kB of its map resident after the check's release at %d records", fi.Size()>>10, afterRelease, 2*releaseRecords)
	if limit := int(fi.Size()>>10) / 8; afterRelease > limit {
		t.Errorf("%d kB of the store's map resident right after a release, of a %d kB store; want at most %d kB", afterRelease, fi.Size()>>10, limit)
	}
}
