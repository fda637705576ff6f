//go:build !windows

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The full screen, on a store cut short beyond reading: it refused every
// new assessment before the first question, as the plain prompts did. It
// now warns in the box before the first question, the questions go on,
// and the answers given are kept in a file beside the store, which is not
// written to; the blank store the assessment ran on is not left behind.
func TestTheFullScreenOnAStoreCutShortBeyondReadingWarnsAndKeepsTheAnswersInAFile(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 3)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "digicheck.db")
	if err := os.WriteFile(p, b[:8192], 0o600); err != nil {
		t.Fatal(err)
	}
	tm := startTerm(t, dir, 80, 24, []string{"DIGICHECK_DB=" + p})
	tm.waitFor("Warning: this assessment cannot be saved in the store, which is damaged", "cannot be looked up", "NHS number")
	tm.keys("1", "9434765919", "enter")
	tm.waitFor("Clinician")
	tm.keys("Dr A Test", "enter", "enter")
	tm.waitFor("Access · 1 of 5", "Store cannot save")
	tm.quitKeeping("k keep in a file")
	kept, _ := filepath.Glob(filepath.Join(dir, "digicheck-not-saved-*.txt"))
	if len(kept) != 1 {
		t.Fatalf("%d files keep the answers, want 1; the screen shows:\n%s", len(kept), tm.vt.Screen())
	}
	if k := fileBytes(t, kept[0]); !strings.Contains(k, "9434765919") || !strings.Contains(k, p) || strings.Contains(k, ".digicheck-") {
		t.Errorf("the kept file lacks the patient or names another file than the store %s:\n%s", p, k)
	}
	if s := tm.vt.Screen(); !strings.Contains(s, "cut short") || strings.Contains(s, ".digicheck-") {
		t.Errorf("the end does not give the reason, or names a temporary file:\n%s", s)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".digicheck-*")); len(left) > 0 {
		t.Errorf("a temporary file was left behind: %v", left)
	}
	if got, err := os.ReadFile(p); err != nil || string(got) != string(b[:8192]) {
		t.Errorf("the store was changed: %v", err)
	}
}

// The full screen hid "Started a new store" until it ended: a store
// moved or deleted was replaced by an empty one, and the nurse assessed
// into it unwarned. The box on the first screen now says a new, empty
// store was made, and, with answers kept in a file beside the path as a
// sign one was there, that it was moved or deleted and to ask IT.
func TestTheFullScreenSaysANewEmptyStoreWasMadeWhereOneWasKept(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "digicheck-not-saved-01a24a99-0000-7000-8000-000000000000.txt"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	tm := startTerm(t, dir, 80, 24, nil)
	tm.waitFor("Stop: this store is new and empty.", "Ask IT to put the old one back", "digicheck-not-saved-01a24a99", "It was moved", "NHS number")
	tm.keys("ctrl+c")
}
