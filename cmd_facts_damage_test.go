package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"path/filepath"
	"slices"
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
	t.Parallel()
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
	for _, c := range []struct {
		name   string
		mk     func(*app) *cobra.Command
		args   []string
		export string // the export's format, "" for a summary
	}{
		{"summary", (*app).summaryCmd, []string{"--exact", "--from", "2000-01-01"}, ""},
		{"summary csv", (*app).summaryCmd, []string{"--exact", "--from", "2000-01-01", "--format", "csv"}, ""},
		{"csv export", (*app).exportCmd, []string{"--format", "csv", "--identifiable", "-o", filepath.Join(t.TempDir(), "x.csv")}, "csv"},
	} {
		named, fails := oneUnreadable(c.export)
		_, stderr, err := runStoreCmd(t, path, c.mk, c.args...)
		if err == nil || err.Error() != fails || !strings.Contains(stderr, named+id) || !strings.Contains(stderr, "checksum") {
			t.Errorf("%s with a flipped QI row: %v\n%s\nwant %q, the record named with its checksum", c.name, err, stderr, fails)
		}
	}
}

// Issue 15 (damaged-store retest, item 2): a record whose bytes do not
// match its checksum, its QI copy intact, was written by NDJSON as
// unreadable but by CSV in full, exit 0, and counted by summary. One rule
// for every format: CSV writes an unreadable row in its place and fails,
// as NDJSON does, and summary leaves it out and fails.
func TestCSVAndSummaryLeaveOutARecordThatFailsItsChecksumAsNDJSONDoes(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 3)
	id := rs[1].ID.String()
	forgeBytes(t, path, id, `"R Patel"`, `"R Pate1"`)
	_, fails := oneUnreadable("")
	named, csvFails := oneUnreadable("csv")
	out, stderr, err := runStoreCmd(t, path, (*app).exportCmd, "--format", "csv", "--identifiable")
	if err == nil || err.Error() != csvFails || !strings.Contains(stderr, named+id) {
		t.Errorf("csv export of a record that fails its checksum: %v\n%s", err, stderr)
	}
	rows, rerr := csv.NewReader(strings.NewReader(out)).ReadAll()
	rows = withoutEndRow(rows)
	if rerr != nil || len(rows) != 4 {
		t.Fatalf("csv export: %d rows (%v), want a header and 3\n%s", len(rows), rerr, out)
	}
	status := slices.Index(rows[0], "status")
	for _, row := range rows[1:] {
		if slices.Contains(row, id) && row[status] != "unreadable" {
			t.Errorf("csv writes the record that fails its checksum as %q, want unreadable: %v", row[status], row)
		}
	}
	_, stderr, err = runStoreCmd(t, path, (*app).summaryCmd, "--from", "2000-01-01", "--exact")
	if err == nil || err.Error() != fails || !strings.Contains(stderr, "left out: record "+id) {
		t.Errorf("summary of a record that fails its checksum: %v\n%s", err, stderr)
	}
}
