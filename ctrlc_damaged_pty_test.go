//go:build !windows

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// Damaged stores, fault 7: after ctrl+c on a store found damaged, the
// reason the store could not save was printed twice (before the full
// screen, and again when it ended), each at the width of the terminal,
// which broke words across lines ("ans|wers", "reco|rd"). It is printed
// once, when digicheck ends, as the box says, at whole words.
func TestTheDamagedStoresReasonIsPrintedOnceAtWholeWords(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path, _ := storeWith(t, 1)
	db := filepath.Join(dir, "digicheck.db")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(db, b, 0o600); err != nil {
		t.Fatal(err)
	}
	const why = "the store has 3 problems: keep a copy of the file as it is, and restore the store from a backup made before the disk failed"
	if err := os.WriteFile(db+".damaged", []byte(why+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tm := startTerm(t, dir, 80, 24, nil)
	tm.waitFor("Warning: this assessment cannot be saved in the store, which is damaged:", "NHS number")
	tm.keys("ctrl+c")
	tm.exited()
	if n := strings.Count(tm.vt.Raw(), "restore the store from a backup made before"); n != 1 {
		t.Errorf("the reason is printed %d times; want once:\n%s", n, tm.vt.Screen())
	}
	lines := strings.Split(tm.vt.Screen(), "\n")
	for i := 1; i < len(lines); i++ {
		a, b := []rune(lines[i-1]), []rune(lines[i])
		if len(a) == 80 && len(b) > 0 && unicode.IsLetter(a[79]) && unicode.IsLetter(b[0]) {
			t.Errorf("a word is broken across lines %d and %d:\n%s", i, i+1, tm.vt.Screen())
		}
	}
	if s := strings.Join(strings.Fields(tm.vt.Screen()), " "); !strings.Contains(s, "Why the store could not save: "+why) {
		t.Errorf("the reason is not said whole when digicheck ends:\n%s", tm.vt.Screen())
	}
}
