package main

import (
	"strings"
	"testing"

	"digicheck/record"
	"digicheck/store"

	"github.com/spf13/cobra"
)

// Damaged stores (H27), fault 7 of the last re-test: history of patient A,
// one of whose entries of the patient index is damaged, left a note
// beside the store saying "this patient's history and follow-ups cannot be
// trusted", and every later run said it again: history and followup of
// patient B, whose entries are sound, told B's clinician that B's history
// could not be trusted, and never named A. What later runs say names the
// patient whose entries are damaged, by the number the index holds, and
// says nothing of this patient's history.
func TestADamagedIndexEntryOfOnePatientIsNotSaidOfAnother(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 2)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b := rs[0]
	b.ID, b.Patient = record.ID{}, record.PatientID{Kind: record.NHSNumber, Value: "9434765870"}
	if err := st.Save(&b); err != nil {
		t.Fatal(err)
	}
	a := rs[len(rs)-1]
	flipIndexEntryID(t, path, a)
	out, errs, _ := runStoreCmd(t, path, (*app).historyCmd, a.Patient.Value)
	if said := strings.Join(strings.Fields(out+errs), " "); !strings.Contains(said, "DAMAGED") {
		t.Fatalf("history of A does not say the damage:\n%s%s", out, errs)
	}
	for name, mk := range map[string]func(*app) *cobra.Command{"history": (*app).historyCmd, "followup": (*app).followupCmd} {
		out, errs, _ := runStoreCmdIn(t, path, "q\n", mk, b.Patient.Value)
		said := strings.Join(strings.Fields(out+errs), " ")
		if strings.Contains(said, "this patient's history") || strings.Contains(said, "for this patient") {
			t.Errorf("%s of patient B says the damage of A's entry as this patient's:\n%s%s", name, out, errs)
		}
		if strings.Contains(said, "patient index is damaged") && !strings.Contains(said, a.Patient.Value) {
			t.Errorf("%s of patient B says the index is damaged without naming the patient %s whose entry it is:\n%s%s", name, a.Patient.Value, out, errs)
		}
	}
}
