package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// bytesRead is what this process has read with read and pread so far
// (/proc/self/io's rchar): every byte of the store file an export reads
// is counted there, whichever goroutine reads it.
func bytesRead(t *testing.T) int64 {
	t.Helper()
	b, err := os.ReadFile("/proc/self/io")
	if err != nil {
		t.Skipf("no /proc/self/io: %v", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "rchar: "); ok {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Skip("no rchar in /proc/self/io")
	return 0
}

// TestTheCSVExportReadsTheRecordsPagesOnce: before its first row, the
// CSV export skimmed every page of records for pages that cannot be read
// and then read them all again to check each record's checksum and its
// facts: the store file (1.9 GB at a million records) was read twice. The
// skim's findings now come from the check's own reads, so a sound store's
// pages of records are read once, and every check is still made.
func TestTheCSVExportReadsTheRecordsPagesOnce(t *testing.T) {
	db := synthetic4200(t, 3) // the store other tests read: made once a run
	fi, err := os.Stat(db)
	if err != nil {
		t.Fatal(err)
	}
	key := siteKey(t)
	out := filepath.Join(t.TempDir(), "export.csv")
	before := bytesRead(t)
	if _, stderr, err := runCLI(t, nil, "", "--db", db, "export", "--format", "csv", "--key-file", key, "-o", out); err != nil {
		t.Fatalf("export: %v\n%s", err, stderr)
	}
	read := bytesRead(t) - before
	// The pages of records are nearly all of the file; the blocks of
	// facts, the pages each transaction checks and the key are a little
	// more. Read twice, the records alone are nearly twice the file.
	if read > fi.Size()*13/10 {
		t.Errorf("the export read %d bytes of a store of %d (%.2f times its size); want its pages of records read once (under 1.3 times)", read, fi.Size(), float64(read)/float64(fi.Size()))
	}
	t.Logf("the export read %d bytes of a store of %d (%.2f times)", read, fi.Size(), float64(read)/float64(fi.Size()))
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if rows := bytes.Count(b, []byte("\r\n")); rows < 4200 {
		t.Errorf("the export holds %d lines; want a row for each of 4,200 records", rows)
	}
}
