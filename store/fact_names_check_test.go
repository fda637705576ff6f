package store

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/store/facts"
)

// errRolledBack ends a test's transaction without writing it.
var errRolledBack = errors.New("rolled back")

// teamEntry is the entry of the QI copy's table of names for the team of
// the records assessed() makes, in s.
func teamEntry(t *testing.T, s *Store) (key, val []byte) {
	t.Helper()
	const team = "Ward 7 (Elderly care)"
	if err := s.view(func(tx *bolt.Tx) error {
		nb := tx.Bucket(bucketFactNames)
		if nb == nil {
			return errors.New("no table of names")
		}
		key, val = []byte(team), bytes.Clone(nb.Get([]byte(team)))
		return nil
	}); err != nil || len(val) != 4 {
		t.Fatalf("the team's entry in the table of names: %v (%x)", err, val)
	}
	return key, val
}

// Damaged stores (H27): one bit flipped in the key of an entry of the QI
// copy's table of names (factNames: name -> its number) renamed a team,
// and summary and the CSV export counted its assessments under the
// damaged name, exit 0. Each entry a save writes now has a check of the
// name and its number beside it (in factMeta): every bit of the
// entry's key and of its value, flipped in turn, is found as the table
// is read, and the finding names the damaged name by its number.
func TestANameEntryCheckMissesNoFlippedBit(t *testing.T) {
	t.Parallel()
	s := openTemp(t)
	save(t, s, assessed(t, nhsPatient))
	save(t, s, assessed(t, localPatient))
	key, val := teamEntry(t, s)
	if err := s.view(func(tx *bolt.Tx) error { return loadNames(tx.Bucket(bucketFactNames), facts.NewNames()) }); err != nil {
		t.Fatalf("the table of names as saved: %v", err)
	}
	flipped := func(what string, i int, k, v []byte) {
		t.Helper()
		err := s.update(func(tx *bolt.Tx) error {
			nb := tx.Bucket(bucketFactNames)
			if err := nb.Delete(key); err != nil {
				return err
			}
			if err := nb.Put(k, v); err != nil {
				return err
			}
			if err := loadNames(nb, facts.NewNames()); err == nil {
				t.Errorf("bit %d of the %s of the team's name entry flipped (%q -> %x): the table of names reads as sound", i, what, k, v)
			} else if !strings.Contains(err.Error(), "numbered") {
				t.Errorf("bit %d of the %s flipped: %v; want the damaged name named by its number", i, what, err)
			}
			return errRolledBack
		})
		if !errors.Is(err, errRolledBack) {
			t.Fatalf("tampering: %v", err)
		}
	}
	for i := range 8 * len(key) {
		k := bytes.Clone(key)
		k[i/8] ^= 1 << (i % 8)
		flipped("name", i, k, val)
	}
	for i := range 8 * len(val) {
		v := bytes.Clone(val)
		v[i/8] ^= 1 << (i % 8)
		flipped("number", i, key, v)
	}
}

// renameTeam flips one bit of the team's name in the table of names, as a
// failing disk would, and writes it.
func renameTeam(t *testing.T, s *Store) {
	t.Helper()
	key, val := teamEntry(t, s)
	if err := s.update(func(tx *bolt.Tx) error {
		nb := tx.Bucket(bucketFactNames)
		k := bytes.Clone(key)
		k[len(k)-2] ^= 0x20 // "Ward 7 (Elderly carE)"
		if err := nb.Delete(key); err != nil {
			return err
		}
		return nb.Put(k, val)
	}); err != nil {
		t.Fatal(err)
	}
}

// Damaged stores (H27): the same flipped bit in the QI copy's table of
// names made show, history and followup refuse the patient's own records,
// sound, as "edited or damaged": a record's read compared its facts with
// the damaged table. A patient's records are read on; the table's damage
// is noted (the store refuses writes until check finds it sound), and
// said once.
func TestARecordIsReadOnWhenTheTableOfNamesIsDamaged(t *testing.T) {
	t.Parallel()
	// As this build writes the table, and as an earlier build did (no
	// checks): the record's team is then a name the table has lost.
	for _, earlier := range []bool{false, true} {
		s := openTemp(t)
		r := save(t, s, assessed(t, nhsPatient))
		if earlier {
			if err := s.update(func(tx *bolt.Tx) error {
				mb := tx.Bucket(bucketFactMeta)
				var keys [][]byte
				_ = mb.ForEach(func(k, _ []byte) error {
					if bytes.HasPrefix(k, prefixNameCheck) {
						keys = append(keys, bytes.Clone(k))
					}
					return nil
				})
				if len(keys) == 0 {
					return errors.New("no checks of the table of names")
				}
				for _, k := range keys {
					if err := mb.Delete(k); err != nil {
						return err
					}
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		}
		renameTeam(t, s)
		got, err := s.Get(r.ID)
		if err != nil || got.ID != r.ID {
			t.Fatalf("Get of a sound record, the table of names damaged (earlier build's: %v): %v", earlier, err)
		}
		h, err := s.History(r.Patient)
		if err != nil || len(h) != 1 {
			t.Fatalf("History of a sound record, the table of names damaged (earlier build's: %v): %d records, %v", earlier, len(h), err)
		}
		h, bad, err := s.HistoryReadable(r.Patient)
		if err != nil || len(h) != 1 || len(bad) != 0 {
			t.Fatalf("HistoryReadable, the table of names damaged (earlier build's: %v): %d records, %v left out, %v", earlier, len(h), bad, err)
		}
		if err := s.Refused(); !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "table of names") {
			t.Errorf("the table's damage is not noted (earlier build's: %v): the store would take writes (%v)", earlier, err)
		}
	}
}
