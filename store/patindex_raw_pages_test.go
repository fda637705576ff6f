package store

import (
	"io"
	"testing"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"digicheck/record"
)

// Every operation maps the store afresh, so each page a save reads
// through that map is a page fault, and unmapping it again is most of
// what closing the store costs. A save's check of the patient index reads
// the patient's first entries and the entries before them: for a patient
// with a long history, pages at the far end of the index from where the
// save writes, which bbolt never reads for the save (they took a save for
// such a patient from 3-4 page faults to 7). Those are read with ordinary
// reads of the file; through the map, only the pages on the path to the
// save's own entry, which the save reads and rewrites in any case.
func TestASavesIndexCheckMapsOnlyThePagesOnThePathToItsOwnEntry(t *testing.T) {
	s := openTemp(t)
	long := assessed(t, nhsPatient)
	long.Synthetic = true
	rs := make([]record.Record, 3000)
	for i := range rs {
		rs[i] = long
		rs[i].ID = record.ID(uuid.Must(uuid.NewV7()))
	}
	if err := s.SaveSynthetic(rs); err != nil {
		t.Fatal(err)
	}
	// The depth of the index's tree, which the save's path runs down.
	var depth int
	err := s.runTx(false, nil, func(tx *bolt.Tx, at *txFile) error {
		c := rawCursor{m: at.meta, root: uint64(tx.Bucket(bucketPatients).Root()), read: func(uint64) io.ReaderAt { return at.f }}
		if !c.descend(patientKey(long.Patient, record.ID(uuid.Must(uuid.NewV7())))) {
			t.Fatal("the index's pages cannot be read")
		}
		depth = len(c.stack)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if depth < 2 {
		t.Fatalf("the index's tree is %d levels deep; the test wants at least 2", depth)
	}
	mapped, filed := map[uint64]bool{}, map[uint64]bool{}
	rawReads = func(id uint64, m bool) {
		if m {
			mapped[id] = true
		} else {
			filed[id] = true
		}
	}
	defer func() { rawReads = nil }()
	long.ID = record.ID{}
	if err := s.Save(&long); err != nil {
		t.Fatal(err)
	}
	rawReads = nil
	if len(filed) == 0 {
		t.Errorf("the index check of a patient of 3,000 assessments read no page from the file: it read %d pages through the map", len(mapped))
	}
	if len(mapped) > depth {
		t.Errorf("the index check read %d pages through the map; the path to the save's own entry is %d", len(mapped), depth)
	}
	for id := range filed {
		if mapped[id] {
			t.Errorf("page %d was read both through the map and from the file", id)
		}
	}
}
