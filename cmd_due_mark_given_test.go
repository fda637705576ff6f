package main

import (
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// The mark at the head of a list of reviews due read from a damaged store
// (and in its CSV damaged_store column) is what due -o leaves in a file
// for the team, away from standard error. It said a bare "run digicheck
// check": copied from the list of a store named by --db, that checked the
// default store, and said "OK" of the wrong file. It names the store the
// list was read from, as standard error does.
func TestADueListsDamagedStoreMarkNamesTheStoreToCheck(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 2)
	testkit.TamperJSON(t, path, "records", rs[0].ID.String(), func(r *record.Record) { r.Clinician = "Someone Else" })
	want := "run digicheck check" + storeGiven(path)
	for _, format := range []string{"text", "csv"} {
		got, err := dueFile(t, path, format)
		if err == nil {
			t.Errorf("due -o (%s) with a damaged record ended as a success; want exit 1", format)
		}
		checkDueMark(t, "due -o with a damaged record", format, got, want)
	}
	out, _, _ := runStoreCmd(t, path, (*app).dueCmd, "--within", "3660")
	first, _, _ := strings.Cut(out, "\n\n")
	if cmd, _ := markCommand(first); "run "+cmd != want {
		t.Errorf("due's list on standard output does not give %q at its head, on a line of its own:\n%s", strings.TrimPrefix(want, "run "), out)
	}
}
