package store

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"digicheck/record"
)

// copyStore copies the store's file as cp does, to a new path, and opens
// the copy.
func copyStore(t *testing.T, s *Store) *Store {
	t.Helper()
	b, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Open(path, Options{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func secretOf(t *testing.T, s *Store) []byte {
	t.Helper()
	secret, err := s.SourceSecret()
	if err != nil {
		t.Fatal(err)
	}
	if len(secret) != 32 {
		t.Fatalf("a secret of %d bytes", len(secret))
	}
	return secret
}

// TestACopyMadeBeforeAnyExportHasTheStoresSecret: a store and a copy of
// it made before either was exported (a backup, a cp) give the same
// secret, so their exports under two keys are known for the same records.
// The secret was made at the first export, so each copy made its own and
// a summary of both counted every assessment twice (976 for 488).
func TestACopyMadeBeforeAnyExportHasTheStoresSecret(t *testing.T) {
	s := openTemp(t)
	save(t, s, assessed(t, nhsPatient))
	c := copyStore(t, s)
	if a, b := secretOf(t, s), secretOf(t, c); !bytes.Equal(a, b) {
		t.Error("a store and its copy made before any export have different secrets")
	}
	if a, b := secretOf(t, s), secretOf(t, openTemp(t)); bytes.Equal(a, b) {
		t.Error("two stores have the same secret")
	}
}

// TestAStoreMadeWithoutASecretWorksTheSameOneOutInEveryCopy: a store made
// before stores were made with a secret, copied before its first export,
// works out the same secret as the copy (from the oldest record made in
// it; a record copied from elsewhere, older than any, does not count),
// and keeps it when a record with an earlier id is saved later.
// Two such stores work out different secrets.
func TestAStoreMadeWithoutASecretWorksTheSameOneOutInEveryCopy(t *testing.T) {
	old := func(t *testing.T) *Store {
		s := openTemp(t)
		if err := s.update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Delete(keySource) }); err != nil {
			t.Fatal(err)
		}
		return s
	}
	s := old(t)
	if secret, err := s.SourceSecret(); err != nil || secret != nil {
		t.Fatalf("a store with no secret and no record: %x, %v; want nothing", secret, err)
	}
	early := assessed(t, localPatient) // made first, saved last
	var err error
	if early.ID, err = record.NewID(); err != nil {
		t.Fatal(err)
	}
	copied := assessed(t, localPatient)
	copied.ID = early.ID
	copied.ID[15] ^= 1
	for i := range 5 { // an earlier time: older than any made here
		copied.ID[i] = 0
	}
	save(t, s, assessed(t, nhsPatient))
	c := copyStore(t, s)
	if err := s.SaveCopy(&copied, "https://fhir.example.nhs.uk/Questionnaire"); err != nil {
		t.Fatal(err)
	}
	a := secretOf(t, s)
	if b := secretOf(t, c); !bytes.Equal(a, b) {
		t.Error("a store made without a secret and its copy made before any export work out different secrets")
	}
	save(t, s, early)
	if b := secretOf(t, s); !bytes.Equal(a, b) {
		t.Error("the secret changed when a record with an earlier id was saved after it was kept")
	}
	other := old(t)
	save(t, other, assessed(t, nhsPatient))
	if b := secretOf(t, other); bytes.Equal(a, b) {
		t.Error("two stores made without a secret work out the same one")
	}
}
