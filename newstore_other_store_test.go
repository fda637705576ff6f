package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// A folder holding a store (store.db) and a file of answers it did not
// save, whose words name it, is where a second store was then made (a
// --db mistyped, "type ahead.db"). Starting on that new store said "Stop:
// this store is still new and empty ... Files beside it show one was kept
// there: digicheck-not-saved-….txt. It was moved or deleted", the store
// that file belongs to right beside it, untouched. A not-saved file that
// names another store file that is there is no sign this one was lost;
// one that names this store, or a store no longer there, still is.
func TestANotSavedFileOfAnotherStoreBesideItIsNoTraceOfThisOne(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	other := filepath.Join(dir, "store.db")
	this := filepath.Join(dir, "type ahead.db")
	if err := os.WriteFile(other, []byte("a store"), 0o600); err != nil {
		t.Fatal(err)
	}
	kept := "digicheck-not-saved-01a24f6d-ac91-7d40-a873-fde386b27d0d.txt"
	write := func(names string) {
		t.Helper()
		body := "Patient: 943 476 5919\n\nTo enter them again: once the store can be written, run digicheck --db " + names + ", start a new assessment of this patient and give these answers.\n"
		if err := os.WriteFile(filepath.Join(dir, kept), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(other)
	if traces := storeTraces(this, time.Time{}); slices.Contains(traces, kept) {
		t.Errorf("storeTraces = %q: a file of the store %s, there beside it, is taken as a trace of the store lost at %s", traces, other, this)
	}
	write("'" + this + "'")
	if traces := storeTraces(this, time.Time{}); !slices.Contains(traces, kept) {
		t.Errorf("storeTraces = %q, want %s: the file names this store", traces, kept)
	}
	write(filepath.Join(dir, "gone.db"))
	if traces := storeTraces(this, time.Time{}); !slices.Contains(traces, kept) {
		t.Errorf("storeTraces = %q, want %s: the store the file names is not there", traces, kept)
	}
	write(other)
	if err := os.Remove(other); err != nil {
		t.Fatal(err)
	}
	if traces := storeTraces(this, time.Time{}); !slices.Contains(traces, kept) {
		t.Errorf("storeTraces = %q, want %s: the store the file names is gone", traces, kept)
	}
}
