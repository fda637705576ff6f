package store

import (
	"encoding/binary"
	"os"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// Damaged stores, re-test fault 1: one bit of the drafts' branch page
// turned a child pointer into the id of a page of records. Every record
// was read, by check itself ("Records: 14 could be read") and by every
// export, yet check said two of them were lost and told the user to
// restore from a backup or enter those assessments again: the drafts'
// walk had reached the records' page first, so the records' walk met it
// "twice" and counted its records lost. A record check reads is not lost.
// (And damage of the drafts' pages alone is set aside, draftpages.go.)
func TestADraftsPointerToARecordsPageLosesNoRecord(t *testing.T) {
	s := openTemp(t)
	for range 60 {
		save(t, s, assessed(t, nhsPatient))
	}
	draftsOfPatients(t, s, 40)

	var draftsRoot, recordsLeaf, size int64
	if err := s.view(func(tx *bolt.Tx) error {
		size = int64(tx.DB().Info().PageSize)
		draftsRoot = int64(tx.Bucket(bucketDrafts).Root())
		recs := tx.Bucket(bucketRecords)
		// The first page of records: the records' root must be a branch.
		var page []byte
		page = make([]byte, size)
		f, err := os.Open(s.Path())
		if err != nil {
			return err
		}
		defer f.Close()
		if _, err := f.ReadAt(page, int64(recs.Root())*size); err != nil {
			return err
		}
		if page[8] != flagBranch {
			t.Fatalf("the records' root page is not a branch: save more records")
		}
		recordsLeaf = int64(binary.LittleEndian.Uint64(page[16+8:]))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(s.Path(), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	page := make([]byte, size)
	if _, err := f.ReadAt(page, draftsRoot*size); err != nil {
		t.Fatal(err)
	}
	if page[8] != flagBranch || binary.LittleEndian.Uint16(page[10:]) < 2 {
		t.Fatalf("the drafts' root page %d is not a branch of several pages: save more drafts", draftsRoot)
	}
	// The drafts' first child now names the records' first page.
	binary.LittleEndian.PutUint64(page[16+8:], uint64(recordsLeaf))
	if _, err := f.WriteAt(page, draftsRoot*size); err != nil {
		t.Fatal(err)
	}
	f.Close()

	s2, err := Open(s.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := s2.Check()
	if err != nil {
		t.Fatal(err)
	}
	text := rep.String()
	if rep.Records != 60 {
		t.Errorf("check read %d records; want all 60:\n%s", rep.Records, text)
	}
	if len(rep.Lost) != 0 {
		t.Errorf("check names %d records lost, though it read every record:\n%s", len(rep.Lost), text)
	}
	for _, said := range []string{"records lost", "the records on it are lost", "enter those assessments again"} {
		if strings.Contains(text, said) {
			t.Errorf("check says %q of records it read:\n%s", said, text)
		}
	}
	// The damage is the drafts' pages' alone: set aside by the next
	// write (draftpages.go), every draft read from its own page, and
	// no damage of the store; the records' page is written over by
	// nothing.
	if !rep.OK() || rep.Drafts != 40 {
		t.Errorf("check of damage of the drafts' pages alone = OK %v, %d drafts; want it passed, all 40 drafts read from their own pages:\n%s", rep.OK(), rep.Drafts, text)
	}
	save(t, s2, assessed(t, nhsPatient))
	if ls, err := s2.ListDrafts(0); err != nil || len(ls) != 40 {
		t.Errorf("ListDrafts after the save = %d, %v; want all 40", len(ls), err)
	}
	if rep, err := s2.Check(); err != nil || !rep.OK() || rep.Records != 61 {
		t.Errorf("check after the save = %v:\n%s", err, rep)
	}
}
