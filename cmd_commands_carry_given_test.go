package main

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"digicheck/record"
	"digicheck/store"
)

// A follow-up asked for (digicheck --db FILE followup NUMBER) of a patient
// with a new assessment kept as a draft said "To resume it, run digicheck
// with no command": run as shown, it found no store, or listed the drafts
// of another. It now carries this run's --db and --config.
func TestADraftNotOfferedHereSaysHowToResumeItInThisStore(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 0)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := store.Draft{}
	d.Patient = record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
	if err := st.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	entries, err := st.ListDrafts(0)
	if err != nil {
		t.Fatal(err)
	}
	a := &app{given: " --db /wards/ward9.db"}
	_, elsewhere, _, _ := a.draftsOn(&cobra.Command{}, st, entries, func(store.Draft) bool { return false })
	if len(elsewhere) != 1 || !strings.Contains(elsewhere[0].How, "run digicheck --db /wards/ward9.db with no command") {
		t.Errorf("the draft not offered here is said as %+v; want how to resume it with this run's --db", elsewhere)
	}
}
