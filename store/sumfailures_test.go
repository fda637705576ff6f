package store

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// sealedAndAfter counts the records of s whose facts a block holds, and
// those after the last block.
func sealedAndAfter(t testing.TB, s *Store) (sealed, after int) {
	t.Helper()
	err := s.view(func(tx *bolt.Tx) error {
		last := lastBlock(tx.Bucket(bucketFactBlocks))
		return tx.Bucket(bucketRecords).ForEach(func(k, _ []byte) error {
			id := uuid.MustParse(string(k))
			if last != nil && bytes.Compare(id[:], last) <= 0 {
				sealed++
			} else {
				after++
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return sealed, after
}

// The records' check a CSV export runs first unpacked the head of every
// record (six times the rest of its cost, and at a million records over
// the export's budget). A sound record whose facts a block holds is found
// sound by its checksum, its key and its facts: nothing of it is unpacked.
func TestTheRecordsCheckUnpacksNoSoundSealedRecord(t *testing.T) {
	smallBlocks(t, 16)
	s := syntheticStore(t, filepath.Join(t.TempDir(), "s.db"), 100)
	sealed, after := sealedAndAfter(t, s)
	if sealed < 64 {
		t.Fatalf("only %d of the records are sealed in blocks", sealed)
	}
	n := headReads.Load()
	bad, err := s.SumFailures(nil)
	if err != nil || len(bad) > 0 {
		t.Fatalf("SumFailures of a sound store: %v, %v", bad, err)
	}
	if got := headReads.Load() - n; got != int64(after) {
		t.Errorf("the check unpacked %d records; want only the %d after the last block, none of the %d sealed", got, after, sealed)
	}
}

// damageSealed changes the stored record at index i (in key order) of
// s with change, which returns the key and value to store it under
// instead, and returns the record's id.
func damageSealed(t *testing.T, s *Store, i int, change func(k, v []byte) ([]byte, []byte)) string {
	t.Helper()
	var id string
	err := s.update(func(tx *bolt.Tx) error {
		recs := tx.Bucket(bucketRecords)
		c := recs.Cursor()
		k, v := c.First()
		for range i {
			k, v = c.Next()
		}
		id = string(k)
		k, v = bytes.Clone(k), bytes.Clone(v)
		nk, nv := change(k, v)
		if err := recs.Delete(k); err != nil {
			return err
		}
		return recs.Put(nk, nv)
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// What the cheap test lets pass must still be what an unpacking check
// finds: a sealed record whose format byte or key was damaged (its
// checksum, over the rest of its value, still matching) is named, as every
// export names it.
func TestTheRecordsCheckNamesASealedRecordWithItsFormatOrKeyDamaged(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(k, v []byte) ([]byte, []byte)
		why    string
	}{
		{"facts dropped from its format", func(k, v []byte) ([]byte, []byte) { v[0] ^= 1; return k, v }, "its stored bytes are damaged"},
		{"an unknown format", func(k, v []byte) ([]byte, []byte) { v[0] ^= 4; return k, v }, "its stored bytes are damaged"},
		{"a key that is another id", func(k, v []byte) ([]byte, []byte) {
			k[35] ^= 1
			return k, v
		}, "which is damaged: its own id is"},
		{"a key that is no id", func(k, v []byte) ([]byte, []byte) { k[8] = 'x'; return k, v }, "which is damaged"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			smallBlocks(t, 16)
			s := syntheticStore(t, filepath.Join(t.TempDir(), "s.db"), 40)
			id := damageSealed(t, s, 5, tc.change)
			bad, err := s.SumFailures(nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(bad) != 1 || bad[0].ID != id && !strings.Contains(bad[0].ID, "x") || !strings.Contains(bad[0].Why, tc.why) {
				t.Errorf("SumFailures names %+v; want record %s alone, as %q", bad, id, tc.why)
			}
		})
	}
}

// A sealed record that carried no facts, as one saved before records
// carried them, given a format that carries some: its value's start read
// as facts that are not the block's.
func TestTheRecordsCheckNamesASealedRecordGivenFactsItNeverHad(t *testing.T) {
	smallBlocks(t, 16)
	s := syntheticStore(t, filepath.Join(t.TempDir(), "s.db"), 40)
	// The record as one saved before records carried their facts,
	// with its checksum.
	id := damageSealed(t, s, 5, func(k, v []byte) ([]byte, []byte) { return k, testkit.WithoutFacts(v) })
	if bad, err := s.SumFailures(nil); err != nil || len(bad) > 0 {
		t.Fatalf("a sealed record without facts: %v, %v", bad, err)
	}
	damageSealed(t, s, 5, func(k, v []byte) ([]byte, []byte) { v[0] ^= 1; return k, v })
	bad, err := s.SumFailures(nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(bad) != 1 || bad[0].ID != id {
		t.Errorf("SumFailures names %+v; want record %s", bad, id)
	}
}

func TestKeyID16ReadsARecordKeyAlone(t *testing.T) {
	for range 200 {
		u := uuid.Must(uuid.NewV7())
		got, ok := keyID16([]byte(u.String()))
		if !ok || got != u {
			t.Fatalf("keyID16(%s) = %x, %v", u, got, ok)
		}
	}
	good := uuid.Must(uuid.NewV7()).String()
	bad := []string{"", good[:35], good + "0", strings.Replace(good, "-", "0", 1), good[:10] + "g" + good[11:], "{" + good[1:]}
	if up := strings.ToUpper(good); up != good {
		bad = append(bad, up)
	}
	for _, k := range bad {
		if _, ok := keyID16([]byte(k)); ok {
			t.Errorf("keyID16(%q) reads it as a record key", k)
		}
	}
}

// BenchmarkSumFailures is the records' check a CSV export runs first, over
// a store of 10,000 records.
func BenchmarkSumFailures(b *testing.B) {
	path := filepath.Join(b.TempDir(), "s.db")
	s := syntheticStoreB(b, path, 10000)
	b.ResetTimer()
	for range b.N {
		if bad, err := s.SumFailures(nil); err != nil || len(bad) > 0 {
			b.Fatal(bad, err)
		}
	}
}

// syntheticStoreB is syntheticStore for a benchmark.
func syntheticStoreB(b *testing.B, path string, n int) *Store {
	b.Helper()
	s, err := Open(path, Options{Timeout: 5 * time.Second})
	if err != nil {
		b.Fatal(err)
	}
	r := assessed(b, nhsPatient)
	r.Synthetic = true
	for done := 0; done < n; {
		batch := make([]record.Record, min(500, n-done))
		for i := range batch {
			batch[i] = r
		}
		if err := s.SaveSynthetic(batch); err != nil {
			b.Fatal(err)
		}
		done += len(batch)
	}
	return s
}
