package main

import (
	binenc "encoding/binary"
	"errors"
	"os"
	"strings"
	"testing"

	"digicheck/store"
)

// zeroRootPage zeroes the page the store's newest meta page names as its
// root (the page that lists its buckets, and in a small store holds the
// meta bucket itself), as a failing disk loses a page.
func zeroRootPage(t *testing.T, path string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var m [80]byte
	if _, err := f.ReadAt(m[:], 0); err != nil {
		t.Fatal(err)
	}
	le := binenc.LittleEndian
	size := int64(le.Uint32(m[24:]))
	root, txid := le.Uint64(m[32:]), le.Uint64(m[64:])
	if _, err := f.ReadAt(m[:], size); err != nil {
		t.Fatal(err)
	}
	if le.Uint64(m[64:]) > txid {
		root = le.Uint64(m[32:])
	}
	if _, err := f.WriteAt(make([]byte, size), int64(root)*size); err != nil {
		t.Fatal(err)
	}
}

// Damaged stores, item 1: the root page of a small store zeroed. The
// nurse was stopped at the start with the page walker's words, and check
// gave no verdict: no report, none of the words every other damaged store
// ends with. check must end with its verdict on any file that may be a
// damaged store, and the start-up message must say what to do.
func TestCheckGivesItsVerdictOnAStoreWhoseRootPageIsLost(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 30)
	zeroRootPage(t, path)
	before := fileBytes(t, path)

	out, _, err := runStoreCmd(t, path, (*app).checkCmd)
	if err == nil || !errors.Is(err, store.ErrDamaged) {
		t.Fatalf("check = %v; want it to fail as damaged\n%s", err, out)
	}
	// Its one problem, and the records still whole in it (its own).
	if !strings.Contains(err.Error(), "has 2 problem(s): keep a copy of the file as it is, and restore the store from a backup") {
		t.Errorf("check ends with %q; want its verdict", err)
	}
	for _, want := range []string{"Store: ", "PROBLEMS: 2\n- ", "Records: none counted, as the file cannot be opened as a store"} {
		if !strings.Contains(out, want) {
			t.Errorf("check's report lacks %q:\n%s", want, out)
		}
	}
	if fileBytes(t, path) != before {
		t.Error("check changed the file")
	}
	// Damaged stores, item 5: the note beside it, with check's verdict,
	// as check leaves beside any other damaged store.
	if b, err := os.ReadFile(store.DamageNote(path)); err != nil || !strings.Contains(string(b), "has 2 problem(s): keep a copy of the file as it is") {
		t.Errorf("check left no note with its verdict beside a file it could not open (%v): %q", err, b)
	}

	_, err = store.Open(path, store.Options{})
	if !errors.Is(err, store.ErrDamaged) {
		t.Fatalf("Open = %v; want ErrDamaged", err)
	}
	msg := err.Error()
	for _, want := range []string{"restore the store from a backup", "Keep the file as it is", "do not delete it"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the start-up message %q does not say %q", msg, want)
		}
	}
	for _, jargon := range []string{"(root)", "says it is page"} {
		if strings.Contains(strings.SplitN(msg, "(for IT:", 2)[0], jargon) {
			t.Errorf("the start-up message %q says %q before anything a clinician can act on", msg, jargon)
		}
	}
}
