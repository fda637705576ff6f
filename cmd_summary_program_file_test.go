package main

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/site"
	"digicheck/store"
)

// summary FILE where FILE was the digicheck program itself called it a
// damaged digicheck store and left a .damaged note beside it: the program
// holds the words a store keeps to say it is one. A program is refused as
// what it is, a file that is not a digicheck store, and nothing is
// written to it or beside it; this test's own program (which holds those
// words too) is the file given, and a made-up program of each kind.
func TestASummaryOfAProgramFileRefusesItAsNoStoreAndWritesNothing(t *testing.T) {
	t.Parallel()
	self, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	b, err := os.ReadFile(self)
	if err != nil {
		t.Skip(err)
	}
	if !bytes.Contains(b, []byte("appdigicheck")) {
		t.Fatalf("%s does not hold the words a store keeps to say it is one: this test tests nothing", self)
	}
	files := map[string][]byte{"digicheck": b}
	// Each kind of program, its start and then those words, as a
	// program that uses the store's code holds them.
	for name, head := range map[string][]byte{
		"digicheck.exe": []byte("MZ\x90\x00"), "digicheck-mac": {0xcf, 0xfa, 0xed, 0xfe}, "digicheck-mac-universal": {0xca, 0xfe, 0xba, 0xbe},
		"run.sh": []byte("#!/bin/sh\n"),
	} {
		files[name] = append(append(head, make([]byte, 8192)...), []byte("\x03\x00\x00\x00\x09\x00\x00\x00appdigicheck")...)
	}
	for name, content := range files {
		dir := t.TempDir()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, content, 0o700); err != nil {
			t.Fatal(err)
		}
		old := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
		if err := os.Chtimes(path, old, old); err != nil {
			t.Fatal(err)
		}
		_, errOut, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, path)
		var se *store.Error
		switch {
		case err == nil:
			t.Errorf("summary of %s: no error", name)
			continue
		case errors.As(err, &se) && se.Kind == store.ErrDamaged, strings.Contains(err.Error(), "damaged"):
			t.Errorf("summary of %s calls it a damaged store: %v", name, err)
		case !strings.Contains(err.Error(), "is a program") || !strings.Contains(err.Error(), "not a digicheck store"):
			t.Errorf("summary of %s: %v; want it refused as a program, not a digicheck store", name, err)
		}
		if strings.Contains(errOut, "damaged") {
			t.Errorf("summary of %s says on standard error it is damaged:\n%s", name, errOut)
		}
		if _, err := os.Lstat(store.DamageNote(path)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("summary of %s left %s beside it (%v)", name, filepath.Base(store.DamageNote(path)), err)
		}
		if ents, _ := os.ReadDir(dir); len(ents) != 1 {
			t.Errorf("summary of %s: %d files in its folder, want it alone", name, len(ents))
		}
		got, _ := os.ReadFile(path)
		fi, _ := os.Stat(path)
		if !bytes.Equal(got, content) || fi == nil || !fi.ModTime().Equal(old) {
			t.Errorf("summary of %s changed it", name)
		}
	}
}
