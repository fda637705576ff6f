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
