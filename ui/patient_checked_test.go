package ui

import (
	"testing"

	"digicheck/record"
	"digicheck/store"
)

// Damaged stores, item 5 of the last re-test (t15g fault 6): a patient's
// entry of the patient index filed under another number was found only at
// the first draft, and the full screen said nothing until the second
// section: the clinician went on as if the patient's history were sound.
// Once the patient's details are given it is read, and said on the first
// question, with the reminder that the answers go to a file.
func TestDamagedEntriesOfThePatientAreSaidOnTheFirstQuestion(t *testing.T) {
	var asked []record.PatientID
	o := testOptions(nil)
	o.CheckPatient = func(p record.PatientID) error {
		asked = append(asked, p)
		return &store.Error{Kind: store.ErrDamaged, Msg: "the patient index is damaged"}
	}
	d := newDriver(t, o, 80, 24)
	enterPatient(d)
	d.waitFor("entries for this patient are damaged", "cannot be trusted",
		"Store cannot save: these answers will be kept in a file")
	if len(asked) != 1 || asked[0].Value != validNHS {
		t.Errorf("the store was asked about %v; want the patient given, %s, once", asked, validNHS)
	}
}

// Damaged stores (H27), fault 3 of a re-test: the draft of a patient whose
// entries of the patient index are damaged was resumed with nothing said
// on its first question (the store's refusal came only at the next
// section's draft, and never that the patient's history is unsound). The
// resumed draft's patient is read as a new assessment's is, and the damage
// is said on the first question, with the reminder that the answers go to
// a file.
func TestDamagedEntriesOfAResumedDraftsPatientAreSaidOnTheFirstQuestion(t *testing.T) {
	st := tempStore(t)
	dr := draftAt(t, st)
	var asked []record.PatientID
	o := testOptions(nil)
	o.Drafts = offered(dr)
	o.ClaimDraft = func(record.ID) error { return nil }
	o.CheckPatient = func(p record.PatientID) error {
		asked = append(asked, p)
		return &store.Error{Kind: store.ErrDamaged, Msg: "the patient index is damaged"}
	}
	d := newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments")
	d.press("enter")
	d.waitFor("entries for this patient are damaged", "cannot be trusted",
		"Store cannot save: these answers will be kept in a file")
	if len(asked) != 1 || asked[0] != dr.Patient {
		t.Errorf("the store was asked about %v; want the draft's patient, %s, once", asked, dr.Patient)
	}
}
