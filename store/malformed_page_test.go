package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/record"
)

// leafOf is the page id of the leaf of bucket name that a key after every
// other goes in (its last leaf), found with ordinary reads, and the
// store's page size.
func lastLeafOf(t *testing.T, s *Store, name []byte) (id, size int64) {
	t.Helper()
	var root int64
	if err := s.view(func(tx *bolt.Tx) error {
		root, size = int64(tx.Bucket(name).Root()), int64(tx.DB().Info().PageSize)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if root == 0 {
		t.Fatalf("bucket %s is kept inline", name)
	}
	b, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	for id = root; b[id*size+8] == flagBranch; {
		n := int64(binary.LittleEndian.Uint16(b[id*size+10:]))
		id = int64(binary.LittleEndian.Uint64(b[id*size+16+16*(n-1)+8:]))
	}
	if b[id*size+8] != flagLeaf {
		t.Fatalf("page %d of bucket %s is not a leaf", id, name)
	}
	return id, size
}

// childLeaf is the page id of child i of the records' root page, a branch.
func childLeaf(t *testing.T, s *Store, i int) (id, size int64) {
	t.Helper()
	var root int64
	if err := s.view(func(tx *bolt.Tx) error {
		root, size = int64(tx.Bucket(bucketRecords).Root()), int64(tx.DB().Info().PageSize)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if b[root*size+8] != flagBranch {
		t.Fatal("the records' root page is not a branch")
	}
	id = int64(binary.LittleEndian.Uint64(b[root*size+16+16*int64(i)+8:]))
	if b[id*size+8] != flagLeaf {
		t.Fatalf("child %d of the records' root is not a leaf", i)
	}
	return id, size
}

// lastElem is the offset in the file of the last element of page id.
func lastElem(t *testing.T, path string, id, size int64) int64 {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n := int64(binary.LittleEndian.Uint16(b[id*size+10:]))
	if n == 0 {
		t.Fatalf("page %d has no elements", id)
	}
	return id*size + 16 + (n-1)*16
}

// pastPage sets the pos of the last element of page id so that its key
// and value lie a page further on, in the page after it: bytes of the
// file bbolt reads without a fault, as it did the garbage a tester's
// damaged page pointed at.
func pastPage(t *testing.T, path string, id, size int64) {
	t.Helper()
	if fi, err := os.Stat(path); err != nil || (id+2)*size > fi.Size() {
		t.Fatalf("page %d is the last of the file: no page after it to point at", id)
	}
	var pos [4]byte
	binary.LittleEndian.PutUint32(pos[:], uint32(size))
	poke(t, path, lastElem(t, path, id, size)+4, pos[:]...)
}

// poke writes b at offset off of the file.
func poke(t *testing.T, path string, off int64, b ...byte) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(b, off); err != nil {
		t.Fatal(err)
	}
}

// A save never goes ahead on a malformed page it would read and rewrite:
// bbolt would copy what lies past the page into the page it writes, the
// save would seem to succeed, and the record (a void, say) be lost for
// good with the page's others. It is refused as damage, the file left as
// it was.
func TestASaveRefusesAMalformedPageItWouldRewrite(t *testing.T) {
	for _, c := range []struct {
		name    string
		records int
		bucket  []byte
		void    bool
	}{
		{"records, last leaf", 40, bucketRecords, false},
		{"records, root leaf, void", 4, bucketRecords, true},
		{"patient index, last leaf", 200, bucketPatients, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := openTemp(t)
			var last record.Record
			for range c.records {
				last = save(t, s, assessed(t, nhsPatient))
			}
			leaf, size := lastLeafOf(t, s, c.bucket)
			pastPage(t, s.Path(), leaf, size)
			before, _ := os.ReadFile(s.Path())
			var err error
			if c.void {
				_, err = s.Void(last.ID, Voiding{Reason: "test"})
			} else {
				r := assessed(t, nhsPatient)
				err = s.Save(&r)
			}
			if !errors.Is(err, ErrDamaged) {
				t.Fatalf("save over a malformed page = %v; want it refused as damage", err)
			}
			after, _ := os.ReadFile(s.Path())
			if !bytes.Equal(before, after) {
				t.Error("the refused save changed the file")
			}
			if s.DamageFound() == "" {
				t.Error("no damage note left")
			}
		})
	}
}

// A leaf whose elements point outside it is lost, as a zeroed page is:
// bbolt would fault reading it. The skim for the exports steps over it and
// names its records from the patient index, and check counts and names
// them the same.
func TestAMalformedLeafIsLostNotRead(t *testing.T) {
	s := openTemp(t)
	var want []string
	for range 40 {
		want = append(want, save(t, s, assessed(t, nhsPatient)).ID.String())
	}
	slices.Sort(want)
	leaf, size := childLeaf(t, s, 1)
	// The last element's ksize, its high byte set.
	poke(t, s.Path(), lastElem(t, s.Path(), leaf, size)+11, 0x0a)
	lost, err := s.LostRecordPages()
	if err != nil || !lost.Lost() {
		t.Fatalf("LostRecordPages = %v, %v; want the malformed leaf found", lost, err)
	}
	var got, bad []string
	err = s.EachPast(lost, func(r record.Record) error {
		got = append(got, r.ID.String())
		return nil
	}, func(u Unreadable) {
		got = append(got, u.ID)
		bad = append(bad, u.ID)
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("EachPast handed over %v; want each of %v once", got, want)
	}
	if len(bad) == 0 || len(bad) >= len(want) {
		t.Fatalf("%d of %d unreadable; want those of the malformed leaf alone", len(bad), len(want))
	}
	rep, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(bad)
	lostIDs := slices.Clone(rep.Lost)
	slices.Sort(lostIDs)
	if !slices.Equal(lostIDs, bad) || rep.Records != len(want)-len(bad) {
		t.Errorf("check: %d readable, lost %v; want %d readable, lost %v (as the exports)", rep.Records, rep.Lost, len(want)-len(bad), bad)
	}
}

// A record on a leaf whose elements lie outside it is not read through
// bbolt, which would fault: finding it (for a void, an amendment, show)
// is refused as damage, said in words.
func TestFindingARecordOnAMalformedLeafIsRefusedInWords(t *testing.T) {
	s := openTemp(t)
	var rs []record.Record
	for range 4 {
		rs = append(rs, save(t, s, assessed(t, nhsPatient)))
	}
	leaf, size := lastLeafOf(t, s, bucketRecords)
	pastPage(t, s.Path(), leaf, size)
	_, err := s.Void(rs[3].ID, Voiding{Reason: "test"})
	if !errors.Is(err, ErrDamaged) {
		t.Fatalf("void of a record on a malformed leaf = %v; want it refused as damage", err)
	}
	if msg := err.Error(); strings.Contains(msg, "runtime error") || !strings.Contains(msg, "cannot be read") {
		t.Errorf("the refusal is not in words: %s", msg)
	}
}

// An element pointed elsewhere inside its page (a page with overflow has
// room past its data) reads as a key in order and in bounds, and bbolt
// would copy what lies there as the record. bbolt writes a page's keys
// and values one after another, so a save's check of its path finds it.
func TestThePathOfASaveFindsAnElementThatIsNotWhereTheOneBeforeEnds(t *testing.T) {
	const ps = 4096
	page := func(secondAt uint32) *bytes.Reader {
		b := make([]byte, 4*ps)
		p := b[3*ps : 4*ps]
		le := binary.LittleEndian
		le.PutUint64(p[0:], 3)
		le.PutUint16(p[8:], flagLeaf)
		le.PutUint16(p[10:], 2)
		// Element 0: key "a", value "1", straight after the elements.
		le.PutUint32(p[16+4:], 32-0)
		le.PutUint32(p[16+8:], 1)
		le.PutUint32(p[16+12:], 1)
		copy(p[48:], "a1")
		// Element 1: key "b", value "2", at secondAt.
		le.PutUint32(p[32+4:], secondAt-32)
		le.PutUint32(p[32+8:], 1)
		le.PutUint32(p[32+12:], 1)
		copy(p[secondAt:], "b2")
		return bytes.NewReader(b)
	}
	m := boltMeta{pageSize: ps, hwm: 4}
	if why := pathWhy(page(50), m, 3, "records", []byte("c")); why != "" {
		t.Fatalf("a sound page: %s", why)
	}
	if why := pathWhy(page(2000), m, 3, "records", []byte("c")); why == "" {
		t.Error("an element 1950 bytes past where the one before ends passes")
	}
}
