package ui

import (
	"strings"
	"testing"
	"time"
)

// A new assessment whose patient's earlier assessments could not be looked
// up (another program held the store), its save refused as the store was
// still held, and again once the store, read, showed three assessments
// counting and the clinician chose to save another. Both times the notice
// said "Paste the note into the patient record", while the file it names
// says a note pasted from it stands only once these answers are saved
// (otherwise, remove it). The notice now says not to paste the note until
// they are saved: one instruction, the file's.
func TestARefusedSaveOfAPatientNotLookedUpOrFoundAssessedSaysNotToPasteTheNoteYet(t *testing.T) {
	t.Parallel()
	const file = "/wards/digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt"
	read := &heldRead{}
	read.set(true) // held as the patient is given, and at the save
	st := &memStore{fail: heldKept{file}}
	o := testOptions(st.Save)
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
	d.waitFor("Access · 1 of 5")
	d.press("x", "enter")
	d.waitFor("How do you get online?")
	d.press("x", "enter")
	d.waitFor("Do you run out of data")
	d.press("1")
	d.waitFor("Skills · 2 of 5")
	d.press("x")
	answerRest(d)
	d.press("end", "enter")
	d.waitFor("Result")
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Not saved: another program held the store too long")
	notPasted := func(when string) {
		t.Helper()
		s := flat(d.screen())
		if strings.Contains(s, "Paste the note into the patient record") {
			t.Errorf("%s, the notice says to paste the note, which the file says stands only once saved:\n%s", when, d.screen())
		}
		if !strings.Contains(s, "Do not paste the note until these answers are saved") {
			t.Errorf("%s, the notice does not say not to paste the note until saved:\n%s", when, d.screen())
		}
		checkFits(t, d.m.View().Content, 80, 24)
	}
	notPasted("refused with the earlier assessments not looked up")
	read.set(false,
		earlierAssessment(t, fixedNow.Add(-3*time.Hour), "Dr B", "Ward 2"),
		earlierAssessment(t, fixedNow.Add(-2*time.Hour), "Dr C", "Ward 2"),
		earlierAssessment(t, fixedNow.Add(-time.Hour), "Dr D", "Ward 2"))
	d.press("r")
	d.waitFor("3 assessments that count")
	st.mu.Lock()
	st.fail = heldKept{file} // held again
	st.mu.Unlock()
	d.press("enter") // save as another: refused
	d.waitFor("Not saved: another program held the store too long")
	if st.Calls() != 2 {
		t.Fatalf("%d saves tried, want 2", st.Calls())
	}
	notPasted("refused as another assessment of a patient three count for")
}
