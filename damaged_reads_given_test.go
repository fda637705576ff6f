package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/store"
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

	// The damaged store given as summary's FILE, a sound one by --db:
	// every check suggested names the damaged one, never the sound one.
	sound := filepath.Join(t.TempDir(), "sound.db")
	st, err := store.Open(sound, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_ = st
	errs := runWhole(t, "--db", sound, "summary", "--exact", "--from", "2020-01-01", "--to", "2026-12-31", "--format", "csv", path)
	flat := strings.Join(strings.Fields(strings.ReplaceAll(errs, " \\\n", " ")), " ")
	if !strings.Contains(flat, "digicheck check") {
		t.Fatalf("summary of a damaged store given as FILE suggests no check:\n%s", errs)
	}
	if strings.Contains(flat, "check --db "+sound) || strings.Contains(flat, "check --db '"+sound) {
		t.Errorf("summary of a damaged store given as FILE tells to check the sound store given by --db:\n%s", errs)
	}
	if bare := bareSuggested(errs, given); len(bare) > 0 {
		t.Errorf("summary of a damaged store given as FILE suggests a check without it: %q\n%s", bare, errs)
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
