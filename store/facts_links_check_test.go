package store

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// One bit flipped in a key of the QI copy's links (factLinks) made every
// summary refuse, sending the QI lead to check, while check called the
// store sound and wrote no note. Check now verifies the links a summary
// relies on, and CheckFactLinks, which a summary asks when its links and
// facts disagree, refuses links that name no record as damage.
func TestCheckFindsTheQICopysLinksDamaged(t *testing.T) {
	for name, damage := range map[string]func(k, v []byte) (nk, nv []byte){
		"a key's bit flipped": func(k, v []byte) ([]byte, []byte) {
			nk := append([]byte(nil), k...)
			nk[3] ^= 4
			return nk, v
		},
		"a value's bit flipped": func(k, v []byte) ([]byte, []byte) {
			nv := append([]byte(nil), v...)
			nv[9] ^= 1
			return k, nv
		},
	} {
		t.Run(name, func(t *testing.T) {
			s := openTemp(t)
			first := save(t, s, assessed(t, nhsPatient))
			amended := assessed(t, nhsPatient)
			amended.Amends = first.ID
			if err := s.Amend(&amended); err != nil {
				t.Fatal(err)
			}
			if rep, err := s.Check(); err != nil || !rep.OK() {
				t.Fatalf("sound store: %v\n%s", err, rep)
			}
			testkit.Tamper(t, s.Path(), func(tx *bolt.Tx) error {
				lb := tx.Bucket(bucketFactLinks)
				id := uuid.MustParse(amended.ID.String())
				k, v := id[:], lb.Get(id[:])
				if v == nil {
					return errors.New("no link of the amendment")
				}
				nk, nv := damage(k, append([]byte(nil), v...))
				if err := lb.Delete(k); err != nil {
					return err
				}
				return lb.Put(nk, nv)
			})
			s2, err := Open(s.Path(), Options{})
			if err != nil {
				t.Fatal(err)
			}
			rep, err := s2.Check()
			if err != nil {
				t.Fatal(err)
			}
			if rep.OK() || !strings.Contains(rep.String(), "QI copy") {
				t.Errorf("check does not find the links damaged:\n%s", rep)
			}
			s3, err := Open(s.Path(), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s3.CheckFactLinks(); !errors.Is(err, ErrDamaged) {
				t.Errorf("CheckFactLinks = %v; want the damage said", err)
			}
		})
	}
}

// FactLinks, which every summary reads first, looks up no record: looking
// up both records of every link read a page of records for each, and a
// summary of a million assessments held 1.2 GB of the file resident where
// its budget is 150 MB. Whether a link names records the store holds is
// CheckFactLinks' (asked when a summary's links and facts disagree) and
// check's. The records a link names are taken away here: FactLinks still
// gives the link, and CheckFactLinks says the damage.
func TestFactLinksLooksUpNoRecord(t *testing.T) {
	s := openTemp(t)
	first := save(t, s, assessed(t, nhsPatient))
	amended := assessed(t, nhsPatient)
	amended.Amends = first.ID
	if err := s.Amend(&amended); err != nil {
		t.Fatal(err)
	}
	testkit.Tamper(t, s.Path(), func(tx *bolt.Tx) error {
		recs := tx.Bucket(bucketRecords)
		for _, id := range []record.ID{first.ID, amended.ID} {
			if err := recs.Delete(recordKey(id)); err != nil {
				return err
			}
		}
		return nil
	})
	s2, err := Open(s.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	links, err := s2.FactLinks()
	if err != nil || links[uuid.UUID(amended.ID)] != uuid.UUID(first.ID) {
		t.Errorf("FactLinks = %v, %v; want the link given as stored, no record looked up", links, err)
	}
	if _, err := s2.CheckFactLinks(); !errors.Is(err, ErrDamaged) {
		t.Errorf("CheckFactLinks = %v; want the links naming no record called damage", err)
	}
}
