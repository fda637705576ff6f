//go:build !windows

package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Damaged stores, item 4 of the last re-test: an export of a store file
// cut short, read from a copy padded to its full length, whose reader
// stopped early (digicheck export … | head -1), died of the closed pipe
// with the copy, a copy of patient data, left beside the store. The copy
// goes however the output ends; so with history and summary, which read
// such a file the same way.
func TestAClosedPipeLeavesNoPaddedCopyOfAStoreCutShort(t *testing.T) {
	t.Parallel()
	bin := binary(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "whole.db")
	if out, err := exec.Command(bin, "--db", db, "synthetic", "--count", "300", "--seed", "7").CombinedOutput(); err != nil {
		t.Fatalf("synthetic: %v\n%s", err, out)
	}
	p, _ := cutInLastPage(t, db)
	for _, args := range [][]string{
		{"export", "--format", "ndjson", "--identifiable"},
		{"export", "--format", "csv", "--identifiable"},
		{"export", "--format", "fhir", "--identifiable"},
	} {
		c := exec.Command(bin, append([]string{"--db", p}, args...)...)
		c.Env = append(os.Environ(), "DIGICHECK_CONFIG=", "HOME="+t.TempDir())
		var errb strings.Builder
		c.Stderr = &errb
		out, err := c.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		if _, err := io.ReadFull(out, make([]byte, 10)); err != nil {
			t.Fatalf("%v wrote nothing: %v\n%s", args, err, errb.String())
		}
		out.Close() // the reader stops, as head -1 does
		_ = c.Wait()
		if left, _ := filepath.Glob(filepath.Join(filepath.Dir(p), ".digicheck-*")); len(left) > 0 {
			t.Errorf("%v, its output closed early, left a copy of the store: %v\n%s", args, left, errb.String())
			for _, l := range left {
				os.Remove(l)
			}
		}
		if strings.Contains(errb.String(), ".digicheck-") {
			t.Errorf("%v names the padded copy:\n%s", args, errb.String())
		}
		if strings.Contains(errb.String(), "broken pipe") {
			// Nobody is reading: the person who closed it asked for
			// no more, as when the pipe ended digicheck.
			t.Errorf("%v says the closed pipe as a fault:\n%s", args, errb.String())
		}
	}
}

// summary /dev/stdin of an export piped in, as the built program sees
// it: standard input is a pipe, which a named FIFO is refused as; it is
// counted as the export given as a FILE.
func TestSummaryOfDevStdinCountsAnExportPipedIn(t *testing.T) {
	t.Parallel()
	bin := binary(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	if out, err := exec.Command(bin, "--db", db, "synthetic", "--count", "200", "--seed", "7").CombinedOutput(); err != nil {
		t.Fatalf("synthetic: %v\n%s", err, out)
	}
	env := append(os.Environ(), "DIGICHECK_CONFIG=", "HOME="+t.TempDir())
	file := filepath.Join(dir, "all.csv")
	c := exec.Command(bin, "--db", db, "export", "--format", "csv", "--identifiable", "-o", file)
	c.Env = env
	if out, err := c.CombinedOutput(); err != nil {
		t.Fatalf("export: %v\n%s", err, out)
	}
	c = exec.Command(bin, "summary", "--exact", "--from", "2000-01-01", "--format", "csv", file)
	c.Env = env
	want, err := c.Output()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c = exec.Command(bin, "summary", "--exact", "--from", "2000-01-01", "--format", "csv", "/dev/stdin")
	c.Env = env
	c.Stdin = io.MultiReader(f) // not an *os.File: the program reads a pipe
	var errb strings.Builder
	c.Stderr = &errb
	got, err := c.Output()
	if err != nil {
		t.Fatalf("summary /dev/stdin of an export piped in: %v\n%s", err, errb.String())
	}
	if string(got) != string(want) {
		t.Errorf("the export piped in is counted otherwise than the file:\n%s\nwant\n%s", got, want)
	}
}
