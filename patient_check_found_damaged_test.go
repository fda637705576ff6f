package main

import (
	"errors"
	"testing"

	"digicheck/assess"
	"digicheck/store"
)

// A follow-up (or a new assessment) whose store was sound as it started,
// and whose reading of the patient's assessments, once the clinician was
// given, found the store damaged (the pages that lead to the records,
// read round from the records' own pages): nothing was said before the
// first question, though the damage note was written and every draft
// and save was refused from then on. The patient's check says the store
// cannot save, as damage found at the start is said, and says it as the
// store's damage, not as damage to the patient's entries, which were read.
func TestThePatientsCheckSaysAStoreItFoundDamagedCannotSave(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 40)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Refused(); err != nil {
		t.Fatalf("the store refuses before it is damaged: %v", err)
	}
	f, root, size := openRecordsRoot(t, path)
	if _, err := f.WriteAt(make([]byte, size), root*size); err != nil {
		t.Fatal(err)
	}
	f.Close()
	err = checkPatientShown(st, rs[0].Patient, "")
	if st.Refused() == nil {
		t.Fatal("reading the patient's assessments did not find the damage")
	}
	if !errors.Is(err, store.ErrDamaged) {
		t.Fatalf("the patient's check found the store damaged and says %v; want the damage", err)
	}
	var found assess.StoreFoundDamaged
	if !errors.As(err, &found) {
		t.Errorf("the damage is not said as the store's (its entries for the patient were read): %v", err)
	}
}
