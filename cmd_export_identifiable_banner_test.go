package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An identifiable export refused before anything is written says only why:
// the IDENTIFIABLE banner, printed first, told the user a file of
// identifiable patient data had been made when nothing had.
func TestAnIdentifiableExportRefusedSaysNothingOfIdentifiableData(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	foreign := filepath.Join(dir, "notes.db")
	if err := os.WriteFile(foreign, []byte(strings.Repeat("ward notes\n", 2000)), 0o600); err != nil {
		t.Fatal(err)
	}
	sound, _ := storeWith(t, 2)
	taken := filepath.Join(dir, "taken.csv")
	if err := os.WriteFile(taken, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct{ db, out string }{
		"an empty file":           {empty, filepath.Join(dir, "a.csv")},
		"a file that is no store": {foreign, filepath.Join(dir, "b.csv")},
		"an output that is there": {sound, taken},
	} {
		_, stderr, err := runStoreCmd(t, c.db, (*app).exportCmd, "--identifiable", "--format", "csv", "-o", c.out)
		if err == nil {
			t.Errorf("%s: export succeeded; want it refused", name)
			continue
		}
		if strings.Contains(stderr, "IDENTIFIABLE") {
			t.Errorf("%s: refused (%v), but said first:\n%s", name, err, stderr)
		}
	}
	// Written, it is still said.
	_, stderr, err := runStoreCmd(t, sound, (*app).exportCmd, "--identifiable", "--format", "csv", "-o", filepath.Join(dir, "c.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr, "IDENTIFIABLE: this export holds NHS numbers") {
		t.Errorf("an identifiable export written does not say it holds identifiable data:\n%s", stderr)
	}
}
