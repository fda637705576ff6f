package ui

import (
	"strings"
	"sync"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/record"
	"digicheck/store"
)

// heldThenFree stands in for a store another program held as the run
// began: its drafts read (Options.LookDrafts) and the patient's
// assessments (Options.Assessed) are refused as in use while held is set.
type heldThenFree struct {
	mu    sync.Mutex
	held  bool
	draft store.Draft
	looks int
}

func (h *heldThenFree) set(held bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.held = held
}

func (h *heldThenFree) lookDrafts() ([]Resumable, []Elsewhere, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.looks++
	if h.held {
		return nil, nil, store.Held("/tmp/digicheck.db", store.ErrLocked)
	}
	return offered(h.draft), nil, nil
}

func (h *heldThenFree) assessed(record.PatientID) ([]assess.Assessed, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.held {
		return nil, store.Held("/tmp/digicheck.db", store.ErrLocked)
	}
	return nil, nil
}

// A window started while another program held the store never looked
// drafts up for its whole run, even once the store was free: a patient
// with a kept draft went straight to the first question, and the draft
// was left behind. Once the store is free, the patient's draft is said
// before the first question and can be resumed, as in any window.
func TestAWindowStartedOnAHeldStoreSaysAPatientsDraftOnceTheStoreIsFree(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	h := &heldThenFree{held: true, draft: draftAt(t, st)}
	o := withStore(testOptions(nil), st)
	o.LookDrafts, o.Assessed = h.lookDrafts, h.assessed
	d := newDriver(t, o, 80, 24)
	h.set(false) // let go before the patient is given
	enterPatientNoWait(d)
	d.waitFor("this patient has an unfinished assessment", "An unfinished assessment of NHS 943 476 5919 is kept as a draft",
		"by Nurse Bea Draft", "r resume the draft", "n new assessment anyway")
	checkFits(t, d.m.View().Content, 80, 24)
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
	d.press("r")
	d.waitFor("Motivation and trust · 3 of 5")
	if d.m.s.ID() != h.draft.ID {
		t.Fatalf("resumed %s, want the draft %s", d.m.s.ID(), h.draft.ID)
	}
}

// Still held as the patient is given, the patient screen says that the
// patient's unfinished assessments cannot be looked up either, as it says
// of the earlier ones; the save looks again, names the patient's draft on
// the read-back before anything is saved, and the list of unfinished
// assessments comes up at n after the save, as in any window.
func TestAWindowOnAHeldStoreSaysDraftsCannotBeLookedUpAndNamesThemAtTheSave(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	h := &heldThenFree{held: true, draft: draftAt(t, st)}
	o := withStore(testOptions(nil), st)
	o.LookDrafts, o.Assessed = h.lookDrafts, h.assessed
	d := newDriver(t, o, 80, 24)
	givePatient(d)
	f := flat(d.screen())
	for _, w := range []string{"earlier assessments, and any unfinished one kept as a draft, cannot be looked up now", "looked up again when you save"} {
		if !strings.Contains(f, w) {
			t.Fatalf("the patient screen does not say %q:\n%s", w, d.screen())
		}
	}
	checkFits(t, d.m.View().Content, 80, 24)
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
	h.set(false) // let go before the save
	d.press("end", "enter")
	d.waitFor("Result")
	readReferral(d)
	answerReferrals(d, len(d.m.referrals()))
	d.press("enter")
	d.waitFor(confirmAsk)
	d.press("end")
	f = flat(d.screen())
	for _, w := range []string{"This patient has an unfinished assessment kept as a draft", "by Nurse Bea Draft", "the store was in use by another program when this patient was given"} {
		if !strings.Contains(f, w) {
			t.Fatalf("the read-back does not say %q:\n%s", w, d.screen())
		}
	}
	time.Sleep(d.m.wordHoldLen())
	d.press("enter")
	d.waitFor("Saved")
	d.press("n")
	d.waitFor("Unfinished assessments", "NHS 943 476 5919", "by Nurse Bea Draft")
}

// p at the review, in a window whose drafts a held store hid as the first
// patient was given, to a patient with a draft said nothing. The store let
// go by then, the change reads the drafts and says the new patient's
// before going back to the review, as in any window.
func TestAWindowOnAHeldStoreSaysTheDraftOfAPatientChangedAtTheReview(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	h := &heldThenFree{held: true, draft: draftAt(t, st)}
	o := withStore(testOptions(nil), st)
	o.LookDrafts, o.Assessed = h.lookDrafts, h.assessed
	d := newDriver(t, o, 80, 24)
	d.waitFor("New assessment", "Identifier")
	d.press("2")
	d.waitFor("✓ Identifier: Local hospital number")
	d.typeText("H777")
	d.press("enter")
	readName(d)
	d.press("enter")
	d.waitFor("Team (optional)")
	d.press("enter")
	if f := flat(d.screen()); !strings.Contains(f, "any unfinished one kept as a draft, cannot be looked up now") {
		t.Fatalf("the patient screen does not say the drafts cannot be looked up:\n%s", d.screen())
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
	h.set(false)
	changeToNHSAtReview(d, "H777")
	d.waitFor("this patient has an unfinished assessment", "An unfinished assessment of NHS 943 476 5919 is kept as a draft", "by Nurse Bea Draft")
	checkFits(t, d.m.View().Content, 80, 24)
}
