package ui

import (
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/record"
)

// given is the --db a run under test was started with.
const given = " --db /wards/ward9.db"

// The commands the full screen gave (digicheck followup, amend, history)
// left out the --db and --config the run was started with, which the end
// words carry: run as shown, they found no store, or followed up the
// patient in another. Every command shown now carries them.
func TestCommandsOnTheFullScreenCarryThisRunsStore(t *testing.T) {
	t.Parallel()
	t.Run("assessed before", func(t *testing.T) {
		t.Parallel()
		st := &memStore{}
		o := testOptions(st.Save)
		o.Given = given
		before := earlierAssessment(t, time.Date(2026, 12, 5, 9, 0, 0, 0, time.Local), "Dr A", "Ward 1")
		o.Assessed = func(record.PatientID) ([]assess.Assessed, error) { return []assess.Assessed{before}, nil }
		d := newDriver(t, o, 80, 24)
		givePatient(d)
		d.waitFor("digicheck followup " + validNHS + given)
		d.waitFor("digicheck amend " + before.Short + " --reason …" + given)
	})
	t.Run("found at the save, the store held as the patient was given", func(t *testing.T) {
		t.Parallel()
		st := &memStore{}
		o := testOptions(st.Save)
		o.Given = given
		earlier := earlierAssessment(t, time.Date(2026, 12, 5, 9, 0, 0, 0, time.Local), "Dr Dee", "Ward 1")
		read := &heldRead{held: true}
		o.Assessed = read.read
		d := newDriver(t, o, 80, 24)
		givePatient(d)
		d.waitFor("cannot be looked up now")
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
		read.set(false, earlier)
		d.press("end", "enter")
		d.waitFor("Result")
		answerReferrals(d, firstReferrals)
		d.press("enter")
		d.waitFor(confirmAsk)
		d.press("end")
		if f := flat(d.screen()); !strings.Contains(f, "digicheck followup "+validNHS+given) {
			t.Errorf("the read-back does not give the follow-up with this run's --db:\n%s", d.screen())
		}
	})
}
