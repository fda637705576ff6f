package store

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// assessed builds a record of the patient with the most to say (checks,
// adjustments, referrals) the way the terminal UI does, consent recorded
// for each referral: agreed, but for the second, declined.
func assessed(tb testing.TB, patient string) record.Record {
	tb.Helper()
	r := testkit.Assessed(tb, testkit.Full(nil))
	for i := range r.Recommendation.Referrals {
		r.Recommendation.Referrals[i].Consent = questionnaire.Agreed
	}
	r.Recommendation.Referrals[1].Consent = questionnaire.Declined
	pid, err := record.ParsePatientID(patient)
	if err != nil {
		tb.Fatalf("patient %q: %v", patient, err)
	}
	r.Patient, r.Clinician, r.Team = pid, "Sister A. Okafor", "Ward 7 (Elderly care)"
	return r
}

// Patients used in tests: a valid NHS number and a local hospital number.
const (
	nhsPatient   = testkit.NHSNumber
	localPatient = "RXH-12345"
)

func openTemp(tb testing.TB) *Store {
	tb.Helper()
	return openTempWaiting(tb, 200*time.Millisecond)
}

// loadedWait is the lock wait of a test whose store is written from two
// Stores, or rewritten under one, in turn: each write then reads the
// changed file again (updateAt) within the wait, and on a machine at a
// load of 30 that took longer than openTemp's 200 ms, so the write was
// refused as locked though nothing else held the store. The test is of
// what the writes do, not of how long they wait.
const loadedWait = 30 * time.Second

// openTempWaiting is openTemp with this lock wait.
func openTempWaiting(tb testing.TB, wait time.Duration) *Store {
	tb.Helper()
	s, err := Open(filepath.Join(tb.TempDir(), "digicheck.db"), Options{Timeout: wait})
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	return s
}

func save(tb testing.TB, s *Store, r record.Record) record.Record {
	tb.Helper()
	if err := s.Save(&r); err != nil {
		tb.Fatalf("Save: %v", err)
	}
	return r
}

// fingerprint is what must not change about a file digicheck refuses:
// content, size, mode and modification time.
func fingerprint(tb testing.TB, path string) string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		tb.Fatal(err)
	}
	fi, err := f.Stat()
	if err != nil {
		tb.Fatal(err)
	}
	return fmt.Sprintf("sha256 %s size %d mode %v mtime %s",
		hex.EncodeToString(h.Sum(nil)), fi.Size(), fi.Mode(), fi.ModTime().Format(time.RFC3339Nano))
}

// foreignBolt makes a healthy bbolt database of some other program. It
// does not sync its freelist, as etcd does not, so merely opening it for
// writing would change it: bbolt writes the freelist out on open.
func foreignBolt(tb testing.TB, path string) {
	tb.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{NoFreelistSync: true})
	if err != nil {
		tb.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte("widgets"))
		if err != nil {
			return err
		}
		return b.Put([]byte("k"), []byte("v"))
	})
	if err != nil {
		tb.Fatal(err)
	}
	if err := db.Close(); err != nil {
		tb.Fatal(err)
	}
}
