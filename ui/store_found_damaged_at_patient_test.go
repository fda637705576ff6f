package ui

import (
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/record"
	"digicheck/store"
)

// A follow-up whose store was sound at the start, and found damaged as
// the patient's entries were read (read whole: the pages that lead to
// the records were read round): nothing was said until the first draft
// was refused, after the earlier referrals. The store's damage is said
// once the patient is given, before the first question, with the
// reminder; not as damage to the patient's entries, which were read.
func TestAStoreFoundDamagedAsThePatientIsReadIsSaidBeforeTheFirstQuestion(t *testing.T) {
	o := testOptions(nil)
	o.CheckPatient = func(record.PatientID) error {
		return assess.StoreFoundDamaged{Err: &store.Error{Kind: store.ErrDamaged, Msg: "the digicheck store x.db is damaged: the pages that lead to the records are damaged"}}
	}
	d := newDriver(t, o, 80, 24)
	enterPatient(d)
	d.waitFor("The store is damaged, so this assessment cannot be saved in it",
		"Store cannot save: these answers will be kept in a file")
	if s := d.screen(); strings.Contains(s, "entries for this patient") {
		t.Errorf("the store's damage is said as the patient's entries':\n%s", s)
	}
}

// Said at the start (the box and the reminder), a store the patient's
// check finds damaged is not said again on the first question.
func TestAStoreDamagedAtTheStartIsNotSaidAgainAsThePatientIsRead(t *testing.T) {
	o := testOptions(nil)
	o.Reminder = "Store cannot save: these answers will be kept in a file, not in the store"
	o.CheckPatient = func(record.PatientID) error {
		return assess.StoreFoundDamaged{Err: &store.Error{Kind: store.ErrDamaged, Msg: "the store is damaged"}}
	}
	d := newDriver(t, o, 80, 24)
	enterPatient(d)
	d.waitFor("Which of these can you use")
	if s := d.screen(); strings.Contains(s, "The store is damaged") {
		t.Errorf("a store said damaged at the start is said again on the first question:\n%s", s)
	}
}
