package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadsOfADamagedStoreGiveItsCommandsWithTheStoreGiven: on a damaged
// store named by --db, export, summary and due said "run digicheck check"
// (in warnings and in the error they end with): copied as given, it
// checked the default store, and said it was sound. Every check they
// suggest names the store they read.
func TestReadsOfADamagedStoreGiveItsCommandsWithTheStoreGiven(t *testing.T) {
	path, given := damagedWardStore(t)
	key := siteKey(t)
	for _, args := range [][]string{
		{"export", "--format", "csv", "--key-file", key, "-o", filepath.Join(t.TempDir(), "x.csv")},
		{"export", "--format", "csv", "--key-file", key},
		{"summary", "--exact", "--from", "2020-01-01", "--to", "2026-12-31", "--format", "csv"},
		{"due"},
	} {
		errs := runWhole(t, append([]string{"--db", path}, args...)...)
		if !strings.Contains(errs, "digicheck check") {
			t.Errorf("%s of a damaged store suggests no check:\n%s", strings.Join(args, " "), errs)
			continue
		}
		if bare := bareSuggested(errs, given); len(bare) > 0 {
			t.Errorf("%s of a damaged store given by --db suggests without it: %q\n%s", strings.Join(args, " "), bare, errs)
		}
	}
}

// runWhole runs digicheck's command line as main does (its errors printed
// as a user sees them), in an isolated environment, and returns what it
// wrote to standard error.
func runWhole(t *testing.T, args ...string) string {
	t.Helper()
	for _, k := range []string{"DIGICHECK_DB", "DIGICHECK_CONFIG", "DIGICHECK_TEAM", "DIGICHECK_PROGRAMMES", "DIGICHECK_ACCESSIBLE"} {
		t.Setenv(k, "")
	}
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	var out, errb bytes.Buffer
	run(args, strings.NewReader(""), &out, &errb)
	return errb.String()
}
