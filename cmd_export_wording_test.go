package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
)

// shortStore makes a store of n assessments under a short path, so that
// what commands say of it can be whole at 80 columns.
func shortStore(t *testing.T, n int) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "dc")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	path, _ := storeWith(t, n)
	short := filepath.Join(dir, "digicheck.db")
	if err := os.Rename(path, short); err != nil {
		t.Fatal(err)
	}
	return short
}

// What an export says on standard error of a damaged store is read at a
// terminal of 80 columns: every line is whole there (no word cut by the
// terminal's own wrap), the store's path among them.
func TestWhatAnExportOfADamagedStoreSaysIsWholeAt80Columns(t *testing.T) {
	t.Parallel()
	path := shortStore(t, 40)
	zeroRecordsLeaf(t, path, 2)
	// The first read to meet the lost page leaves the store's damage
	// note, which those after it warn of.
	if _, _, err := runStoreCmd(t, path, (*app).exportCmd, "--format", "ndjson", "--identifiable"); err == nil {
		t.Fatal("an export of a store with a lost page did not fail")
	}
	for _, format := range []string{"ndjson", "csv", "fhir"} {
		_, stderr, _ := runStoreCmd(t, path, (*app).exportCmd, "--format", format, "--identifiable")
		for _, l := range strings.Split(stderr, "\n") {
			if len(l) > 80 {
				t.Errorf("%s export: a line of %d columns: %s", format, len(l), l)
			}
		}
		if !strings.Contains(stderr, "found damaged") || !slicesHas(strings.Fields(stderr), path) {
			t.Errorf("%s export: the found-damaged warning does not name %s whole:\n%s", format, path, stderr)
		}
		if !strings.Contains(stderr, "Exported ") || !slicesHas(strings.Fields(stderr), path+".") {
			t.Errorf("%s export: the Exported line does not name %s whole:\n%s", format, path, stderr)
		}
	}
}

func slicesHas(words []string, w string) bool {
	for _, x := range words {
		if x == w {
			return true
		}
	}
	return false
}

// The damaged_store mark said "found damaged by digicheck check" whenever
// the store's damage note was there, though an export's or summary's own
// reads leave that note too: a second export of a store whose lost page
// the first found said check had found it, when no check had run.
func TestTheDamagedMarkDoesNotSayCheckFoundWhatAReadFound(t *testing.T) {
	t.Parallel()
	path := shortStore(t, 40)
	zeroRecordsLeaf(t, path, 2)
	for i := range 2 {
		out, _, _ := runStoreCmd(t, path, (*app).exportCmd, "--format", "ndjson", "--identifiable")
		line, _, _ := strings.Cut(out, "\n")
		var v struct {
			Mark string `json:"damaged_store"`
		}
		if err := json.Unmarshal([]byte(line), &v); err != nil || v.Mark == "" {
			t.Fatalf("export %d: its first line carries no damaged_store mark (%v): %.200s", i+1, err, line)
		}
		if strings.Contains(v.Mark, "check") {
			t.Errorf("export %d, no check run: its mark says check found the damage: %s", i+1, v.Mark)
		}
	}
}

// The note that QI copies were sealed without a checksum is for what
// reads them (summary, CSV, FHIR, a period's selection): an NDJSON export
// of every record reads the records alone, and said it too.
func TestAnNDJSONExportSaysNothingOfBlocksItDoesNotRead(t *testing.T) {
	testkit.Bulk(t) // 4,200 records; TestBothExportsLeaveOutASealedRecordWhoseKeyIsDamaged reads such a store under -race
	path := synthetic4200(t, 5)
	sealUnsummed(t, path)
	const note = "sealed by a digicheck from before it carried a checksum"
	for _, c := range []struct {
		args []string
		says bool
	}{
		{[]string{"--format", "ndjson", "--identifiable"}, false},
		{[]string{"--format", "ndjson", "--identifiable", "--from", "2026-01-01"}, true},
		{[]string{"--format", "csv", "--identifiable"}, true},
		{[]string{"--format", "fhir", "--identifiable"}, true},
	} {
		_, stderr, _ := runStoreCmd(t, path, (*app).exportCmd, c.args...)
		if got := strings.Contains(strings.Join(strings.Fields(stderr), " "), note); got != c.says {
			t.Errorf("export %v says the blocks were sealed without a checksum: %v; want %v\n%s", c.args, got, c.says, stderr)
		}
	}
}

// sealUnsummed rewrites the store's blocks of facts as a digicheck from
// before schema 5 sealed them: format 1, no checksum.
func sealUnsummed(t *testing.T, path string) {
	t.Helper()
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
}
