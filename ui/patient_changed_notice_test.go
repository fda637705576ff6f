package ui

import (
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/record"
	"digicheck/store"
)

// changeToNHSAtReview opens the patient details from the review of an
// assessment of a local number, and changes them to the scenario NHS
// number, keeping the clinician and the team: p, 1, the local number
// rubbed out, the NHS number, enter, enter, enter. Each key comes once
// its box has been read.
func changeToNHSAtReview(d *driver, local string) {
	detailsFromReview(d)
	d.waitFor("Identifier")
	read := func() { time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond) }
	read()
	d.press("1")
	d.waitFor("NHS number: 10 digits")
	read()
	for range local {
		d.press("backspace")
	}
	d.typeText(validNHS)
	d.press("enter")
	d.waitFor("Clinician")
	read()
	d.press("enter")
	d.waitFor("Team (optional)")
	read()
	d.press("enter")
}

// A patient changed at the review (p) to one assessed before was told
// nothing, on the review or on the read-back: the save made a second
// current assessment, which followup and due then used (its contact route
// "Phone call" for a patient whose record said not to phone them), and the
// referrals agreed at the earlier one were no longer followed up. The same
// patient given at the start was told. Changed at the review, the patient
// screen now says it too, before going back to the review: n goes back
// to it, this assessment kept, now of that patient; esc changes the
// patient; a follow-up (f), which would drop the answers given, is not
// offered.
func TestAPatientChangedAtTheReviewToOneAssessedBeforeIsToldBeforeGoingBack(t *testing.T) {
	t.Parallel()
	st := &memStore{}
	o := testOptions(st.Save)
	o.FollowUpOffered = true
	before := earlierAssessment(t, time.Date(2026, 12, 5, 9, 0, 0, 0, time.Local), "Dr Eve", "Ward 7")
	o.Assessed = func(p record.PatientID) ([]assess.Assessed, error) {
		if p.Value == validNHS {
			return []assess.Assessed{before}, nil
		}
		return nil, nil
	}
	d := newDriver(t, o, 80, 24)
	toReviewWithLocal(d, "H777")
	changeToNHSAtReview(d, "H777")
	d.waitFor("this patient was assessed before", "was assessed on 5 Dec 2026 by Dr Eve (Ward 7)", "digicheck followup 9434765919", "n new assessment", "esc change the patient")
	checkFits(t, d.m.View().Content, 80, 24)
	if f := flat(d.screen()); strings.Contains(f, "f follow it up") || strings.Contains(f, "Follow it up now (f)") {
		t.Errorf("a follow-up, which drops the answers given, is offered at a patient changed at the review:\n%s", d.screen())
	}
	if d.m.screen != patientScreen {
		t.Fatalf("went on to the review without a word of the earlier assessment:\n%s", d.screen())
	}
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond) // read
	d.press("n")
	d.waitFor("Review")
	if got := d.m.s.Patient(); got.Value != validNHS || len(d.m.s.Answers()) == 0 {
		t.Fatalf("n left the review with patient %v and %d answers", got, len(d.m.s.Answers()))
	}
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond) // the review is read
	d.press("end", "enter")
	d.waitFor("Result")
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond) // the result is read
	readReferral(d)
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Saved")
	if st.Calls() != 1 {
		t.Fatalf("%d saves, want 1", st.Calls())
	}
}

// Changed at the review to a patient with an unfinished draft, the draft
// is said as it is when the patient is given at the start; the draft is
// not resumed here (this assessment's answers would be left for it): n
// goes back to the review, esc to the patient's details.
func TestAPatientChangedAtTheReviewToOneWithADraftIsToldOfIt(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	dr := draftAt(t, st)
	o := withStore(testOptions(nil), st)
	o.Drafts = offered(dr)
	d := newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments")
	d.press("n")
	toReviewWithLocal(d, "H777")
	changeToNHSAtReview(d, "H777")
	d.waitFor("this patient has an unfinished assessment", "An unfinished assessment of NHS 943 476 5919 is kept as a draft", "by Nurse Bea Draft", "n new assessment anyway")
	checkFits(t, d.m.View().Content, 80, 24)
	if f := flat(d.screen()); strings.Contains(f, "r resume the draft") {
		t.Errorf("resuming the draft, which leaves this assessment's answers, is offered at the review's change:\n%s", d.screen())
	}
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond) // read
	d.press("r")
	if d.m.s.ID() == dr.ID || d.m.kept == nil {
		t.Fatalf("r resumed the draft from a patient changed at the review")
	}
	// Esc changes the patient; left unfinished, the change is not
	// taken: the review shows the patient as before.
	d.press("esc")
	d.waitFor("Change patient details")
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
	d.press("esc")
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
	d.press("esc")
	d.waitFor("Review", "H777")
	if got := d.m.s.Patient(); got.Value != "H777" {
		t.Fatalf("esc at the draft's notice, then esc, left the review with patient %v, want H777 as before", got)
	}
	changeToNHSAtReview(d, "H777")
	d.waitFor("An unfinished assessment of NHS 943 476 5919")
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
	d.press("n")
	d.waitFor("Review")
	if got := d.m.s.Patient(); got.Value != validNHS {
		t.Fatalf("n left the review with patient %v", got)
	}
}

// The store held by another program as the patient was given: its read
// for the patient's assessments was refused, and the new assessment went
// straight to its first question without a word, then saved, once the
// store was let go, a third current assessment of a patient with two. It
// now says before the first question that the earlier assessments cannot
// be looked up, and the save's read, the store let go, says those it finds
// on the read-back, before anything is saved.
func TestAStoreHeldAsThePatientIsGivenIsSaidAndTheSaveAsksOnceItIsRead(t *testing.T) {
	t.Parallel()
	st := &memStore{}
	o := testOptions(st.Save)
	o.FollowUpOffered = true
	earlier := earlierAssessment(t, time.Date(2026, 12, 5, 9, 0, 0, 0, time.Local), "Dr Dee", "Ward 1")
	held := true
	o.Assessed = func(record.PatientID) ([]assess.Assessed, error) {
		if held {
			return nil, store.Held("/tmp/digicheck.db", store.ErrLocked)
		}
		return []assess.Assessed{earlier}, nil
	}
	d := newDriver(t, o, 80, 24)
	givePatient(d)
	d.waitFor("earlier assessments cannot be looked", "cannot be looked up now", "The store is in use by another program", "looked up again when you save", "n new assessment")
	checkFits(t, d.m.View().Content, 80, 24)
	if f := flat(d.screen()); strings.Contains(f, "f follow it up") || strings.Contains(d.screen(), "Which of these can you use") {
		t.Fatalf("a follow-up is offered, or the first question shown, with the store unread:\n%s", d.screen())
	}
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
	held = false // let go before the save
	d.press("end", "enter")
	d.waitFor("Result")
	readReferral(d)
	answerReferrals(d, len(d.m.referrals()))
	d.press("enter")
	d.waitFor(confirmAsk)
	d.press("end")
	f := flat(d.screen())
	for _, w := range []string{"This patient was assessed on 5 Dec 2026 at 09:00 by Dr Dee (Ward 1) (record " + earlier.Short + ")", "the store was in use by another program when this patient was given", "Saving makes another assessment of this patient"} {
		if !strings.Contains(f, w) {
			t.Fatalf("the read-back does not say %q:\n%s", w, d.screen())
		}
	}
	if st.Calls() != 0 {
		t.Fatal("saved before the read-back")
	}
	time.Sleep(d.m.wordHoldLen())
	d.press("enter")
	d.waitFor("Saved")
	if st.Calls() != 1 {
		t.Fatalf("%d saves after the read-back's enter, want 1", st.Calls())
	}
}

// The reminder that the store is in use stayed on the saved screen of a
// record saved in it, once let go: one that holds only until a save
// (Options.ReminderTillSaved) is gone from the saved screen, and shown
// until then.
func TestAReminderTillSavedIsGoneOnceSaved(t *testing.T) {
	t.Parallel()
	st := &memStore{}
	o := testOptions(st.Save)
	o.Reminder = "Store in use: answers kept in a file if it is still in use when you save"
	o.ReminderTillSaved = true
	d := newDriver(t, o, 80, 24)
	toReviewQuickly(d)
	d.waitFor("Store in use: answers kept in a file")
	d.press("end", "enter")
	d.waitFor("Result")
	answerReferrals(d, len(d.m.referrals()))
	saveReadBack(d)
	d.waitFor("Saved")
	if f := flat(d.screen()); strings.Contains(f, "Store in use") {
		t.Fatalf("the saved screen still says the store is in use:\n%s", d.screen())
	}
}
