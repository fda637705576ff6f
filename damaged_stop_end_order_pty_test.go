//go:build !windows

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A follow-up on a damaged store, stopped with ctrl+c and k: its end said
// "enter them again from the file(s) above", then named the file below
// it. The file is named first, and the words that point at it after.
func TestAFollowUpStoppedOnADamagedStoreNamesItsFileAboveTheWordsPointingAtIt(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path, rs := storeWith(t, 1)
	db := filepath.Join(dir, "digicheck.db")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(db, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(db+".damaged", []byte("the store has 3 problems: keep a copy of the file as it is, and restore the store from a backup\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tm := startTerm(t, dir, 80, 24, nil, "followup", rs[0].Patient.Value)
	tm.waitFor("which is damaged", "Clinician")
	tm.keys("A", "n", "n", "enter")
	tm.waitFor("Team")
	tm.keys("enter")
	tm.waitFor("Store cannot save")
	tm.keys("1")
	tm.quitKeeping("k keep in a file")
	end := strings.Join(strings.Fields(tm.vt.Raw()), " ")
	file := strings.LastIndex(end, "Not saved in the store: the answers are kept in")
	above := strings.LastIndex(end, "from the file(s) above")
	if file < 0 || above < 0 {
		t.Fatalf("the end does not name the file and point at it:\n%s", tm.vt.Screen())
	}
	if above < file {
		t.Errorf("the end points at the file(s) above before naming the file:\n%s", tm.vt.Screen())
	}
}
