package ui

import (
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/record"
	"digicheck/store"
)

// At a save where the patient's current assessments, hidden by a held
// store as the patient was given, are named, the read-back said "Saving
// makes a second assessment" of a patient who had two already. It says
// another is made, the count being in the words before it.
func TestTheReadBackSaysAnotherAssessmentNotASecondOfAPatientWithTwo(t *testing.T) {
	t.Parallel()
	st := &memStore{}
	o := testOptions(st.Save)
	as := []assess.Assessed{
		earlierAssessment(t, time.Date(2026, 12, 1, 9, 0, 0, 0, time.Local), "Dr Dee", "Ward 1"),
		earlierAssessment(t, time.Date(2026, 12, 3, 9, 0, 0, 0, time.Local), "Dr Ward", "Ward 7"),
	}
	held := true
	o.Assessed = func(record.PatientID) ([]assess.Assessed, error) {
		if held {
			return nil, store.Held("/tmp/digicheck.db", store.ErrLocked)
		}
		return as, nil
	}
	d := newDriver(t, o, 80, 24)
	givePatient(d)
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
	d.press("n")
	d.aloneEnds()
	d.waitFor("Access · 1 of 5")
	d.press("x", "enter")
	d.waitFor("How do you get online?")
	d.press("x", "enter")
	d.waitFor("Do you run out of data")
	d.press("1")
	d.waitFor("Skills · 2 of 5")
	d.press("x")
	answerRest(d)
	held = false
	d.press("end", "enter")
	d.waitFor("Result")
	readReferral(d)
	answerReferrals(d, len(d.m.referrals()))
	d.press("enter")
	d.waitFor(confirmAsk)
	d.press("end")
	f := flat(d.screen())
	if !strings.Contains(f, "has 2 assessments that count") || !strings.Contains(f, "Saving makes another assessment of this patient") || strings.Contains(f, "second assessment") {
		t.Fatalf("the read-back of a patient with 2 current assessments does not say another is made:\n%s", d.screen())
	}
	time.Sleep(d.m.wordHoldLen())
	d.press("enter")
	d.waitFor("Saved")
	if st.Calls() != 1 {
		t.Fatalf("%d saves after the read-back's enter, want 1", st.Calls())
	}
}
