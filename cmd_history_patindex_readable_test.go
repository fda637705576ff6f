package main

import (
	"errors"
	"strings"
	"testing"

	"digicheck/store"
)

// Damaged stores (H27), fault 3: one of a patient's entries of the patient
// index filed under another number, while the patient's other three
// assessments read soundly against their records. history refused the
// whole patient, and the nurse saw none of them. It shows the three, each
// read against its record, and says the damage: the history is not
// complete.
func TestHistoryShowsTheReadableAssessmentsOfAPatientWithADamagedIndexEntry(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 4)
	flipIndexEntry(t, path, rs[0]) // filed under another number, still in order
	out, errs, err := runStoreCmd(t, path, (*app).historyCmd, "9434765919")
	if err != nil {
		t.Fatalf("history refused the patient: %v\n%s%s", err, out, errs)
	}
	for _, r := range rs[1:] {
		if !strings.Contains(out, r.ID.String()[:8]) {
			t.Errorf("the readable assessment %s is not shown:\n%s", r.ID, out)
		}
	}
	said := strings.Join(strings.Fields(out+errs), " ")
	if !strings.Contains(said, "DAMAGED") || !strings.Contains(said, "patient index is damaged") || !strings.Contains(said, "not complete") {
		t.Errorf("the damaged index entry is not said with the history:\n%s%s", out, errs)
	}
}

// And followup, which must rest on the patient's latest assessment, which
// the damaged index leaves in doubt, refuses, pointing to a new assessment
// as the way to assess the patient now.
func TestFollowupRefusedOnADamagedIndexEntryPointsToANewAssessment(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 4)
	flipIndexEntry(t, path, rs[0])
	out, errs, err := runStoreCmdIn(t, path, "q\n", (*app).followupCmd, "9434765919")
	if err == nil || !errors.Is(err, store.ErrDamaged) {
		t.Fatalf("followup was not refused as damaged: %v\n%s%s", err, out, errs)
	}
	if !strings.Contains(err.Error(), "digicheck new") {
		t.Errorf("the refusal does not point to a new assessment (digicheck new): %v", err)
	}
}
