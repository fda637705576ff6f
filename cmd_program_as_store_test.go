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

	"digicheck/store"
)

// Given as --db, the digicheck program itself was called a damaged
// digicheck store by every command: the program holds the words a store
// keeps to say it is one, which a file bbolt cannot open is searched for.
// due, history, check and the rest asked for a restore from a backup and
// left a .damaged note beside the program. Every command refuses it as
// what it is, a program and not a store, and writes nothing to it or
// beside it; this test's own program (which holds those words too) is
// the file given, and a made-up program of each other kind.
func TestAProgramGivenAsTheStoreIsRefusedAsNoStoreByEveryCommand(t *testing.T) {
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
	for name, head := range map[string][]byte{
		"digicheck.exe": []byte("MZ\x90\x00"), "digicheck-mac": {0xcf, 0xfa, 0xed, 0xfe}, "run.sh": []byte("#!/bin/sh\n"),
	} {
		files[name] = append(append(head, make([]byte, 8192)...), []byte("\x03\x00\x00\x00\x09\x00\x00\x00appdigicheck")...)
	}
	commands := [][]string{
		{"due"},
		{"history", "943 476 5919"},
		{"check"},
		{"summary", "--exact", "--from", "2026-01-01", "--to", "2026-01-31"},
		{"export", "--format", "ndjson", "--identifiable"},
		{"show", "019b3c45"},
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
		for _, args := range commands {
			_, errOut, err := runCLI(t, map[string]string{"DIGICHECK_DB": path}, "", args...)
			var se *store.Error
			switch {
			case err == nil:
				t.Errorf("%s with %s as the store: no error", args[0], name)
			case errors.As(err, &se) && se.Kind == store.ErrDamaged, strings.Contains(err.Error(), "damaged"):
				t.Errorf("%s calls %s a damaged store: %v", args[0], name, err)
			case !errors.Is(err, store.ErrNotStore) || !strings.Contains(err.Error(), "is a program"):
				t.Errorf("%s with %s as the store: %v; want it refused as a program, not a digicheck store", args[0], name, err)
			}
			if strings.Contains(errOut, "damaged") {
				t.Errorf("%s with %s as the store says on standard error it is damaged:\n%s", args[0], name, errOut)
			}
			if _, err := os.Lstat(store.DamageNote(path)); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("%s with %s as the store left %s beside it (%v)", args[0], name, filepath.Base(store.DamageNote(path)), err)
			}
		}
		if ents, _ := os.ReadDir(dir); len(ents) != 1 {
			t.Errorf("%s: %d files in its folder, want it alone", name, len(ents))
		}
		got, _ := os.ReadFile(path)
		fi, _ := os.Stat(path)
		if !bytes.Equal(got, content) || fi == nil || !fi.ModTime().Equal(old) {
			t.Errorf("%s was changed", name)
		}
	}
}
