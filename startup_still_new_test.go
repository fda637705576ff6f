//go:build !windows

package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"digicheck/store"
)

// TestAStoreStillNewIsReadOnlyWhenTracesLieBesideIt: every start on a
// store that holds nothing asks whether a store was kept there before
// (stillNewTraces). Most such stores have nothing beside them, and the
// folder says so: the store itself is read only when traces are found,
// not at every start before the first frame. Here another program holds
// the store as the start looks: with nothing beside it, the start does
// not wait on it.
func TestAStoreStillNewIsReadOnlyWhenTracesLieBesideIt(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "s.db")
	st, err := store.Open(path, store.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	if traces := stillNewTraces(st); traces != nil {
		t.Errorf("stillNewTraces = %q, want none: nothing lies beside the store", traces)
	}
	if took := time.Since(began); took > 500*time.Millisecond {
		t.Errorf("a start on a new store with nothing beside it waited %v on the store, held by another program", took.Round(time.Millisecond))
	}
}
