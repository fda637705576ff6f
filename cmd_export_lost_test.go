package main

import (
	binenc "encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/report"
)

// zeroRecordsLeaf zeroes the i'th child of the records bucket's root page,
// a leaf, as a failing disk or a torn copy loses a page, and returns the
// ids of the records the store held before.
func zeroRecordsLeaf(t *testing.T, path string, i int) {
	t.Helper()
	f, root, size := openRecordsRoot(t, path)
	// bbolt's page layout: a 16-byte header (flags at byte 8, count at
	// 10), then 16-byte branch elements ending in the child's page id.
	page := make([]byte, size)
	if _, err := f.ReadAt(page, root*size); err != nil {
		t.Fatal(err)
	}
	if page[8]&0x01 == 0 || int(binenc.LittleEndian.Uint16(page[10:])) <= i+1 {
		t.Fatalf("the records' root page %d is not a branch of more than %d children", root, i+1)
	}
	child := int64(binenc.LittleEndian.Uint64(page[16+16*i+8 : 16+16*i+16]))
	if _, err := f.WriteAt(make([]byte, size), child*size); err != nil {
		t.Fatal(err)
	}
}

// Issue 15 (damaged-store retest, item 1): an NDJSON export to standard
// output stopped at a page of records that could not be read, having
// written every record before it: a pipe took the cut-off stream as whole.
// The lost page is found before the first byte is written, so the stream
// is whole: a line for every record, in id order, those the page held as
// unreadable in their place, every line carrying the damaged_store mark;
// and the export fails, saying so on standard error.
func TestAnNDJSONExportToStandardOutputIsWholeWhenAPageOfRecordsIsLost(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 40)
	zeroRecordsLeaf(t, path, 2)
	out, stderr, err := runStoreCmd(t, path, (*app).exportCmd, "--format", "ndjson", "--identifiable")
	if err == nil || !strings.Contains(err.Error(), "could not be read, written as unreadable") {
		t.Errorf("export of a store with a lost page = %v; want it to fail, naming what it left out\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "records lost: from ") {
		t.Errorf("standard error does not say which records were lost:\n%s", stderr)
	}
	var ids []string
	lost := 0
	for n, l := range exportLines(out) {
		var v struct {
			ID      string `json:"id"`
			Status  string `json:"status"`
			Damaged string `json:"damaged_store"`
		}
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatalf("line %d is not JSON (%v): %.80s", n+1, err, l)
		}
		if v.Damaged == "" {
			t.Errorf("line %d (%s) carries no %s mark", n+1, v.ID, report.DamagedColumn)
		}
		if v.Status == report.StatusUnreadable {
			lost++
		}
		ids = append(ids, v.ID)
	}
	var want []string
	for _, r := range rs {
		want = append(want, r.ID.String())
	}
	slices.Sort(want)
	if !slices.Equal(ids, want) {
		t.Errorf("the export has %d lines; want one for each of the %d records, in id order", len(ids), len(want))
	}
	if lost == 0 || lost == len(rs) {
		t.Errorf("%d of %d lines are unreadable; want those of the lost page alone", lost, len(rs))
	}
}

// Issue 15 (damaged-store retest, item 2): a record whose facts are sealed
// in a block, its own bytes changed (its checksum left as it was), was
// written by CSV in full from the block, which passes its own checksum,
// with exit 0, while NDJSON gave it an unreadable line and failed. Both
// now leave it out the same way: an unreadable row or line, named on
// standard error, and the export fails.
func TestCSVLeavesOutASealedRecordThatFailsItsChecksumAsNDJSONDoes(t *testing.T) {
	testkit.Bulk(t) // 4,200 records; TestBothExportsLeaveOutASealedRecordWhoseKeyIsDamaged reads such a store under -race
	// More records than a block of facts holds (4096), so the first
	// record's facts are sealed in one.
	path := synthetic4200(t, 3)
	var id string
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	err = db.View(func(tx *bolt.Tx) error {
		k, _ := tx.Bucket([]byte("records")).Cursor().First()
		id = string(k)
		if tx.Bucket([]byte("factBlocks")) == nil {
			return errors.New("no block of facts")
		}
		return nil
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	forgeBytes(t, path, id, `"synthetic"`, `"synthetiC"`)
	for _, format := range []string{"csv", "ndjson"} {
		named, fails := oneUnreadable(format)
		out, stderr, err := runStoreCmd(t, path, (*app).exportCmd, "--format", format, "--identifiable")
		if err == nil || err.Error() != fails || !strings.Contains(stderr, named+id) {
			t.Errorf("%s export of a sealed record that fails its checksum = %v; want %q, the record named\n%s", format, err, fails, stderr)
		}
		var line string
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(l, id+",") || strings.HasPrefix(l, `{"id":"`+id+`"`) {
				line = l
				break
			}
		}
		if format == "csv" && !strings.Contains(line, ","+report.StatusUnreadable+",") ||
			format == "ndjson" && !strings.Contains(line, `"status":"`+report.StatusUnreadable+`"`) {
			t.Errorf("%s export writes the record that fails its checksum as %.120q; want it unreadable", format, line)
		}
	}
}

// Issue 15 (damaged-store retest, item 3): the facts a digicheck from
// before schema 5 sealed into blocks carry no checksum, and summary and
// export read them with no word of it. Summary and export now say so,
// once, with how many records' facts it is; a store sealed with checksums
// says nothing. The blocks are rewritten as such a digicheck wrote them
// (format 1: the same layout without the CRC-32C), as a store made with
// digicheck built from e1ca1dc^ holds them.
func TestASummaryOfFactsSealedWithoutAChecksumSaysSoOnce(t *testing.T) {
	testkit.Bulk(t) // 4,200 records; TestBothExportsLeaveOutASealedRecordWhoseKeyIsDamaged reads such a store under -race
	path := synthetic4200(t, 5)
	const note = "was sealed by a digicheck from before it carried a checksum"
	_, stderr, err := runStoreCmd(t, path, (*app).summaryCmd)
	if err != nil || strings.Contains(stderr, note) {
		t.Fatalf("summary of a store sealed with checksums = %v, saying:\n%s", err, stderr)
	}
	testkit.Tamper(t, path, func(tx *bolt.Tx) error {
		bb := tx.Bucket([]byte("factBlocks"))
		if bb == nil {
			return errors.New("no block of facts")
		}
		return bb.ForEachBucket(func(k []byte) error {
			sub := bb.Bucket(k)
			v := sub.Get([]byte("b"))
			if len(v) < 9 || v[0] != 2 {
				return fmt.Errorf("block %x is not of format 2", k)
			}
			return sub.Put([]byte("b"), append([]byte{1}, v[1:len(v)-4]...))
		})
	})
	for _, c := range []struct {
		mk   func(*app) *cobra.Command
		args []string
	}{
		{(*app).summaryCmd, nil},
		{(*app).exportCmd, []string{"--format", "csv", "--identifiable"}},
	} {
		_, stderr, err = runStoreCmd(t, path, c.mk, c.args...)
		if err != nil || strings.Count(strings.Join(strings.Fields(stderr), " "), note) != 1 || !strings.Contains(stderr, "QI copy of 4096 records") {
			t.Errorf("%s of a store sealed without checksums = %v; want it said once, with the 4096 records:\n%s", c.mk(&app{}).Name(), err, stderr)
		}
		for _, l := range strings.Split(stderr, "\n") {
			// A word longer than 80 columns (the test's long store
			// path) cannot be whole at 80 on any line.
			if len(l) > 80 && len(strings.Fields(l)) > 1 && (strings.HasPrefix(l, "note: ") || strings.HasPrefix(l, "  ")) {
				t.Errorf("a line of %d columns: %s", len(l), l)
			}
		}
	}
}
