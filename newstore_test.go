package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A store moved or deleted was replaced, at the next start, by a new
// empty one with only "Started a new store: PATH": the nurse went on into
// a store without the patient's earlier assessments, drafts or reviews
// due. The start now says the store is new and empty and what to do if
// there should have been one there, before the first question; where
// files beside the path show a store was kept there (answers kept in a
// file when it could not save, a renamed copy), it says so, naming them.
func TestANewStoreMadeWhereOneWasKeptSaysSoBeforeTheFirstQuestion(t *testing.T) {
	dir := t.TempDir()
	fresh := filepath.Join(dir, "s.db")
	_, stderr, _ := runCLI(t, map[string]string{"DIGICHECK_DB": fresh}, "1\n9434765919\n")
	flat := strings.Join(strings.Fields(stderr), " ")
	if !strings.Contains(flat, "Started a new store: "+fresh) || !strings.Contains(flat, "this store is new and empty") ||
		!strings.Contains(flat, "Ask IT to find the store or restore it from a backup") {
		t.Errorf("a new store does not say it is empty and what to do if one should have been there:\n%s", stderr)
	}
	if strings.Contains(flat, "files beside it") {
		t.Errorf("a new store in a folder with no sign of one says there was one:\n%s", stderr)
	}

	// The store moved away, answers kept beside it when it vanished.
	dir = t.TempDir()
	gone := filepath.Join(dir, "s.db")
	kept := "digicheck-not-saved-01a24a99-0000-7000-8000-000000000000.txt"
	for _, n := range []string{kept, "s.db.moved"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	_, stderr, _ = runCLI(t, map[string]string{"DIGICHECK_DB": gone}, "1\n9434765919\n")
	flat = strings.Join(strings.Fields(stderr), " ")
	for _, want := range []string{"A new store was started at " + gone, "files beside it show one was kept there before", kept, "s.db.moved",
		"earlier assessments", "Ask IT to put the store back, or restore it from a backup"} {
		if !strings.Contains(flat, want) {
			t.Errorf("a new store made where files show one was kept does not say %q:\n%s", want, stderr)
		}
	}
}

// A folder of backups beside the store (digicheck backup backups/, the
// layout README's restore steps describe) was not taken as a sign a store
// was kept there: the nurse was asked whether digicheck had been used on
// this computer before, which one who did not set it up cannot answer. It
// is now a sign as a backup in the store's own folder is, named.
func TestABackupsFolderBesideANewStoreShowsOneWasKept(t *testing.T) {
	dir := t.TempDir()
	backup := filepath.Join("backups", "digicheck-20261206T104821Z.db")
	if err := os.Mkdir(filepath.Join(dir, "backups"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, backup), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	gone := filepath.Join(dir, "s.db")
	_, stderr, _ := runCLI(t, map[string]string{"DIGICHECK_DB": gone}, "1\n9434765919\n")
	flat := strings.Join(strings.Fields(stderr), " ")
	for _, want := range []string{"files beside it show one was kept there before", backup,
		"Ask IT to put the store back, or restore it from a backup"} {
		if !strings.Contains(flat, want) {
			t.Errorf("a new store with a folder of backups beside it does not say %q:\n%s", want, stderr)
		}
	}
}

// The warning was given at the first start only: the next start on the
// still-empty store, the signs of the old one still beside it, went
// straight to the first question, and a nurse who had missed it (or a
// colleague later) assessed into it. It is now given at every start while
// the store holds nothing (no assessment, no draft); once something is
// saved in it, someone has gone on with it, and it is not given again.
func TestTheNewStoreWarningIsGivenAgainWhileTheStoreHoldsNothing(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "s.db.moved"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "s.db")
	env := map[string]string{"DIGICHECK_DB": path}
	runCLI(t, env, "1\n9434765919\n")
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the first start made no store: %v", err)
	}
	_, stderr, _ := runCLI(t, env, "1\n9434765919\n")
	flat := strings.Join(strings.Fields(stderr), " ")
	for _, want := range []string{"Stop: this store is still new and empty", "The store at " + path + " was made where there was no store",
		"files beside it show one was kept there before (s.db.moved)",
		"Ask IT to put the store back, or restore it from a backup"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the second start on the still-empty store does not say %q:\n%s", want, stderr)
		}
	}

	// A backup of the empty store itself, made since, is no sign of an
	// earlier one: with only that beside it, nothing is said.
	clean := t.TempDir()
	own := filepath.Join(clean, "s.db")
	runCLI(t, map[string]string{"DIGICHECK_DB": own}, "1\n9434765919\n")
	later := time.Now().UTC().Add(time.Minute).Format("20060102T150405Z")
	if err := os.Mkdir(filepath.Join(clean, "backups"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(clean, "backups", "digicheck-"+later+".db"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, stderr, _ := runCLI(t, map[string]string{"DIGICHECK_DB": own}, "1\n9434765919\n"); strings.Contains(stderr, "new and empty") {
		t.Errorf("a backup of the empty store made since it was made is taken as a sign of an earlier store:\n%s", stderr)
	}

	// An assessment saved in it: someone went on with it.
	if _, _, err := runCLI(t, env, pipedAssessment); err != nil {
		t.Fatal(err)
	}
	if _, stderr, _ := runCLI(t, env, "1\n9434765919\n"); strings.Contains(stderr, "new and empty") {
		t.Errorf("a store with an assessment saved in it is still called empty:\n%s", stderr)
	}
}
