package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
)

// One bit flipped in a key of the QI copy's links (factLinks): summary
// refused for good, sending the QI lead to check, and check said the
// store was sound and wrote no note. Check now finds it and writes the
// note, and summary says the store is damaged, printing no report.
func TestCheckFindsTheLinksSummaryRefusesOn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "digicheck.db")
	if _, stderr, err := runCLI(t, nil, "", "--db", path, "synthetic", "--count", "300", "--seed", "3"); err != nil {
		t.Fatalf("synthetic: %v\n%s", err, stderr)
	}
	testkit.Tamper(t, path, func(tx *bolt.Tx) error {
		lb := tx.Bucket([]byte("factLinks"))
		if lb == nil {
			return errors.New("no links")
		}
		k, v := lb.Cursor().First()
		if k == nil {
			return errors.New("no link: the synthetic store has no amendment")
		}
		nk, nv := append([]byte(nil), k...), append([]byte(nil), v...)
		nk[3] ^= 4
		if err := lb.Delete(k); err != nil {
			return err
		}
		return lb.Put(nk, nv)
	})
	out, stderr, err := runStoreCmd(t, path, (*app).checkCmd)
	if err == nil || !strings.Contains(out+stderr, "QI copy") {
		t.Errorf("check of a store whose links are damaged = %v; want the damage found\n%s%s", err, out, stderr)
	}
	if _, err := os.Stat(path + ".damaged"); err != nil {
		t.Errorf("check wrote no note of the damage: %v", err)
	}
	_ = os.Remove(path + ".damaged") // summary finds the damage itself
	out, stderr, err = runStoreCmd(t, path, (*app).summaryCmd)
	said := strings.Join(strings.Fields(stderr+errText(err)), " ")
	if err == nil || !strings.Contains(said, "damaged") || strings.Contains(said, "amended again and again") {
		t.Errorf("summary of a store whose links are damaged = %v; want it to say the store is damaged\n%s", err, stderr)
	}
	if strings.TrimSpace(out) != "" {
		t.Errorf("a refused summary printed a report on standard output:\n%s", out)
	}
}

// A link damaged so that it names another record the store holds reads
// as sound to FactLinks: check compares each link with the record it is
// of, and finds it.
func TestALinkNamingAnotherRecordIsFoundByCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "digicheck.db")
	if _, stderr, err := runCLI(t, nil, "", "--db", path, "synthetic", "--count", "300", "--seed", "3"); err != nil {
		t.Fatalf("synthetic: %v\n%s", err, stderr)
	}
	testkit.Tamper(t, path, func(tx *bolt.Tx) error {
		lb := tx.Bucket([]byte("factLinks"))
		k, _ := lb.Cursor().First()
		other, _ := tx.Bucket([]byte("records")).Cursor().First()
		id := uuid.MustParse(string(other))
		return lb.Put(k, id[:])
	})
	out, stderr, err := runStoreCmd(t, path, (*app).checkCmd)
	if err == nil || !strings.Contains(out+stderr, "link to the version it supersedes") {
		t.Errorf("check of a store whose link names another record = %v; want that link found\n%s%s", err, out, stderr)
	}
}
