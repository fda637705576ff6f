package store

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// A file just written is in the page cache, and the blocks of a warm
// store are not read ahead again; once the system drops the file's pages
// (as after a reboot), they are.
func TestResidentTellsCachedPagesFromDropped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(path, make([]byte, 64<<10), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if !resident(f, 4096, 32<<10) {
		t.Fatal("a file just written: resident says its pages are not in memory")
	}
	if err := f.Sync(); err != nil {
		t.Fatal(err)
	}
	const fadvDontNeed = 4 // POSIX_FADV_DONTNEED
	if _, _, e := syscall.Syscall6(syscall.SYS_FADVISE64, f.Fd(), 0, 0, fadvDontNeed, 0, 0); e != 0 {
		t.Skip("fadvise:", e)
	}
	if resident(f, 4096, 32<<10) {
		t.Error("after its pages were dropped: resident says they are in memory")
	}
	if resident(f, 0, 0) {
		t.Error("resident of nothing says yes")
	}
}
