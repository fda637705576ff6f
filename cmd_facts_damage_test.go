package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/store/packed"
)

// Issue 15 (damaged-store retest, item 1): one bit flipped in a record's
// stored QI copy (its facts), here marking a real patient synthetic, the
// record's checksum left as it was. Summary and CSV export counted the
// flipped copy with exit 0 (or refused the store as mixing synthetic and
// real records, with no word of damage). They must leave the record out,
// name it and the checksum, and fail with check's advice.
func TestAFlippedQIRowIsNeverCountedSilently(t *testing.T) {
	path, rs := storeWith(t, 3)
	id := rs[1].ID.String()
	testkit.Tamper(t, path, func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("records"))
		v := bytes.Clone(b.Get([]byte(id)))
		f, _, ok := packed.Facts(v)
		if !ok {
			return fmt.Errorf("record %s carries no facts", id)
		}
		v[bytes.Index(v, f)+2] ^= 1 // the synthetic flag
		return b.Put([]byte(id), v)
	})
	const fails = "1 records could not be read and were left out: run digicheck check"
	for _, c := range []struct {
		name string
		mk   func(*app) *cobra.Command
		args []string
	}{
		{"summary", (*app).summaryCmd, []string{"--exact"}},
		{"summary csv", (*app).summaryCmd, []string{"--exact", "--format", "csv"}},
		{"csv export", (*app).exportCmd, []string{"--format", "csv", "--identifiable", "-o", filepath.Join(t.TempDir(), "x.csv")}},
	} {
		_, stderr, err := runStoreCmd(t, path, c.mk, c.args...)
		if err == nil || err.Error() != fails || !strings.Contains(stderr, "left out: record "+id) || !strings.Contains(stderr, "checksum") {
			t.Errorf("%s with a flipped QI row: %v\n%s\nwant %q, the record named with its checksum", c.name, err, stderr, fails)
		}
	}
}
