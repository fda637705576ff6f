package main

import (
	"strings"
	"testing"

	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// TestAmendOfAnOldVersionGivesTheRunsStoreFlags: the refusal of an amend
// of a version that is no longer current says to amend the current one
// with this run's --db and --config: without them, pasted as shown, it
// looked for the record in the default store (none, or another site's).
func TestAmendOfAnOldVersionGivesTheRunsStoreFlags(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 1)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	next := rs[0]
	next.ID, next.Time, next.Amends, next.Status = record.ID{}, next.Time.Add(1), rs[0].ID, record.Amended
	if err := st.Amend(&next); err != nil {
		t.Fatal(err)
	}
	given := " --db " + path + " --config /site/a/cfg.toml"
	a := &app{settings: site.Settings{DB: path, Team: "Ward 7"}, given: given}
	_, _, err = execute(a, (*app).amendCmd, "", record.ShortID(rs[0].ID, next.ID), "--reason", "answers corrected", "--clinician", "Nurse A")
	if err == nil {
		t.Fatal("amend of a superseded version was not refused")
	}
	if want := "digicheck amend " + next.ID.String() + given; !strings.Contains(said(err), want) {
		t.Errorf("the refusal does not say %q:\n%v", want, err)
	}
}
