package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
)

// One bit flipped in the value of a link of the QI copy (factLinks: an
// amendment's or a void's id -> the version it replaces) made summary, by
// default and --exact, count the replaced version beside its amendment
// (or an assessment entered in error again), exit 0, nothing said, while
// check said summary refuses the store. Every bit of one link's value,
// flipped on its own, now makes both refuse, saying the store is damaged
// and printing no report, in a store of this build (whose links have a
// check each) and in one of an earlier build (whose links have none, and
// are read against the facts); the sound store is summarised as before.
func TestEveryBitOfALinksValueFlippedMakesSummaryRefuse(t *testing.T) {
	t.Parallel()
	t.Run("this build's store", func(t *testing.T) {
		t.Parallel()
		path := filepath.Join(t.TempDir(), "digicheck.db")
		if _, stderr, err := runStoreCmd(t, path, (*app).syntheticCmd, "--count", "60", "--seed", "3"); err != nil {
			t.Fatalf("synthetic: %v\n%s", err, stderr)
		}
		everyBitOfALinksValue(t, path)
	})
	t.Run("an earlier build's store", func(t *testing.T) {
		t.Parallel()
		b, err := os.ReadFile(filepath.Join("testdata", "compat", "synthetic-v1.db"))
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "digicheck.db")
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		everyBitOfALinksValue(t, path)
	})
}

// everyBitOfALinksValue flips each bit of the value of the first link of
// the store at path on its own and summarises it.
func everyBitOfALinksValue(t *testing.T, path string) {
	t.Helper()
	var key, value []byte
	testkit.Tamper(t, path, func(tx *bolt.Tx) error {
		lb := tx.Bucket([]byte("factLinks"))
		if lb == nil {
			return errors.New("no links")
		}
		k, v := lb.Cursor().First()
		if k == nil {
			return errors.New("no link: the synthetic store has no amendment or void")
		}
		key, value = bytes.Clone(k), bytes.Clone(v)
		return nil
	})
	put := func(v []byte) {
		testkit.Tamper(t, path, func(tx *bolt.Tx) error { return tx.Bucket([]byte("factLinks")).Put(key, v) })
		_ = os.Remove(path + ".damaged") // each summary finds the damage itself
	}
	for _, args := range [][]string{nil, {"--exact"}} {
		if out, stderr, err := runStoreCmd(t, path, (*app).summaryCmd, args...); err != nil || !strings.Contains(out, "ssessed") {
			t.Fatalf("summary %q of the sound store: %v\n%s%s", args, err, out, stderr)
		}
	}
	for bit := range 8 * len(value) {
		flipped := bytes.Clone(value)
		flipped[bit/8] ^= 1 << (bit % 8)
		put(flipped)
		for _, args := range [][]string{nil, {"--exact"}} {
			out, stderr, err := runStoreCmd(t, path, (*app).summaryCmd, args...)
			said := strings.Join(strings.Fields(stderr+errText(err)), " ")
			if err == nil || !strings.Contains(said, "damaged") || !strings.Contains(said, "link between versions") {
				t.Errorf("bit %d of the link's value flipped: summary %q = %v; want it refused, naming a damaged link between versions\n%s", bit, args, err, stderr)
			}
			if strings.TrimSpace(out) != "" {
				t.Errorf("bit %d of the link's value flipped: summary %q printed a report:\n%s", bit, args, out)
			}
		}
	}
	put(value)
	if out, stderr, err := runStoreCmd(t, path, (*app).summaryCmd, "--exact"); err != nil || !strings.Contains(out, "ssessed") {
		t.Fatalf("summary of the store mended: %v\n%s%s", err, out, stderr)
	}
}
