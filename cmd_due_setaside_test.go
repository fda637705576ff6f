package main

import (
	"path/filepath"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// TestDueNamesTheVersionKeptNotOneSetAside: once a conflict with a FHIR
// server is settled by keeping the server's version, this machine's own
// version of the assessment is set aside: kept, never current. due listed
// the version set aside, as nothing supersedes it, in place of the one
// kept.
func TestDueNamesTheVersionKeptNotOneSetAside(t *testing.T) {
	t.Parallel()
	const server = "https://fhir.example.nhs.uk/fhir"
	st, err := store.Open(filepath.Join(t.TempDir(), "laptop.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	first := testkit.Assessed(t, testkit.Included(nil))
	if err := st.Save(&first); err != nil {
		t.Fatal(err)
	}
	if err := st.MarkPushed(server, []store.Pushed{{Record: first.ID, Assessment: first.ID, Version: "1"}}); err != nil {
		t.Fatal(err)
	}
	theirs := first
	theirs.ID, _ = record.NewID()
	theirs.Amends, theirs.Status, theirs.AmendReason, theirs.Clinician = first.ID, record.Amended, "corrected on the ward", "Sister Okafor"
	mine := first
	mine.Amends, mine.AmendReason = first.ID, "corrected here"
	if err := st.Amend(&mine); err != nil {
		t.Fatal(err)
	}
	if err := st.MarkConflict(server, store.Conflict{Record: mine.ID, Assessment: first.ID, ServerVersion: "2"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.KeepServer(server, mine.ID, theirs, "2"); err != nil {
		t.Fatal(err)
	}
	rows, _, err := dueListPast(st, nil, time.Now().AddDate(5, 0, 0), 0, "", 12, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].r.ID != theirs.ID {
		var got []record.ID
		for _, r := range rows {
			got = append(got, r.r.ID)
		}
		t.Errorf("due lists %v; want the server's version kept, %s, alone (this machine's %s is set aside)", got, theirs.ID, mine.ID)
	}
}
