package main

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"digicheck/store"
)

// TestAStoreInUseIsNotLookedBesideAtEachStart: every start on a small
// store asks whether it is one made where another was kept, still holding
// nothing (stillNewTraces). A store in use holds something, and the
// folders beside it (a home folder's, often on a network drive) are not
// read for it: here a backups folder lies beside a store with an
// assessment in it, and the start does not open it.
func TestAStoreInUseIsNotLookedBesideAtEachStart(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.db")
	if _, _, err := runCLI(t, map[string]string{"DIGICHECK_DB": path}, pipedAssessment); err != nil {
		t.Fatal(err)
	}
	backups := filepath.Join(dir, "backups")
	if err := os.Mkdir(backups, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(backups, "digicheck-20261206T104821Z.db"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path, store.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if empty, err := st.HoldsNothing(); err != nil || empty {
		t.Fatalf("the store holds nothing (%v): the assessment was not saved", err)
	}

	watch := watchOpens(t, backups)
	if traces := stillNewTraces(st); traces != nil {
		t.Errorf("stillNewTraces = %q, want none: the store holds an assessment", traces)
	}
	if watch() {
		t.Error("a start on a store in use opened the backups folder beside it")
	}
	// The watch sees a look in the folder.
	if _, err := os.ReadDir(backups); err != nil {
		t.Fatal(err)
	}
	if !watch() {
		t.Fatal("the folder was read and the watch did not see it: the test sees nothing")
	}
}

// watchOpens watches folder for being opened (inotify) and returns a func
// that reports whether it was, since the watch began or the last call.
func watchOpens(t *testing.T, folder string) func() bool {
	t.Helper()
	fd, err := syscall.InotifyInit1(syscall.IN_NONBLOCK | syscall.IN_CLOEXEC)
	if err != nil {
		t.Skipf("inotify: %v", err)
	}
	t.Cleanup(func() { syscall.Close(fd) })
	if _, err := syscall.InotifyAddWatch(fd, folder, syscall.IN_OPEN|syscall.IN_ACCESS); err != nil {
		t.Skipf("inotify: %v", err)
	}
	return func() bool {
		buf := make([]byte, 64<<10)
		seen := false
		for {
			n, err := syscall.Read(fd, buf)
			if errors.Is(err, syscall.EAGAIN) || n <= 0 {
				return seen
			}
			if err != nil {
				t.Fatal(err)
			}
			seen = true
		}
	}
}
