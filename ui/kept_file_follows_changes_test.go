package ui

import (
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"digicheck/questionnaire"
	"digicheck/store"
)

// After a save refused because another program held the store, its
// answers and note kept in a file, the clinician went back and changed an
// answer: the review and the result went on saying "the answers and note
// stay in" the file, which still held the old answers; had the window then
// closed on a store still held, that file was the only copy. Each change is
// now kept as a draft, the assess command writing the file again from it
// (a referral's answer too, which kept no draft before the save), and the
// screen says the file holds the answers as last kept, with no note yet.
func TestAfterARefusedSaveAChangedAnswerIsKeptAndTheScreenSaysWhatTheFileHolds(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt")
	st := &memStore{fail: heldKept{file}}
	o := testOptions(st.Save)
	o.Assessed = (&heldRead{}).read
	var mu sync.Mutex
	var drafts []store.Draft
	o.Draft = func(dr *store.Draft) error {
		mu.Lock()
		defer mu.Unlock()
		drafts = append(drafts, *dr)
		return nil
	}
	last := func() (store.Draft, int) {
		mu.Lock()
		defer mu.Unlock()
		if len(drafts) == 0 {
			return store.Draft{}, 0
		}
		return drafts[len(drafts)-1], len(drafts)
	}
	d := newDriver(t, o, 80, 24)
	toReviewQuickly(d)
	d.press("end", "enter")
	d.waitFor("Result")
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Not saved: another program held the store too long", "Press r to try again.")
	const asSaved = "the answers and note stay in"
	const asChanged = "changed since the save was refused, so no note yet"

	// Back to the review, nothing changed: the file holds what it says.
	d.press("esc")
	d.waitFor("Check every answer with the patient")
	if f := flat(d.screen()); !strings.Contains(f, asSaved) {
		t.Fatalf("unchanged, the review does not say the file holds the answers and note:\n%s", d.screen())
	}

	// Another answer to the patient's own choice of contact.
	d.press("esc", "esc")
	d.waitFor("How would you like us to contact you?")
	d.press("7", "enter")
	d.waitFor("Check every answer with the patient")
	if f := flat(d.screen()); strings.Contains(f, asSaved) || !strings.Contains(f, asChanged) {
		t.Errorf("after a change the review says the file holds the answers and note:\n%s", d.screen())
	}

	// On to the result, and the first referral's answer changed.
	d.press("end", "enter")
	d.waitFor("Result")
	if f := flat(d.screen()); !strings.Contains(f, asChanged) {
		t.Errorf("after a change the result does not say what the file holds:\n%s", d.screen())
	}
	_, before := last()
	readReferral(d)
	readOut(d)
	d.press("n")
	alone(d)
	ref := d.m.s.Referrals()[0]
	if ref.Consent != questionnaire.NotDiscussed {
		t.Fatalf("the first referral is %q, want not discussed", ref.Consent)
	}
	if dr, n := last(); n <= before || dr.Consent[ref.ProgrammeID] != questionnaire.NotDiscussed {
		t.Errorf("the referral's answer changed after the refused save was not kept (%d drafts, %d before; the last holds %q): the file it is written to holds the answer before", n, before, dr.Consent[ref.ProgrammeID])
	}
}
