package ui

import (
	"strings"
	"testing"
	"time"
)

// The read-back said "Saving makes another assessment of this patient" of
// a patient with no saved assessment, only a colleague's draft found at
// the save: there was nothing to make another of. It says the draft stays
// kept, and nothing of another assessment.
func TestADraftFoundAtTheSaveIsNotCalledAnotherAssessment(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	h := &heldThenFree{held: true, draft: draftAt(t, st)}
	o := withStore(testOptions(nil), st)
	o.LookDrafts, o.Assessed = h.lookDrafts, h.assessed
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
	h.set(false) // let go before the save: the patient has a draft, and no saved assessment
	d.press("end", "enter")
	d.waitFor("Result")
	readReferral(d)
	answerReferrals(d, len(d.m.referrals()))
	d.press("enter")
	d.waitFor(confirmAsk)
	d.press("end")
	f := flat(d.screen())
	if !strings.Contains(f, "This patient has an unfinished assessment kept as a draft") {
		t.Fatalf("the read-back does not say the patient's draft:\n%s", d.screen())
	}
	if strings.Contains(f, "another assessment") {
		t.Fatalf("the read-back calls this the patient's another assessment, though they have none saved, only a draft:\n%s", d.screen())
	}
	time.Sleep(d.m.wordHoldLen())
	d.press("enter")
	d.waitFor("Saved")
}

// The read-back after a retry named only the latest of the patient's
// assessments saved meanwhile, though two then counted: it says how many
// count.
func TestARetryThatFindsTwoAssessmentsSavedMeanwhileSaysBothCount(t *testing.T) {
	t.Parallel()
	read := &heldRead{}
	d, st := notSavedHeld(t, "/wards/digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt", read)
	b := earlierAssessment(t, fixedNow.Add(time.Minute), "Nurse B", "Ward 2")
	p := earlierAssessment(t, fixedNow.Add(2*time.Minute), "Pipe Nurse", "Community")
	read.set(false, b, p)
	d.press("r")
	d.waitFor(confirmAsk)
	d.press("end")
	f := flat(d.screen())
	for _, w := range []string{"by Pipe Nurse (Community)", "2 assessments of this patient count"} {
		if !strings.Contains(f, w) {
			t.Fatalf("the read-back after the retry does not say %q:\n%s", w, d.screen())
		}
	}
	if st.Calls() != 1 {
		t.Fatalf("the retry saved (%d saves) before its read-back was answered", st.Calls())
	}
}
