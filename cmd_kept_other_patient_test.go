package main

import (
	"os"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// A save refused kept the answers and note of one patient in a file, and
// the clinician was told to paste the note into that patient's record.
// Saved later for another patient (the number was wrong, and changed), the
// save removed the file: the only word of which record the note was pasted
// into, and of the note that is to come out of it, was gone. The file of
// another patient is left, and no longer listed as answers to enter again;
// saved for the same patient, it is removed as before.
func TestASaveForAnotherPatientLeavesTheFileOfTheFirst(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 1)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, changed := range []bool{false, true} {
		r := testkit.Assessed(t, testkit.Offline(nil))
		if r.ID, err = record.NewID(); err != nil {
			t.Fatal(err)
		}
		var kept []string
		_ = keepRefused(st, &r, &store.Error{Kind: store.ErrLocked, Msg: "in use"}, &kept)
		if len(kept) != 1 {
			t.Fatalf("the refused save was not kept in a file: %v", kept)
		}
		file := kept[0]
		if changed {
			r.Patient = record.PatientID{Kind: record.LocalID, Value: "H889"}
		}
		if err := keepRefused(st, &r, nil, &kept); err != nil || len(kept) != 0 {
			t.Errorf("changed %v: after the save, %v, kept %v; want nothing left to enter again", changed, err, kept)
		}
		_, serr := os.Stat(file)
		if changed && serr != nil {
			t.Errorf("saved for another patient, the file naming the first is gone (%v): nothing says whose record the note pasted from it went into", serr)
		}
		if !changed && serr == nil {
			t.Errorf("saved for the same patient, the file is still there: it would be entered twice")
		}
		_ = os.Remove(file)
	}
}
