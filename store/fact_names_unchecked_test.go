package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/store/facts"
)

// earlierThenChecked makes a store whose table of names was begun by an
// earlier build (its names without checks) and added to by this one: it
// returns first, the number of the first name written with a check, and
// the number of the last name.
func earlierThenChecked(t *testing.T) (s *Store, first, last uint32) {
	t.Helper()
	s = openTemp(t)
	save(t, s, assessed(t, nhsPatient))
	// An earlier build wrote no checks, and nothing of them in factMeta.
	if err := s.update(func(tx *bolt.Tx) error {
		mb := tx.Bucket(bucketFactMeta)
		var keys [][]byte
		_ = mb.ForEach(func(k, _ []byte) error {
			if bytes.HasPrefix(k, []byte("name")) {
				keys = append(keys, bytes.Clone(k))
			}
			return nil
		})
		for _, k := range keys {
			if err := mb.Delete(k); err != nil {
				return err
			}
		}
		first = uint32(tx.Bucket(bucketFactNames).Sequence()) + 1
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, team := range []string{"Ward 9 (Stroke)", "Ward 10 (Respiratory)"} {
		r := assessed(t, localPatient)
		r.Team = team
		save(t, s, r)
	}
	if err := s.view(func(tx *bolt.Tx) error {
		last = uint32(tx.Bucket(bucketFactNames).Sequence())
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if last < first+1 || first < 2 {
		t.Fatalf("names numbered 1 to %d, the first checked %d: want earlier names and two checked ones", last, first)
	}
	return s, first, last
}

// uncheck removes, in a transaction that is not written, the check of the
// name numbered num (and, if lost, every other trace in factMeta of where
// checks begin but the names' checks), and reports what reading the table
// of names finds then, and what check finds.
func uncheck(t *testing.T, s *Store, num uint32, lost bool) (read error, found []string) {
	t.Helper()
	err := s.update(func(tx *bolt.Tx) error {
		mb := tx.Bucket(bucketFactMeta)
		var n [4]byte
		binary.LittleEndian.PutUint32(n[:], num)
		if err := mb.Delete(append(bytes.Clone(prefixNameCheck), n[:]...)); err != nil {
			return err
		}
		if lost {
			var keys [][]byte
			_ = mb.ForEach(func(k, _ []byte) error {
				if bytes.HasPrefix(k, []byte("name")) && !bytes.HasPrefix(k, prefixNameCheck) {
					keys = append(keys, bytes.Clone(k))
				}
				return nil
			})
			for _, k := range keys {
				if err := mb.Delete(k); err != nil {
					return err
				}
			}
		}
		read = loadNames(tx.Bucket(bucketFactNames), facts.NewNames())
		factsTable(tx, func(format string, args ...any) { found = append(found, fmt.Sprintf(format, args...)) })
		return errRolledBack
	})
	if !errors.Is(err, errRolledBack) {
		t.Fatalf("tampering: %v", err)
	}
	return read, found
}

// Damaged stores (H27): one bit flipped in the key of a name's check in
// factMeta made the name read as an earlier build's, without a check, and
// check said OK; a second flipped bit in the name was then counted by
// summary as a team that does not exist, exit 0. Once a store holds
// checked names, a name numbered at or after the first checked one
// without its check is a finding that names its number; the names an
// earlier build wrote, before it, are read as before.
func TestANameThatLostItsCheckIsNotReadAsAnEarlierBuilds(t *testing.T) {
	t.Parallel()
	s, first, last := earlierThenChecked(t)
	for _, c := range []struct {
		what  string
		num   uint32
		lost  bool // what factMeta holds of where checks begin is lost too
		fault bool
	}{
		{"the last name an earlier build wrote", first - 1, false, false},
		{"the first name written with a check", first, false, true},
		{"a later checked name", last, false, true},
		{"the first name an earlier build wrote", 1, false, false},
		// A store of a build that kept no record of where checks
		// begin: the lowest checked number says it.
		{"a later checked name, where checks begin lost", last, true, true},
		{"the last earlier name, where checks begin lost", first - 1, true, false},
	} {
		read, found := uncheck(t, s, c.num, c.lost)
		switch {
		case c.fault && read == nil:
			t.Errorf("%s (numbered %d, checks from %d) without its check: the table of names reads as sound", c.what, c.num, first)
		case c.fault && !strings.Contains(read.Error(), fmt.Sprintf("numbered %d,", c.num)):
			t.Errorf("%s without its check: %v; want the name named by its number %d", c.what, read, c.num)
		case c.fault && (len(found) != 1 || !strings.Contains(found[0], fmt.Sprintf("numbered %d,", c.num))):
			t.Errorf("%s without its check: check finds %q; want the name numbered %d", c.what, found, c.num)
		case !c.fault && (read != nil || len(found) != 0):
			t.Errorf("%s (numbered %d, checks from %d), written without a check: %v, check finds %q; want it read as before", c.what, c.num, first, read, found)
		}
	}
}

// Damaged stores (H27): the number kept of where the table's checks begin
// has a check of its own: one bit flipped in it is a finding, not a
// boundary moved past the names it should vouch for.
func TestWhereNameChecksBeginIsItselfChecked(t *testing.T) {
	t.Parallel()
	s, _, _ := earlierThenChecked(t)
	v := func() (v []byte) {
		if err := s.view(func(tx *bolt.Tx) error {
			v = bytes.Clone(tx.Bucket(bucketFactMeta).Get(keyNameChecksFrom))
			return nil
		}); err != nil || len(v) == 0 {
			t.Fatalf("where the table's checks begin is not kept: %v", err)
		}
		return v
	}()
	for i := range 8 * len(v) {
		flipped := bytes.Clone(v)
		flipped[i/8] ^= 1 << (i % 8)
		err := s.update(func(tx *bolt.Tx) error {
			if err := tx.Bucket(bucketFactMeta).Put(keyNameChecksFrom, flipped); err != nil {
				return err
			}
			if err := loadNames(tx.Bucket(bucketFactNames), facts.NewNames()); err == nil {
				t.Errorf("bit %d of where the table's checks begin flipped (%x -> %x): the table of names reads as sound", i, v, flipped)
			}
			return errRolledBack
		})
		if !errors.Is(err, errRolledBack) {
			t.Fatalf("tampering: %v", err)
		}
	}
}

// A store whose checks were written by a build that kept no number of
// where they begin is given that number, the lowest that has a check,
// with the next name added, not the new name's own number: the names
// checked before it stay vouched for.
func TestWhereNameChecksBeginIsKeptForAStoreThatHadChecksAlready(t *testing.T) {
	t.Parallel()
	s := openTemp(t)
	save(t, s, assessed(t, nhsPatient))
	if err := s.update(func(tx *bolt.Tx) error { return tx.Bucket(bucketFactMeta).Delete(keyNameChecksFrom) }); err != nil {
		t.Fatal(err)
	}
	r := assessed(t, localPatient)
	r.Team = "Ward 9 (Stroke)"
	save(t, s, r)
	if err := s.view(func(tx *bolt.Tx) error {
		if got, want := tx.Bucket(bucketFactMeta).Get(keyNameChecksFrom), checksFromValue(1); !bytes.Equal(got, want) {
			t.Errorf("where checks begin, kept with the next name: %x; want %x (the first name, checked already)", got, want)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}
