package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
)

// retryRead presses r on the result, and, where the answers are read back
// before the save, reads them to the end and presses enter, as
// saveReadBack does.
func retryRead(d *driver) {
	d.press("r")
	if strings.Contains(d.screen(), confirmAsk) {
		d.press("end")
		time.Sleep(d.m.wordHoldLen())
		d.press("enter")
	}
}

// TestASecondRefusedSaveAfterAChangeLeavesTheFirstNoteOutOfDate: a save
// refused (the store held) kept the answers and note in a file, and the
// screen said to paste the note into the patient record. A referral's
// answer was changed, and the save refused again, the file's note now of
// the answer changed. Once saved, the screen said "A note already pasted
// from it stands": compared only with the file's last note, it forgot the
// first, pasted as told, with the answer the patient took back. A note the
// file held at any time this run that is not the record's is said to be
// out of date, to replace.
func TestASecondRefusedSaveAfterAChangeLeavesTheFirstNoteOutOfDate(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt")
	st := &memStore{fail: heldKept{file}}
	o := testOptions(st.Save)
	o.Assessed = (&heldRead{}).read
	d := newDriver(t, o, 80, 24)
	toReviewQuickly(d)
	d.press("end", "enter")
	d.waitFor("Result")
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Not saved: another program held the store too long", "Paste the note into the patient record")

	for i := 0; i < 60 && d.m.referral != 0; i++ {
		d.press("up")
	}
	readReferral(d)
	d.press("d")
	alone(d)
	if got := d.m.referrals()[0].Consent; got != questionnaire.Declined {
		t.Fatalf("the first referral, agreed, is %q after d, want declined:\n%s", got, d.screen())
	}
	st.mu.Lock()
	st.fail = heldKept{file} // held still
	st.mu.Unlock()
	retryRead(d)
	d.waitFor("Still not saved")
	retryRead(d)
	d.waitFor("Saved")
	s := flat(d.screen())
	if strings.Contains(s, "stands") || !strings.Contains(s, "a note already pasted from it is out of date. Replace it with this one.") {
		t.Errorf("saved after a change and a second refusal, the screen does not say the note first kept, pasted as told, is out of date:\n%s", d.screen())
	}
}

// TestANoteKeptInAnEarlierRunIsOutOfDateOnceTheResumedAnswersAreSaved: a
// draft resumed with the file an earlier run's refused save kept its
// answers and note in, the answers given again differently, refused again
// (the store held still) into the same file, and then saved: the saved
// screen said a note pasted from the file stood, being the last refused
// save's; the note the earlier run kept, pasted as told then, is not this
// record's, and is said to be out of date.
func TestANoteKeptInAnEarlierRunIsOutOfDateOnceTheResumedAnswersAreSaved(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	dr := draftAt(t, st)
	file := filepath.Join(t.TempDir(), "digicheck-not-saved-"+dr.ID.String()+".txt")
	earlier := "Digital inclusion check (digicheck, instrument v1, directory d37d8369ab5c)\n" +
		"Date: 2026-03-01 09:00  Patient: 943 476 5919  By: Nurse Bea Draft (District 3)\n" +
		"Referrals:\n- Your local public library: agreed\nRecord id: " + dr.ID.String() + "\n\nThe answers given:\n"
	if err := os.WriteFile(file, []byte(earlier), 0o600); err != nil {
		t.Fatal(err)
	}
	o := withStore(testOptions(nil), st)
	held := &memStore{fail: heldKept{file}}
	o.Save = held.Save
	o.Drafts = []Resumable{{Draft: dr, KeptFile: file}}
	d := newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments", "NHS 943 476 5919")
	d.press("enter")
	d.waitFor("Motivation and trust · 3 of 5")
	answerRestFromMotivation(d)
	d.press("end", "enter")
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Not saved: another program held the store too long")
	retryRead(d)
	d.waitFor("Saved ·")
	s := flat(d.screen())
	if strings.Contains(s, "stands") || !strings.Contains(s, "out of date") {
		t.Errorf("saved after the earlier run's note was kept in the same file, the screen does not say that note is out of date:\n%s", d.screen())
	}
}

// answerRestFromMotivation answers from the first question of the
// motivation section to the review.
func answerRestFromMotivation(d *driver) {
	d.press("1")
	d.waitFor("How worried are you")
	d.press("1")
	d.waitFor("Has something bad happened")
	d.press("1")
	d.waitFor("Do you need information in a certain way?")
	d.press("x", "enter")
	d.waitFor("How often do you need someone")
	d.press("1")
	d.waitFor("How would you like us to contact you?")
	d.press("1")
	d.waitFor(gateQuestion)
	d.press(skipOptional)
	d.waitFor("Review")
}
