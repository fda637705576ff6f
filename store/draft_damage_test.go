package store

import (
	"encoding/binary"
	"errors"
	"os"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// zeroLastPage zeroes the last leaf of the bucket name (its root, when
// that is a leaf), where the next key in id order goes, as a failing disk
// loses a page.
func zeroLastPage(t *testing.T, s *Store, name []byte) {
	t.Helper()
	var root, size int64
	if err := s.view(func(tx *bolt.Tx) error {
		root, size = int64(tx.Bucket(name).Root()), int64(tx.DB().Info().PageSize)
		return nil
	}); err != nil || root == 0 {
		t.Fatalf("bucket %s has no page of its own (%v)", name, err)
	}
	f, err := os.OpenFile(s.Path(), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	page := make([]byte, size)
	if _, err := f.ReadAt(page, root*size); err != nil {
		t.Fatal(err)
	}
	at := root
	if page[8] == flagBranch {
		n := int(binary.LittleEndian.Uint16(page[10:]))
		at = int64(binary.LittleEndian.Uint64(page[16+16*(n-1)+8:]))
	}
	if _, err := f.WriteAt(make([]byte, size), at*size); err != nil {
		t.Fatal(err)
	}
}

// Damaged stores, item 6: with the page of the patient index a save
// would rewrite damaged, Save was refused but SaveDraft (the UI saves one
// after every section) wrote its draft into the damaged store. A draft
// save now checks the pages it and the assessment's save would rewrite,
// and is refused, the file untouched, wherever Save would be; and the
// store is then refused to every write.
func TestNoDraftIsKeptInAStoreWhoseSaveWouldBeRefused(t *testing.T) {
	for _, b := range [][]byte{bucketPatients, bucketRecords, bucketDrafts} {
		t.Run(string(b), func(t *testing.T) {
			s := openTemp(t)
			for range 60 {
				save(t, s, assessed(t, nhsPatient))
			}
			for range 30 {
				d := draftOf(t, nhsPatient)
				if err := s.SaveDraft(&d); err != nil {
					t.Fatal(err)
				}
			}
			zeroLastPage(t, s, b)
			before := fingerprint(t, s.Path())
			d := draftOf(t, nhsPatient)
			if err := s.SaveDraft(&d); !errors.Is(err, ErrDamaged) {
				t.Errorf("a draft saved with a page of %s damaged = %v; want it refused as damaged", b, err)
			}
			if fingerprint(t, s.Path()) != before {
				t.Errorf("the draft save refused changed the store")
			}
			if s.Refused() == nil {
				t.Errorf("after the draft save found damage, writes are not refused")
			}
			r := assessed(t, nhsPatient)
			if err := s.Save(&r); !errors.Is(err, ErrDamaged) {
				t.Errorf("Save after = %v; want it refused as damaged", err)
			}
		})
	}
}
