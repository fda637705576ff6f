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
