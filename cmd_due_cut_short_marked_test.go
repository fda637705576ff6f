package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// A list of reviews due read from a store file cut short (from a copy
// made whole with blank pages) said so only on standard output and
// standard error: the file due -o leaves for the team carried no mark,
// the command ended with exit status 0, and the "run digicheck check" it
// gave checked the default store, not the one given. The file is marked
// in every format, the check named is of the store given (never the
// padded copy due read), and due ends with the damage, as it does for a
// record it could not read.
func TestADueListOfAStoreCutShortIsMarkedInTheFileAndEndsWithTheDamage(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 30)
	dir := filepath.Join(filepath.Dir(path), "Ward 9")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	moved := filepath.Join(dir, "ward.db")
	if err := os.Rename(path, moved); err != nil {
		t.Fatal(err)
	}
	cutShortReadable(t, moved)
	check := "run digicheck check" + storeGiven(moved)
	for _, format := range []string{"text", "csv"} {
		_ = os.Remove(store.DamageNote(moved))
		got, err := dueFile(t, moved, format)
		if err == nil || !errors.Is(err, store.ErrDamaged) {
			t.Errorf("due -o (%s) of a store cut short ended with %v; want the damage (exit 1)", format, err)
		}
		if got == "" {
			t.Fatalf("due -o (%s) of a store cut short put no list in place", format)
		}
		checkDueMark(t, "due -o of a store cut short", format, got, "cut short", check)
		if strings.Contains(got, ".digicheck-torn") {
			t.Errorf("due -o (%s) names the padded copy it read, deleted when due ends:\n%s", format, got)
		}
	}
	// With no patient due, the CSV is not a bare header ("nobody due"):
	// a row carries the mark.
	_ = os.Remove(store.DamageNote(moved))
	got, err := dueFile(t, moved, "csv", "--within", "0")
	if err == nil {
		t.Errorf("due -o (csv, no one due) of a store cut short ended as a success")
	}
	checkDueMark(t, "due -o of a store cut short, no one due", "csv", got, "cut short", check)

	// Standard output of history names the store given in its check.
	out, serr, herr := runStoreCmd(t, moved, (*app).historyCmd, "9434765919")
	if flat := strings.Join(strings.Fields(out), " "); !strings.Contains(flat, "run digicheck check"+storeGiven(moved)) {
		t.Errorf("history of a store cut short does not name the store given in its check (%v):\n%.600s\n%.600s", herr, out, serr)
	}
}

// A list with no patient due, from a store with a record that cannot be
// read, was a CSV of its header alone: a scheduled task read "nobody
// due", and nothing of the record whose patient may be due. A row carries
// the mark.
func TestADueCSVWithNoPatientDueFromADamagedStoreStillCarriesTheMark(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 2)
	testkit.TamperJSON(t, path, "records", rs[0].ID.String(), func(r *record.Record) { r.Clinician = "Someone Else" })
	got, err := dueFile(t, path, "csv", "--within", "0")
	if err == nil {
		t.Errorf("due -o (csv) with a damaged record ended as a success; want exit 1")
	}
	checkDueMark(t, "due -o (csv, no one due) with a damaged record", "csv", got, "1 record could not be read", "run digicheck check"+storeGiven(path))
}
