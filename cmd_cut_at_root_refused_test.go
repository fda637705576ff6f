package main

import (
	"bytes"
	binenc "encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cutAtRoot cuts the store file at path short at the page its newest
// meta page names as the root, as a copy that stopped, or a full disk,
// cuts the end of a file.
func cutAtRoot(t *testing.T, path string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	le := binenc.LittleEndian
	size := int64(le.Uint32(raw[24:]))
	root, txid := le.Uint64(raw[32:]), le.Uint64(raw[64:])
	if le.Uint64(raw[size+64:]) > txid {
		root = le.Uint64(raw[size+32:])
	}
	if err := os.Truncate(path, int64(root)*size); err != nil {
		t.Fatal(err)
	}
}

// A store file cut short at its newest root is never read as a smaller
// store: summary, export and backup refuse it (exit status 1), count
// nothing, write nothing, and leave the file as it is; check names what
// is left.
func TestAFileCutShortAtItsRootIsNeverCountedCopiedOrExported(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 30)
	cutAtRoot(t, path)
	before := fileBytes(t, path)
	dir := t.TempDir()
	export, copyTo := filepath.Join(dir, "e.csv"), filepath.Join(dir, "b.db")
	for name, run := range map[string]func() (string, string, error){
		"summary": func() (string, string, error) {
			return runStoreCmd(t, path, (*app).summaryCmd, "--exact", "--format", "csv")
		},
		"export": func() (string, string, error) {
			return runStoreCmd(t, path, (*app).exportCmd, "--identifiable", "--format", "csv", "-o", export)
		},
		"backup": func() (string, string, error) { return runStoreCmd(t, path, (*app).backupCmd, copyTo) },
	} {
		out, errs, err := run()
		if err == nil {
			t.Errorf("%s of a file cut short at its root succeeded:\n%s%s", name, out, errs)
		} else if !strings.Contains(err.Error(), "cut short") {
			t.Errorf("%s refuses without saying the file was cut short: %v", name, err)
		}
		if strings.Contains(out, "assessed") {
			t.Errorf("%s counted a part of the store:\n%s", name, out)
		}
	}
	for _, p := range []string{export, copyTo} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s was written from a file cut short", p)
		}
	}
	if fileBytes(t, path) != before {
		t.Error("the file cut short was changed")
	}
	out, _, err := runStoreCmd(t, path, (*app).checkCmd)
	if err == nil || !bytes.Contains([]byte(out), []byte("can still be read from the pages left")) {
		t.Errorf("check of the file cut short = %v, and does not name what can still be read:\n%s", err, out)
	}
}
