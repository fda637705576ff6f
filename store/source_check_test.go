package store

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
)

// Damaged stores (H27): one bit flipped in the store's own secret
// (meta "source"), or in its key, changed every pseudonymised export's
// record fingerprints, so that two exports of the one store made with
// different keys were counted twice when summarised together; check said
// OK. The secret now has a check kept beside it: a secret that fails it,
// or is lost while its check remains, is named by check and refused by
// SourceSecret (the exports' fingerprints), never replaced by a write.
func TestAFlippedBitInTheStoresSecretIsFound(t *testing.T) {
	t.Parallel()
	s := openTemp(t)
	// The secret's check is given by the first write of a store that
	// holds a record.
	save(t, s, assessed(t, nhsPatient))
	save(t, s, assessed(t, nhsPatient))
	secret, err := s.SourceSecret()
	if err != nil || len(secret) != 32 {
		t.Fatalf("the store's secret: %x, %v", secret, err)
	}
	if rep, err := s.Check(); err != nil || len(rep.Problems) != 0 {
		t.Fatalf("check of the store as saved: %v %q", err, rep.Problems)
	}
	path := s.Path() // a store holds the file open only for each transaction
	found := func(what string, tamper func(m *bolt.Bucket) error) {
		t.Helper()
		testkit.Tamper(t, path, func(tx *bolt.Tx) error { return tamper(tx.Bucket(bucketMeta)) })
		d, err := Open(path, Options{})
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		rep, err := d.Check()
		if err != nil || len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0], "secret") {
			t.Errorf("%s: check finds %q (%v); want the store's secret named", what, rep.Problems, err)
		}
		if got, err := d.SourceSecret(); !errors.Is(err, ErrDamaged) {
			t.Errorf("%s: the exports' fingerprints would be made with %x (%v)", what, got, err)
		}
		testkit.Tamper(t, path, func(tx *bolt.Tx) error {
			m := tx.Bucket(bucketMeta)
			stored := bytes.Clone(m.Get(keySource))
			if err := keepSource(tx); err != nil {
				return err
			}
			if after := m.Get(keySource); !bytes.Equal(stored, after) {
				t.Errorf("%s: a write replaced the damaged secret (%x -> %x), leaving nothing to find", what, stored, after)
			}
			// As it was.
			if err := m.Delete([]byte("sourcf")); err != nil {
				return err
			}
			return m.Put(keySource, secret)
		})
	}
	// A CRC-32C finds any one flipped bit: the first, a middle and the
	// last of the secret's.
	for _, i := range []int{0, 8*len(secret)/2 + 3, 8*len(secret) - 1} {
		v := bytes.Clone(secret)
		v[i/8] ^= 1 << (i % 8)
		found(fmt.Sprintf("bit %d of the secret flipped", i), func(m *bolt.Bucket) error { return m.Put(keySource, v) })
	}
	found("the secret's key flipped", func(m *bolt.Bucket) error {
		if err := m.Delete(keySource); err != nil {
			return err
		}
		return m.Put([]byte("sourcf"), secret)
	})
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep, err := s.Check(); err != nil || len(rep.Problems) != 0 {
		t.Fatalf("check of the store restored: %v %q", err, rep.Problems)
	}
	// A store whose secret an earlier build kept, without a check: read
	// as before, and given its check by the next write.
	if err := s.update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Delete([]byte("sourceCheck")) }); err != nil {
		t.Fatal(err)
	}
	if got, err := s.SourceSecret(); err != nil || !bytes.Equal(got, secret) {
		t.Fatalf("the secret of a store without its check: %x, %v; want %x", got, err, secret)
	}
	save(t, s, assessed(t, localPatient))
	if err := s.view(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketMeta).Get([]byte("sourceCheck")) == nil {
			t.Error("a write gives the secret of an earlier build's store no check")
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}
