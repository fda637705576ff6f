package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/store"
)

func TestBackupCommandWritesACheckedCopy(t *testing.T) {
	path, rs := storeWith(t, 3)
	dest := filepath.Join(t.TempDir(), "ward7.db")
	out, _, err := runStoreCmd(t, path, (*app).backupCmd, dest)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, dest) || !strings.Contains(out, "Records: 3;") || !strings.Contains(out, "passed its check") {
		t.Errorf("output does not say where, how much and that it was checked:\n%s", out)
	}
	copied, err := store.Open(dest, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if _, err := copied.Get(r.ID); err != nil {
			t.Errorf("record %s missing from the backup: %v", r.ID, err)
		}
	}
}

func TestBackupCommandReplacesOnlyWhenAsked(t *testing.T) {
	path, _ := storeWith(t, 1)
	dest := filepath.Join(t.TempDir(), "b.db")
	if err := os.WriteFile(dest, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runStoreCmd(t, path, (*app).backupCmd, dest); !errors.Is(err, store.ErrBackupExists) {
		t.Errorf("backup over an existing file = %v, want ErrBackupExists", err)
	}
	if b, _ := os.ReadFile(dest); string(b) != "keep me" {
		t.Errorf("the existing file was changed")
	}
	if _, _, err := runStoreCmd(t, path, (*app).backupCmd, dest, "--replace"); err != nil {
		t.Errorf("backup --replace: %v", err)
	}
	if _, _, err := runStoreCmd(t, path, (*app).backupCmd, path, "--replace"); err == nil {
		t.Errorf("backup over the store itself succeeded")
	}
}
