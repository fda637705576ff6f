package store

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
)

// One bit flipped in a key of the QI copy's links (factLinks) made every
// summary refuse, sending the QI lead to check, while check called the
// store sound and wrote no note. Check now verifies the links a summary
// relies on, and FactLinks refuses links that name no record as damage.
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
			if _, err := s3.FactLinks(); !errors.Is(err, ErrDamaged) {
				t.Errorf("FactLinks = %v; want the damage said", err)
			}
		})
	}
}
