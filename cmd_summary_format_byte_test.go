package main

import (
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/store/packed"
)

// flipFormatByte flips bit 0x04 of the first byte of the stored record
// id, as one bit of a failing disk would: a record stored with its facts
// (packed.FormatS2Facts, 0x05) then reads as one of the oldest format
// (packed.FormatDeflate, 0x01), which carries no facts and no checksum.
func flipFormatByte(t *testing.T, path, id string) {
	t.Helper()
	testkit.Tamper(t, path, func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("records"))
		v := append([]byte(nil), b.Get([]byte(id))...)
		if len(v) == 0 || v[0] != packed.FormatS2Facts {
			t.Fatalf("record %s is not stored with its facts (%q)", id, v[:min(len(v), 1)])
		}
		v[0] ^= 0x04
		return b.Put([]byte(id), v)
	})
}

// Damaged stores (H27), fault 2 of the last round: one bit flipped in a
// record's format byte (0x05 to 0x01) made summary count 3 of the 4
// records, say "3 records", and exit 0 with nothing on standard error:
// the record's facts, carried in its value, were no longer seen, and the
// record was passed over as one whose facts are kept elsewhere. A summary
// never leaves out a record silently: it is named as left out, and the
// summary fails as it does for any record it cannot read.
func TestSummaryNamesARecordWhoseFormatByteIsDamaged(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 4)
	flipFormatByte(t, path, rs[2].ID.String())
	const fails = "1 record could not be read and was left out: run digicheck check"
	for _, args := range [][]string{{"--exact", "--from", "2000-01-01"}, {"--exact", "--from", "2000-01-01", "--format", "csv"}} {
		_, stderr, err := runStoreCmd(t, path, (*app).summaryCmd, args...)
		if err == nil || err.Error() != fails {
			t.Errorf("summary %v of a store with a damaged format byte: %v; want %q\n%s", args, err, fails, stderr)
		}
		if !strings.Contains(stderr, "left out: record "+rs[2].ID.String()) {
			t.Errorf("summary %v does not name the record left out:\n%s", args, stderr)
		}
	}
}

// And check does not say such a record was saved before digicheck kept
// checksums: it cannot know that, and here it is false.
func TestCheckDoesNotDateARecordWhoseFormatByteIsDamaged(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 4)
	flipFormatByte(t, path, rs[2].ID.String())
	out, _, err := runStoreCmd(t, path, (*app).checkCmd)
	if err == nil || !strings.Contains(out, rs[2].ID.String()) {
		t.Errorf("check does not name the damaged record: %v\n%s", err, out)
	}
	if strings.Contains(out, "Without a checksum") || strings.Contains(out, "before digicheck kept checksums") {
		t.Errorf("check dates the damaged record to before checksums:\n%s", out)
	}
}
