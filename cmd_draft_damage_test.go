package main

import (
	"bytes"
	binenc "encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// zeroPatientIndexPage zeroes the last page of the store's patient index,
// where the next assessment's entry goes, as a failing disk loses a page.
func zeroPatientIndexPage(t *testing.T, path string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var root, size int64
	err = db.View(func(tx *bolt.Tx) error {
		root, size = int64(tx.Bucket([]byte("patients")).Root()), int64(db.Info().PageSize)
		return nil
	})
	db.Close()
	if err != nil || root == 0 {
		t.Fatalf("the patient index has no page of its own (root %d): %v", root, err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page := b[root*size : (root+1)*size]
	at := root
	if page[8]&0x01 != 0 { // a branch: its last child
		n := int(binenc.LittleEndian.Uint16(page[10:]))
		at = int64(binenc.LittleEndian.Uint64(page[16+16*(n-1)+8:]))
	}
	clear(b[at*size : (at+1)*size])
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// Damaged stores, item 6: the page of the patient index that the
// assessment's save would rewrite damaged, the plain prompts kept the
// answers as a draft in the damaged store, section by section, until the
// save was refused. No draft is written to it: the answers of the
// unfinished assessment are kept in a file beside the store, as a record
// the store refuses is, and the store file is as it was.
func TestAnUnfinishedAssessmentIsKeptBesideAStoreWhoseSaveWouldBeRefused(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 60)
	zeroPatientIndexPage(t, path)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out, err := runNewPiped(t, path, strings.Join(append(pipedPatient, pipedAccess...), "\n")+"\n")
	if err == nil {
		t.Errorf("an unfinished assessment the store did not keep ended without an error:\n%s", out)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
		t.Errorf("the damaged store was written to")
	}
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "digicheck-not-saved-draft-*.txt"))
	if len(kept) != 1 || !strings.Contains(out, kept[0]) {
		t.Fatalf("%d files keep the unfinished assessment, want 1, named in the output:\n%s", len(kept), out)
	}
	if strings.Contains(out, "kept as a draft for patient") {
		t.Errorf("the output says a draft was kept in the store, which refused it:\n%s", out)
	}
	if b := fileBytes(t, kept[0]); !strings.Contains(b, "9434765919") {
		t.Errorf("the kept file lacks the patient:\n%s", b)
	}
}
