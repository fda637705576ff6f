package store

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store/packed"
)

// rewriteBytes replaces old with new (the same length) in the JSON
// of record id (unpacked and packed again if stored packed), behind
// digicheck's back, leaving its facts and sum alone:
// the hostile tester's edit of a field no other check covers.
func rewriteBytes(t *testing.T, path, id, old, new string) {
	t.Helper()
	if len(old) != len(new) {
		t.Fatalf("%q and %q differ in length", old, new)
	}
	testkit.Tamper(t, path, func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRecords)
		stored := b.Get([]byte(id))
		v, err := packed.Unpack(stored)
		if err != nil {
			return err
		}
		if !bytes.Contains(v, []byte(old)) {
			t.Fatalf("record %s does not hold %q", id, old)
		}
		v = bytes.Replace(v, []byte(old), []byte(new), 1)
		if stored[0] == packed.FormatDeflate {
			v = packed.Pack(v) // packed again, as the tool the editor used would
		}
		return b.Put([]byte(id), v)
	})
}

// H29 (issue 14 item 4, hostile retest): an edit of the record's bytes
// that keeps their length, in a field neither the facts nor the answers
// cover (the clinician's name, a referral's contact), is caught by every
// checked read, by the bulk reads exports use, and by check.
func TestASameLengthEditOfAnyFieldIsCaught(t *testing.T) {
	for _, c := range []struct{ name, old, new string }{
		{"clinician", "Dr Alice Hostile", "Dr Mallory  Evil"},
		{"contact", "learnmyway.com", "1earnmyway.com"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := openTemp(t)
			r := assessed(t, nhsPatient)
			r.Clinician = "Dr Alice Hostile"
			r = save(t, s, r)
			other := save(t, s, assessed(t, localPatient))
			rewriteBytes(t, s.Path(), r.ID.String(), c.old, c.new)

			s2, err := Open(s.Path(), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s2.Get(r.ID); !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "digicheck check") {
				t.Errorf("Get of an edited record: %v; want ErrDamaged naming digicheck check", err)
			}
			if _, err := s2.History(r.Patient); !errors.Is(err, ErrDamaged) {
				t.Errorf("History: %v; want ErrDamaged", err)
			}
			if _, err := s2.Get(other.ID); err != nil {
				t.Errorf("Get of an unedited record: %v", err)
			}
			if err := s2.Each(func(record.Record) error { return nil }, nil); !errors.Is(err, ErrDamaged) {
				t.Errorf("EachChunked: %v; want ErrDamaged", err)
			}
			if err := s2.Each(func(record.Record) error { return nil }, nil); !errors.Is(err, ErrDamaged) {
				t.Errorf("Each: %v; want ErrDamaged", err)
			}
			var got []string
			var skipped []Unreadable
			err = s2.Each(func(r record.Record) error { got = append(got, r.ID.String()); return nil }, func(u Unreadable) { skipped = append(skipped, u) })
			if err != nil || len(got) != 1 || got[0] != other.ID.String() || len(skipped) != 1 || skipped[0].ID != r.ID.String() || !strings.Contains(skipped[0].Why, "checksum") {
				t.Errorf("EachChunkedSkipping: %v, read %v, skipped %+v", err, got, skipped)
			}
			rep, err := s2.Check()
			if err != nil || rep.OK() || !strings.Contains(rep.String(), r.ID.String()+": its stored bytes are not those it was saved with") {
				t.Errorf("Check of an edited record: %v\n%s", err, rep)
			}
		})
	}
}

// sums reads every record's stored bytes and sum.
func sums(t *testing.T, s *Store) (vals, got map[string][]byte) {
	t.Helper()
	vals, got = map[string][]byte{}, map[string][]byte{}
	if err := s.view(func(tx *bolt.Tx) error {
		_ = tx.Bucket(bucketRecords).ForEach(func(k, v []byte) error { vals[string(k)] = bytes.Clone(v); return nil })
		if b := tx.Bucket(bucketSums); b != nil {
			_ = b.ForEach(func(k, v []byte) error { got[string(k)] = bytes.Clone(v); return nil })
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return vals, got
}

// Every path that writes a record (Save, Amend, Void, a follow-up,
// SaveSynthetic) keeps the SHA-256 of exactly the bytes stored, and a
// backup carries the sums and passes its check.
func TestEveryWriteKeepsASumOfTheStoredBytes(t *testing.T) {
	w := newWorld(t)
	synth := openTemp(t)
	r := assessed(t, "9990000018")
	r.Synthetic = true
	if err := synth.SaveSynthetic([]record.Record{r}); err != nil {
		t.Fatal(err)
	}
	for _, s := range []*Store{w.s, synth} {
		vals, got := sums(t, s)
		if len(got) != len(vals) {
			t.Errorf("%d records, %d sums", len(vals), len(got))
		}
		for k, v := range vals {
			if want := sha256.Sum256(v); !bytes.Equal(got[k], want[:]) {
				t.Errorf("record %s: sum %x, want %x", k, got[k], want)
			}
		}
		if rep, err := s.Check(); err != nil || !rep.OK() || rep.Unsummed != 0 || strings.Contains(rep.String(), "checksum") {
			t.Errorf("Check: %v\n%s", err, rep)
		}
	}
	dest := filepath.Join(t.TempDir(), "backup.db")
	if _, rep, err := w.s.Backup(dest, BackupOptions{}); err != nil || !rep.OK() || rep.Unsummed != 0 {
		t.Fatalf("Backup: %v\n%s", err, rep)
	}
	b, err := Open(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if vals, got := sums(t, b); len(got) != len(vals) || len(vals) != 6 {
		t.Errorf("the backup has %d records and %d sums", len(vals), len(got))
	}
}

// A record saved before sums were kept has none: it is shown and read on
// its other checks, and check counts it as information, not damage. Its
// other checks still apply.
func TestARecordWithoutASumIsAcceptedAndCounted(t *testing.T) {
	s := openTemp(t)
	r := save(t, s, assessed(t, nhsPatient))
	r2 := save(t, s, assessed(t, localPatient))
	testkit.Tamper(t, s.Path(), func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSums)
		if err := b.Delete([]byte(r.ID.String())); err != nil {
			return err
		}
		return b.Delete([]byte(r2.ID.String()))
	})
	s2, err := Open(s.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s2.Get(r.ID); err != nil {
		t.Errorf("Get of a record without a sum: %v", err)
	}
	rep, err := s2.Check()
	if err != nil || !rep.OK() || rep.Unsummed != 2 || !strings.Contains(rep.String(), "Without a checksum: 2 records") {
		t.Errorf("Check: %v\n%s", err, rep)
	}
	// Its facts still guard what decides care.
	testkit.TamperJSON(t, s.Path(), string(bucketRecords), r.ID.String(), toDigital)
	if _, err := s2.Get(r.ID); !errors.Is(err, ErrDamaged) {
		t.Errorf("Get of an unsummed record edited against its facts: %v", err)
	}
}

// The store kept from an earlier digicheck (testdata/small.db, saved
// before sums) checks sound, with every record counted as without a sum.
func TestAStoreFromBeforeSumsChecksSound(t *testing.T) {
	path := filepath.Join(t.TempDir(), "small.db")
	b, err := os.ReadFile(smallStorePath)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := s.Check()
	if err != nil || !rep.OK() || rep.Records == 0 || rep.Unsummed != rep.Records {
		t.Errorf("Check: %v\n%s", err, rep)
	}
}

// A sum whose record is missing, or of the wrong length, is a problem.
func TestCheckFindsStraySums(t *testing.T) {
	s := openTemp(t)
	r := save(t, s, assessed(t, nhsPatient))
	testkit.Tamper(t, s.Path(), func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSums)
		if err := b.Put([]byte("0190a1b2-0000-7000-8000-000000000000"), make([]byte, 32)); err != nil {
			return err
		}
		return b.Put([]byte(r.ID.String()), []byte{1, 2, 3})
	})
	rep, err := s.Check()
	if err != nil || len(rep.Problems) != 2 {
		t.Errorf("Check: %v\n%s", err, rep)
	}
}

// BenchmarkEachChunkedSums is the cost of the checksum on the bulk read
// exports use: the same 5,000 records read with their sums checked, and
// with the sums bucket removed (as a store from before sums).
func BenchmarkEachChunkedSums(b *testing.B) {
	s := openTemp(b)
	rs := make([]record.Record, 5000)
	for i := range rs {
		rs[i] = assessed(b, nhsPatient)
		rs[i].Synthetic = true
	}
	if err := s.SaveSynthetic(rs); err != nil {
		b.Fatal(err)
	}
	read := func(b *testing.B) {
		for b.Loop() {
			if err := s.Each(func(record.Record) error { return nil }, nil); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("with-sums", read)
	testkit.Tamper(b, s.Path(), func(tx *bolt.Tx) error { return tx.DeleteBucket(bucketSums) })
	b.Run("without-sums", read)
}
