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
		v = testkit.Repack(stored, v) // packed again, as the tool the editor used would, its sum left as it was
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

// sums reads every record's stored bytes and its sum: the one it carries
// (packed.FormatSummed) or, for a record stored the earlier way, the one
// in the sums bucket; bucketed counts the sums bucket's entries.
func sums(t *testing.T, s *Store) (vals, got map[string][]byte, bucketed int) {
	t.Helper()
	vals, got = map[string][]byte{}, map[string][]byte{}
	if err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSums)
		_ = tx.Bucket(bucketRecords).ForEach(func(k, v []byte) error {
			vals[string(k)] = bytes.Clone(v)
			switch {
			case packed.Summed(v):
				got[string(k)] = bytes.Clone(v[1 : 1+packed.SumSize])
			case b != nil && b.Get(k) != nil:
				got[string(k)] = bytes.Clone(b.Get(k))
			}
			return nil
		})
		if b != nil {
			bucketed = b.Stats().KeyN
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return vals, got, bucketed
}

// wantSum is the sum a record stored as v should have: of its packed
// stream when it carries its sum, else of all its stored bytes.
func wantSum(v []byte) [32]byte {
	if packed.Summed(v) {
		return sha256.Sum256(v[1+packed.SumSize:])
	}
	return sha256.Sum256(v)
}

// earlierLayout rewrites the records ids (every record when none is given)
// as the digicheck before this one stored them: packed without their sum
// (packed.FormatDeflate), with it in the sums bucket when summed, and the
// store's schema 2. A store of that layout is what a site upgrading has.
func earlierLayout(tb testing.TB, path string, summed bool, ids ...string) {
	tb.Helper()
	testkit.Tamper(tb, path, func(tx *bolt.Tx) error {
		// Facts in the tail bucket, as that digicheck kept them.
		if err := uncarry(tx); err != nil {
			return err
		}
		recs := tx.Bucket(bucketRecords)
		if len(ids) == 0 {
			_ = recs.ForEach(func(k, _ []byte) error { ids = append(ids, string(k)); return nil })
		}
		sb, err := tx.CreateBucketIfNotExists(bucketSums)
		if err != nil {
			return err
		}
		for _, id := range ids {
			j, err := packed.Unpack(recs.Get([]byte(id)))
			if err != nil {
				return err
			}
			v := packed.PackAs(packed.FormatDeflate, j)
			if err := recs.Put([]byte(id), v); err != nil {
				return err
			}
			if summed {
				sum := sha256.Sum256(v)
				err = sb.Put([]byte(id), sum[:])
			} else {
				err = sb.Delete([]byte(id))
			}
			if err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("2"))
	})
}

// Every path that writes a record (Save, Amend, Void, a follow-up,
// SaveSynthetic) keeps the SHA-256 of exactly the bytes stored, inside
// the stored value, and writes nothing to the sums bucket (three pages a
// save); a backup carries the sums and passes its check.
func TestEveryWriteKeepsASumOfTheStoredBytes(t *testing.T) {
	w := newWorld(t)
	synth := openTemp(t)
	r := assessed(t, "9990000018")
	r.Synthetic = true
	if err := synth.SaveSynthetic([]record.Record{r}); err != nil {
		t.Fatal(err)
	}
	for _, s := range []*Store{w.s, synth} {
		vals, got, bucketed := sums(t, s)
		if len(got) != len(vals) || bucketed != 0 {
			t.Errorf("%d records, %d sums, %d of them in the sums bucket; want every record to carry its own", len(vals), len(got), bucketed)
		}
		for k, v := range vals {
			if want := wantSum(v); !packed.Summed(v) || !bytes.Equal(got[k], want[:]) {
				t.Errorf("record %s (format %#x): sum %x, want %x", k, v[0], got[k], want)
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
	if vals, got, _ := sums(t, b); len(got) != len(vals) || len(vals) != 6 {
		t.Errorf("the backup has %d records and %d sums", len(vals), len(got))
	}
}

// A store of the earlier layout (records packed without their sum, the
// sums in their own bucket) reads and checks as it did: an edit of a
// record is caught by its sum in the bucket, and the store's new saves
// carry their own sums beside the old records.
func TestAStoreWithSumsInTheirOwnBucketReadsAndChecks(t *testing.T) {
	s := openTemp(t)
	r := save(t, s, assessed(t, nhsPatient))
	other := save(t, s, assessed(t, localPatient))
	earlierLayout(t, s.Path(), true)
	s2, err := Open(s.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	later := save(t, s2, assessed(t, localPatient))
	vals, got, bucketed := sums(t, s2)
	if bucketed != 2 || len(got) != 3 || packed.Summed(vals[r.ID.String()]) || !packed.Summed(vals[later.ID.String()]) {
		t.Fatalf("after a save: %d sums, %d in the bucket; want 3, 2 (the earlier records') and the new one's in its value", len(got), bucketed)
	}
	if rep, err := s2.Check(); err != nil || !rep.OK() || rep.Unsummed != 0 {
		t.Errorf("Check of the earlier layout: %v\n%s", err, rep)
	}
	rewriteBytes(t, s.Path(), r.ID.String(), "A. Okafor", "A. Okafer")
	if _, err := s2.Get(r.ID); !errors.Is(err, ErrDamaged) {
		t.Errorf("Get of an edited record of the earlier layout: %v; want ErrDamaged", err)
	}
	for _, id := range []record.ID{other.ID, later.ID} {
		if _, err := s2.Get(id); err != nil {
			t.Errorf("Get of an unedited record: %v", err)
		}
	}
	rep, err := s2.Check()
	if err != nil || rep.OK() || !strings.Contains(rep.String(), r.ID.String()+": its stored bytes are not those it was saved with") {
		t.Errorf("Check of an edited record of the earlier layout: %v\n%s", err, rep)
	}
}

// A record saved before sums were kept has none: it is shown and read on
// its other checks, and check counts it as information, not damage. Its
// other checks still apply.
func TestARecordWithoutASumIsAcceptedAndCounted(t *testing.T) {
	s := openTemp(t)
	r := save(t, s, assessed(t, nhsPatient))
	r2 := save(t, s, assessed(t, localPatient))
	earlierLayout(t, s.Path(), false, r.ID.String(), r2.ID.String())
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
	earlierLayout(t, s.Path(), true)
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
// with no sums at all (as a store from before sums).
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
	earlierLayout(b, s.Path(), false)
	b.Run("without-sums", read)
}
