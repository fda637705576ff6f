package store

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"digicheck/record"
)

// indexStore is a store of a patient's records among other patients' on
// each side: the entries a save's check of the patient index reads.
func indexStore(t *testing.T) (*Store, record.Record) {
	t.Helper()
	s := openTemp(t)
	for i := range 6 {
		save(t, s, assessed(t, fmt.Sprintf("RXH-%05d", 10000+i)))
	}
	var r record.Record
	for range 3 {
		r = save(t, s, assessed(t, nhsPatient))
	}
	for i := range 6 {
		save(t, s, assessed(t, fmt.Sprintf("RXH-%05d", 20000+i)))
	}
	return s, r
}

// onIndex changes the patient index of the store at path with f, as
// another program (or damage) might.
func onIndex(t *testing.T, path string, f func(pats *bolt.Bucket) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(func(tx *bolt.Tx) error { return f(tx.Bucket(bucketPatients)) }); err != nil {
		t.Fatal(err)
	}
}

// asEarlierBuild stores every patient index entry as builds before the
// entries' checks wrote them: with an empty value.
func asEarlierBuild(t *testing.T, path string) {
	t.Helper()
	onIndex(t, path, func(pats *bolt.Bucket) error {
		var keys [][]byte
		_ = pats.ForEach(func(k, _ []byte) error { keys = append(keys, bytes.Clone(k)); return nil })
		for _, k := range keys {
			if err := pats.Put(k, []byte{}); err != nil {
				return err
			}
		}
		return nil
	})
}

// Issue 15: a save's check of the patient index read the records its
// entries name (the patient's first eight and two neighbours on each
// side), which brought about six pages of the records into every save, a
// third of a save's time over a bare bbolt transaction. An entry now
// carries a check of its own key, so the save trusts the entries that
// match theirs from the index page alone.
func TestASaveReadsNoRecordForIndexEntriesThatMatchTheirCheck(t *testing.T) {
	s, _ := indexStore(t)
	n := indexChecks.Load()
	save(t, s, assessed(t, nhsPatient))
	if got := indexChecks.Load() - n; got != 0 {
		t.Errorf("a save among sound entries read %d of them against their records; want none", got)
	}
	// Every entry a save writes carries its check.
	onIndex(t, s.Path(), func(pats *bolt.Bucket) error {
		return pats.ForEach(func(k, v []byte) error {
			if !entryChecked(k, v) {
				return fmt.Errorf("entry %q stored with %x, which is not its check", k, v)
			}
			return nil
		})
	})
}

// A save and a draft's keep never read the whole patient index (about
// 16 ms at 100,000 entries, 20 to 40 times a save's own time): that read,
// for entries a flipped bit has put out of place, is made once, when the
// patient's number is given (CheckPatient) or a draft is taken, and by
// the reads of a patient's history.
func TestASaveAndADraftsKeepNeverReadTheWholeIndex(t *testing.T) {
	s, r := indexStore(t)
	n := indexScans.Load()
	save(t, s, assessed(t, nhsPatient))
	d := draftOf(t, nhsPatient)
	if err := s.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	if got := indexScans.Load() - n; got != 0 {
		t.Errorf("a save and a draft's keep read the whole patient index %d times; want none", got)
	}
	if err := s.CheckPatient(r.Patient); err != nil {
		t.Fatal(err)
	}
	if got := indexScans.Load() - n; got != 1 {
		t.Errorf("checking the patient as the number is given read the whole index %d times; want once", got)
	}
}

// Entries written by earlier builds carry no check: a save reads them
// against their records as before, and saves.
func TestASaveReadsIndexEntriesOfEarlierBuildsAgainstTheirRecords(t *testing.T) {
	s, r := indexStore(t)
	asEarlierBuild(t, s.Path())
	n := indexChecks.Load()
	save(t, s, assessed(t, nhsPatient))
	// The patient's 3 entries and their neighbours (the patient's are
	// the last of the index: 2 before them).
	if got := indexChecks.Load() - n; got != 3+indexNear {
		t.Errorf("a save among entries of an earlier build read %d of them against their records; want %d", got, 3+indexNear)
	}
	if h, err := s.History(r.Patient); err != nil || len(h) != 4 {
		t.Errorf("History = %d records, %v; want 4", len(h), err)
	}
}

// One bit flipped in the number an entry is filed under, in an entry with
// its check and in one of an earlier build: the entry no longer matches
// its check (or has none), is read against its record, and the save and
// history are refused as before; check names the entry.
func TestAMisfiledIndexEntryIsFoundWithOrWithoutItsCheck(t *testing.T) {
	for _, earlier := range []bool{false, true} {
		t.Run(fmt.Sprintf("earlier build %v", earlier), func(t *testing.T) {
			s, r := indexStore(t)
			if earlier {
				asEarlierBuild(t, s.Path())
			}
			key := patientKey(r.Patient, r.ID)
			flipped := bytes.Clone(key)
			flipped[len(r.Patient.Kind)+1+4] ^= 1 // the fifth digit of the number
			onIndex(t, s.Path(), func(pats *bolt.Bucket) error {
				v := bytes.Clone(pats.Get(key))
				if err := pats.Delete(key); err != nil {
					return err
				}
				return pats.Put(flipped, v) // the value as it was: the check of the key before
			})
			before := fingerprint(t, s.Path())
			again := assessed(t, nhsPatient)
			if err := s.Save(&again); !errors.Is(err, ErrDamaged) {
				t.Errorf("a save of the patient whose entry is misfiled: %v; want it refused as damaged", err)
			}
			if after := fingerprint(t, s.Path()); after != before {
				t.Error("the damaged store was written to")
			}
			if h, err := s.History(r.Patient); !errors.Is(err, ErrDamaged) {
				t.Errorf("History = %d records, %v; want the index called damaged", len(h), err)
			}
			rep, err := s.Check()
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(strings.Join(rep.Problems, "\n"), "files record "+r.ID.String()+" under another patient") {
				t.Errorf("check's problems = %q; want the misfiled entry named", rep.Problems)
			}
		})
	}
}

// A check that no longer matches its entry (the value damaged, the key
// sound) makes the entry read against its record: the save goes on, as
// the record says the entry is the patient's.
func TestAnEntryWhoseCheckIsDamagedIsReadAgainstItsRecord(t *testing.T) {
	s, r := indexStore(t)
	key := patientKey(r.Patient, r.ID)
	onIndex(t, s.Path(), func(pats *bolt.Bucket) error {
		v := bytes.Clone(pats.Get(key))
		v[len(v)-1] ^= 1
		return pats.Put(key, v)
	})
	n := indexChecks.Load()
	save(t, s, assessed(t, nhsPatient))
	if got := indexChecks.Load() - n; got != 1 {
		t.Errorf("a save read %d entries against their records; want the one whose check is damaged", got)
	}
}

// The check covers every byte of the key: any one bit flipped in it, or
// in the check, and the entry no longer matches.
func TestAnEntryCheckMissesNoFlippedBit(t *testing.T) {
	r := assessed(t, nhsPatient)
	id, err := record.NewID()
	if err != nil {
		t.Fatal(err)
	}
	key := patientKey(r.Patient, id)
	v := patientEntry(key)
	if !entryChecked(key, v) {
		t.Fatal("an entry does not match its own check")
	}
	for i := range 8 * len(key) {
		k := bytes.Clone(key)
		k[i/8] ^= 1 << (i % 8)
		if entryChecked(k, v) {
			t.Fatalf("bit %d of the key flipped, and the entry still matches its check", i)
		}
	}
	for i := range 8 * len(v) {
		w := bytes.Clone(v)
		w[i/8] ^= 1 << (i % 8)
		if entryChecked(key, w) {
			t.Fatalf("bit %d of the check flipped, and the entry still matches it", i)
		}
	}
	if entryChecked(key, nil) || entryChecked(key, []byte{}) {
		t.Error("an entry of an earlier build (no check) matches")
	}
}
