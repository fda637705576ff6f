package ui

import (
	"strings"
	"testing"
	"time"
)

// On a store another program held as the assessment began, the line under
// the heading says "Store in use: answers kept in a file if it is still in
// use when you save". Let go before the save, the store was read (the
// read-back names the patient's assessment, found there) and the line
// still said the store was in use: read once, it is this window's, held by
// no one else till the save. Once the store has been read, the line is
// gone.
func TestTheHeldStoreReminderIsGoneOnceTheStoreWasRead(t *testing.T) {
	t.Parallel()
	read := &heldRead{}
	read.set(true) // held as the patient is given
	st := &memStore{}
	o := testOptions(st.Save)
	o.Reminder = "Store in use: answers kept in a file if it is still in use when you save"
	o.ReminderTillSaved = true
	o.Assessed = read.read
	d := newDriver(t, o, 80, 24)
	d.waitFor("New assessment", "Identifier", "1 ( ) NHS number")
	d.press("1")
	d.waitFor("NHS number: 10 digits")
	d.typeText(validNHS)
	d.press("enter")
	seen(d).waitFor("Clinician")
	readName(d)
	d.press("enter")
	d.waitFor("Team (optional)")
	d.press("enter")
	d.waitFor("cannot be looked up now")
	time.Sleep(d.m.wordHoldLen())
	d.press("n")
	d.waitFor("Access · 1 of 5", "Store in use: answers kept in a file")
	d.press("x", "enter")
	d.waitFor("How do you get online?")
	d.press("x", "enter")
	d.waitFor("Do you run out of data")
	d.press("1")
	d.waitFor("Skills · 2 of 5")
	d.press("x")
	answerRest(d)
	read.set(false, earlierAssessment(t, fixedNow.Add(-time.Hour), "Dr B", "Ward 2")) // let go: found at the save
	d.press("end", "enter")
	d.waitFor("Result")
	answerReferrals(d, firstReferrals)
	d.press("enter")
	d.waitFor("Saving makes")
	if f := flat(d.screen()); strings.Contains(f, "Store in use") {
		t.Fatalf("the read-back, which read the store, still says it is in use:\n%s", d.screen())
	}
	if st.Calls() != 0 {
		t.Fatalf("%d saves before the read-back was answered", st.Calls())
	}
}
