package store

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store/packed"
)

// damagedKeys are ways one byte of a record id's text can change in the
// file: the record's checksum covers its value, not the key it is stored
// under, so only the id inside the record can tell.
var damagedKeys = map[string]func(key []byte) []byte{
	// Another id, valid: counted under it, the record became a second
	// assessment beside the one it amends, or one nobody saved.
	"version digit 7 to b": func(k []byte) []byte { k[14] = 'b'; return k },
	// Not an id at all: the record was left out with no word.
	"version digit 7 to z": func(k []byte) []byte { k[14] = 'z'; return k },
	// One bit of a hex digit, still a hex digit.
	"one bit of the last digit": func(k []byte) []byte {
		for i := len(k) - 1; ; i-- {
			if c := k[i] ^ 1; c >= '0' && c <= '9' || c >= 'a' && c <= 'f' {
				k[i] = c
				return k
			}
		}
	},
}

// rekey moves the record stored under id to the key damage makes of it,
// its value untouched, as a byte changed in the file would.
func rekey(t *testing.T, path string, id record.ID, damage func([]byte) []byte) []byte {
	t.Helper()
	key := recordKey(id)
	bad := damage(bytes.Clone(key))
	if bytes.Equal(bad, key) {
		t.Fatalf("damage left key %s as it was", key)
	}
	testkit.Tamper(t, path, func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRecords)
		v := bytes.Clone(b.Get(key))
		if err := b.Delete(key); err != nil {
			return err
		}
		return b.Put(bad, v)
	})
	return bad
}

// A record whose key was damaged is handed over by a reader of facts as
// unreadable, named by the id it carries and the damaged key, never
// counted under the damaged key nor dropped; a bulk read of the records
// names it by the same id. Every other record is handed over once, even
// when chunks end beside it.
func TestARecordUnderADamagedKeyIsNamedNeverCountedOrDropped(t *testing.T) {
	for name, damage := range damagedKeys {
		for _, chunk := range []int{factChunk, 1, 2} {
			t.Run(name, func(t *testing.T) {
				defer func(n int) { factChunk = n }(factChunk)
				factChunk = chunk
				s := openTemp(t)
				var rs []record.Record
				for range 5 {
					rs = append(rs, save(t, s, assessed(t, nhsPatient)))
				}
				hit := rs[2].ID
				bad := rekey(t, s.Path(), hit, damage)
				seen := map[string]int{}
				var left []Unreadable
				err := s.EachFactChunk(func(c FactChunk) error {
					for i := range c.Len() {
						id, _, err := c.At(i)
						if err != nil {
							left = append(left, c.Unreadable(i, err))
							continue
						}
						seen[uuid.UUID(id).String()]++
					}
					return nil
				})
				if err != nil {
					t.Fatalf("facts read (chunks of %d): %v", chunk, err)
				}
				for _, r := range rs {
					if r.ID != hit && seen[r.ID.String()] != 1 {
						t.Errorf("record %s handed over %d times (chunks of %d), want once", r.ID, seen[r.ID.String()], chunk)
					}
				}
				if len(seen) != 4 || len(left) != 1 || left[0].ID != hit.String() || !strings.Contains(left[0].Why, string(bad)) {
					t.Errorf("facts read with the key of %s damaged to %s (chunks of %d): counted %v, left out %v; want the 4 others counted and it left out by its own id, naming the key", hit, bad, chunk, seen, left)
				}
				var skipped []Unreadable
				err = s.Each(func(record.Record) error { return nil }, func(u Unreadable) { skipped = append(skipped, u) })
				if err != nil || len(skipped) != 1 || skipped[0].ID != hit.String() || !strings.Contains(skipped[0].Why, string(bad)) {
					t.Errorf("records read with the key of %s damaged to %s: %v, left out %v; want it left out by its own id, naming the key", hit, bad, err, skipped)
				}
			})
		}
	}
}

// A damaged key whose record's own id cannot be read either stops a
// reader of facts with ErrDamaged naming the key: there is nothing to name
// the record by or to place it by.
func TestADamagedKeyOfAnUnreadableRecordStopsTheReader(t *testing.T) {
	s := openTemp(t)
	r := save(t, s, assessed(t, nhsPatient))
	key := recordKey(r.ID)
	bad := bytes.Clone(key)
	bad[14] = 'z'
	testkit.Tamper(t, s.Path(), func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRecords)
		v := bytes.Clone(b.Get(key))
		if err := b.Delete(key); err != nil {
			return err
		}
		_, stream, _ := packed.Facts(v)
		for i := range stream {
			stream[i] = 0 // the record's JSON unreadable, its checksum as well
		}
		return b.Put(bad, v)
	})
	err := s.EachFactChunk(func(c FactChunk) error {
		for i := range c.Len() {
			if _, _, err := c.At(i); err != nil {
				return err
			}
		}
		return nil
	})
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), string(bad)) {
		t.Errorf("facts read with key %s damaged and its record unreadable: %v; want ErrDamaged naming the key", bad, err)
	}
}
