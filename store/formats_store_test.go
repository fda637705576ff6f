package store

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"digicheck/record"
	"digicheck/store/packed"

	bolt "go.etcd.io/bbolt"
)

// testdata/before-s2.db is a store as the digicheck before FormatS2 made
// it (main at 21a8c10: `digicheck synthetic --count 40 --seed 1 --to
// 2026-11-30`), schema 5, its records DEFLATE-packed. That digicheck's
// check of it: 40 records, 39 assessments counted (one amended).
const beforeS2Path = "testdata/before-s2.db"

// storeCounts is what check and a summary count of a store: records,
// counted assessments, the facts a summary reads, the records read whole.
type storeCounts struct{ records, counted, facts, read int }

func countsOf(t *testing.T, s *Store) storeCounts {
	t.Helper()
	rep, err := s.Check()
	if err != nil || !rep.OK() {
		t.Fatalf("Check: %v\n%s", err, rep)
	}
	var c storeCounts
	c.records, c.counted = rep.Records, rep.Counted
	if err := s.EachFactChunk(func(fc FactChunk) error {
		for i := range fc.Len() {
			if _, _, err := fc.At(i); err != nil {
				return err
			}
			c.facts++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.Each(func(record.Record) error { c.read++; return nil }, nil); err != nil {
		t.Fatal(err)
	}
	return c
}

func schemaOf(t *testing.T, path string) string {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v string
	_ = db.View(func(tx *bolt.Tx) error { v = string(tx.Bucket(bucketMeta).Get(keySchema)); return nil })
	return v
}

// A store made before FormatS2 opens, checks sound and counts as it did,
// its records still in their DEFLATE formats; the first save writes its
// record as FormatS2Facts and raises the store's schema to schemaS2, so
// that the digicheck before, which cannot read an S2 block, refuses the
// store as newer rather than calling it damaged; and the store, with
// records of both formats, checks and counts the new record too.
func TestAStoreFromBeforeS2ReadsAndTakesS2Records(t *testing.T) {
	path := filepath.Join(t.TempDir(), "before.db")
	b, err := os.ReadFile(beforeS2Path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if v := schemaOf(t, path); v != "5" {
		t.Fatalf("testdata store of schema %q, want 5", v)
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := countsOf(t, s), (storeCounts{40, 39, 40, 40}); got != want {
		t.Errorf("the store from before counts %+v, want %+v", got, want)
	}
	if v := schemaOf(t, path); v != "5" {
		t.Errorf("reading the store raised its schema to %q", v)
	}
	r := assessed(t, nhsPatient) // a new assessment: counted
	r.Synthetic = true
	r = save(t, s, r)
	var v []byte
	if err := s.view(func(tx *bolt.Tx) error {
		v = append(v, tx.Bucket(bucketRecords).Get(recordKey(r.ID))...)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(v) == 0 || v[0] != packed.FormatS2Facts {
		t.Errorf("a save stored a value of format %#x, want FormatS2Facts", v[:min(1, len(v))])
	}
	if v := schemaOf(t, path); v != strconv.Itoa(schemaCounted) || schemaS2 <= 5 || schemaCounted < schemaS2 {
		t.Errorf("schema %q after an S2 record was saved, want %d, above the 5 of the digicheck before", v, schemaCounted)
	}
	if got, want := countsOf(t, s), (storeCounts{41, 40, 41, 41}); got != want {
		t.Errorf("after a save the store counts %+v, want %+v", got, want)
	}
	if got, err := s.Get(r.ID); err != nil || got.Clinician != r.Clinician {
		t.Errorf("Get of the S2 record: %v", err)
	}
}
