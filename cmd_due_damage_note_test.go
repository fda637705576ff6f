package main

import (
	"os"
	"strings"
	"testing"

	"digicheck/store"
)

// oneLine is s with its lines joined by single spaces, as a message
// wrapped at a terminal's width reads.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestDueWarnsOfAStoreFoundDamagedAsSummaryAndExportDo: a store with a
// damage note beside it (check, or a read, found it damaged) was listed by
// due with no word, exit status 0, while summary and export of the same
// store warned on standard error that what they read may be incomplete or
// wrong. The list a team contacts patients from is read from the same
// records: due now says the same, on standard error, and lists as before.
// It said "the list of reviews due may be incomplete or wrong" as well,
// with exit status 0 and no mark in the list, though every record was
// read (due reads neither the patient index nor the QI copy): the list,
// the status and standard error disagreed. A list read from every record,
// each sound, now says so on standard error, beside the damage found: no
// "may be wrong" for a list that is whole (one that lacks a record is
// marked in itself and ends with exit status 1, TestDueListsTheSoundPatientsAndNamesADamagedRecordNotRefusingTheWholeList).
func TestDueWarnsOfAStoreFoundDamagedAsSummaryAndExportDo(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 2)
	if err := os.WriteFile(store.DamageNote(path), []byte("page 7 cannot be read\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	found := "warning: the store " + path + " has been found damaged: page 7 cannot be read"
	_, summaryErr, err := runStoreCmd(t, path, (*app).summaryCmd, "--from", "2000-01-01", "--exact")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(oneLine(summaryErr), found) {
		t.Fatalf("the premise: summary does not warn of the damage note:\n%s", summaryErr)
	}
	for _, args := range [][]string{{"--within", "3660"}, {"--within", "3660", "--format", "csv"}} {
		out, stderr, err := runStoreCmd(t, path, (*app).dueCmd, args...)
		if err != nil {
			t.Fatalf("due %v: %v\n%s", args, err, stderr)
		}
		for _, want := range []string{found, "the list of reviews due was read from every record the store holds, each sound", "run digicheck check"} {
			if !strings.Contains(oneLine(stderr), want) {
				t.Errorf("due %v: standard error does not say %q:\n%s", args, want, stderr)
			}
		}
		if strings.Contains(oneLine(stderr), "may be incomplete or wrong") {
			t.Errorf("due %v: a whole list, exit status 0, no mark in it, is said on standard error to be maybe wrong:\n%s", args, stderr)
		}
		if strings.Contains(out, "damaged") {
			t.Errorf("due %v: the warning went into the list itself:\n%s", args, out)
		}
	}
	// A sound store: no warning.
	sound, _ := storeWith(t, 1)
	if _, stderr, err := runStoreCmd(t, sound, (*app).dueCmd, "--within", "3660"); err != nil || strings.Contains(stderr, "damaged") {
		t.Errorf("due of a sound store: %v\n%s", err, stderr)
	}
}
