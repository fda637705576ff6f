package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	if !strings.Contains(flat, "Started a new store: "+fresh) || !strings.Contains(flat, "It is empty") ||
		!strings.Contains(flat, "ask IT to find the store or restore it from a backup") {
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
	for _, want := range []string{"new, empty store at " + gone, "files beside it show one was kept there before", kept, "s.db.moved",
		"earlier assessments", "Stop, and ask IT to put the store back or restore it from a backup"} {
		if !strings.Contains(flat, want) {
			t.Errorf("a new store made where files show one was kept does not say %q:\n%s", want, stderr)
		}
	}
}
