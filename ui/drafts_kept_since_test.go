package ui

import (
	"strings"
	"sync"
	"testing"

	"digicheck/assess"
	"digicheck/record"
	"digicheck/store"
)

// keptSince stands in for the drafts of a store other windows use while
// this one runs (Options.LookDrafts): each read finds every draft kept so
// far, those kept since the window began with them; while held is set,
// another program holds the store, and the drafts and the patient's
// assessments (assessed) are refused as in use.
type keptSince struct {
	mu     sync.Mutex
	held   bool
	drafts []store.Draft
}

// keep is another window keeping d as a draft.
func (k *keptSince) keep(d store.Draft) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.drafts = append(k.drafts, d)
}

func (k *keptSince) setHeld(held bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.held = held
}

func (k *keptSince) lookDrafts() ([]Resumable, []Elsewhere, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.held {
		return nil, nil, store.Held("/tmp/digicheck.db", store.ErrLocked)
	}
	return offered(k.drafts...), nil, nil
}

func (k *keptSince) assessed(record.PatientID) ([]assess.Assessed, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.held {
		return nil, store.Held("/tmp/digicheck.db", store.ErrLocked)
	}
	return nil, nil
}

// sinceStart is a window whose store's drafts are k's, with none kept as
// it begins.
func sinceStart(t *testing.T, k *keptSince) (*driver, *store.Store) {
	t.Helper()
	st := tempStore(t)
	o := withStore(testOptions(nil), st)
	o.LookDrafts, o.Assessed = k.lookDrafts, k.assessed
	return newDriver(t, o, 80, 24), st
}

// localToReview gives the patient H777 (a local number, with no draft)
// and answers every section, to the review.
func localToReview(d *driver) {
	d.waitFor("New assessment", "Identifier")
	d.press("2")
	d.waitFor("✓ Identifier: Local hospital number")
	d.typeText("H777")
	d.press("enter")
	readName(d)
	d.press("enter")
	d.waitFor("Team (optional)")
	d.press("enter")
	d.waitFor("Access · 1 of 5")
	d.press("x", "enter")
	d.waitFor("How do you get online?")
	d.press("x", "enter")
	d.waitFor("Do you run out of data")
	d.press("1")
	d.waitFor("Skills · 2 of 5")
	d.press("x")
	answerRest(d)
}

// saveFromReview goes from the review to the saved screen, every referral
// answered and read back.
func saveFromReview(d *driver) {
	d.press("end", "enter")
	d.waitFor("Result")
	readReferral(d)
	answerReferrals(d, len(d.m.referrals()))
	saveReadBack(d)
	d.waitFor("Saved")
}

// nextPatient gives 943 476 5919 as the patient of the assessment after a
// save, the clinician box offering the name given then (Tab takes it).
func nextPatient(d *driver) {
	d.waitFor("New assessment", "Identifier")
	d.press("1")
	d.waitFor("NHS number: 10 digits")
	d.typeText(validNHS)
	d.press("enter")
	d.waitFor("Clinician")
	readName(d)
	d.press("tab", "enter")
	d.waitFor("Team (optional)")
	d.press("enter")
}

// toNHSAtReview changes the patient at the review (p) from H777 to 943 476
// 5919, as changeToNHSAtReview does, each screen read as it comes (the
// driver's keys come as if each was typed once what it answers was read).
func toNHSAtReview(d *driver) {
	d.press("p")
	d.waitFor("Change patient details", "Identifier")
	d.press("1")
	d.waitFor("NHS number: 10 digits")
	for range "H777" {
		d.press("backspace")
	}
	d.typeText(validNHS)
	d.press("enter")
	d.waitFor("Clinician")
	d.press("enter")
	d.waitFor("Team (optional)")
	d.press("enter")
}

// otherWindowsDraft is a draft of 943 476 5919 that another window kept:
// kept in st, as draftAt keeps it, by clinician.
func otherWindowsDraft(t *testing.T, st *store.Store, clinician string) store.Draft {
	t.Helper()
	d := draftAt(t, st)
	d.Clinician = clinician
	if err := st.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	return d
}

// p at the review, to a patient whose draft another window kept after
// this window's drafts were read, went straight back to the review with no
// word of it, and the save made a second assessment beside the draft: the
// drafts were looked in as read before. They are read at the change.
func TestPAtTheReviewSaysADraftKeptInAnotherWindowSinceTheDraftsWereRead(t *testing.T) {
	t.Parallel()
	k := &keptSince{}
	d, st := sinceStart(t, k)
	localToReview(d)
	k.keep(otherWindowsDraft(t, st, "Nurse Dee Since"))
	toNHSAtReview(d)
	d.waitFor("Before going back to the review: this patient has an unfinished assessment",
		"An unfinished assessment of NHS 943 476 5919 is kept as a draft", "by Nurse Dee Since")
	checkFits(t, d.m.View().Content, 80, 24)
}

// After a save, a new patient given, whose draft another window kept
// after this window last read the drafts, went straight to the first
// question: the drafts are read as each patient is given.
func TestANewPatientIsToldOfADraftKeptInAnotherWindowSinceTheDraftsWereRead(t *testing.T) {
	t.Parallel()
	k := &keptSince{}
	d, st := sinceStart(t, k)
	localToReview(d)
	saveFromReview(d)
	d.press("n")
	d.waitFor("New assessment", "Identifier")
	k.keep(otherWindowsDraft(t, st, "Nurse Dee Since"))
	nextPatient(d)
	d.waitFor("Before the first question: this patient has an unfinished assessment",
		"An unfinished assessment of NHS 943 476 5919 is kept as a draft", "by Nurse Dee Since", "r resume the draft")
	checkFits(t, d.m.View().Content, 80, 24)
}

// n after a save listed the unfinished assessments as read before, and
// left out a draft another window kept since: the list is read then.
func TestNAfterASaveListsADraftKeptInAnotherWindowSince(t *testing.T) {
	t.Parallel()
	k := &keptSince{}
	d, st := sinceStart(t, k)
	localToReview(d)
	k.keep(otherWindowsDraft(t, st, "Nurse Dee Since"))
	saveFromReview(d)
	d.press("n")
	d.waitFor("Unfinished assessments", "NHS 943 476 5919", "by Nurse Dee Since")
	checkFits(t, d.m.View().Content, 80, 24)
}

// A new patient given while another program held the store said only
// that their earlier assessments could not be looked up, in a window
// that had read the drafts before: a draft kept since went unsaid. The
// drafts are read as the patient is given, and, held, the notice says
// they cannot be looked up either, and that the save looks again.
func TestAHeldStoreAtTheNextPatientSaysTheirDraftsCannotBeLookedUp(t *testing.T) {
	t.Parallel()
	k := &keptSince{}
	d, _ := sinceStart(t, k)
	localToReview(d)
	saveFromReview(d)
	d.press("n")
	d.waitFor("New assessment", "Identifier")
	k.setHeld(true)
	nextPatient(d)
	f := flat(d.screen())
	for _, w := range []string{"this patient's earlier assessments and drafts cannot be looked up",
		"earlier assessments, and any unfinished one kept as a draft, cannot be looked up now", "looked up again when you save"} {
		if !strings.Contains(f, w) {
			t.Fatalf("the patient screen does not say %q:\n%s", w, d.screen())
		}
	}
	checkFits(t, d.m.View().Content, 80, 24)
}

// p at the review to a patient with two drafts on the list named one of
// them only; a new assessment's start says how many more are on the list,
// and so does the change.
func TestPAtTheReviewSaysHowManyMoreOfThePatientsDraftsAreOnTheList(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	first := otherWindowsDraft(t, st, "Nurse One")
	second := otherWindowsDraft(t, st, "Nurse Two")
	o := withStore(testOptions(nil), st)
	o.Drafts = offered(first, second)
	d := newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments")
	d.press("n")
	localToReview(d)
	toNHSAtReview(d)
	d.waitFor("Before going back to the review: this patient has an unfinished assessment")
	if f := flat(d.screen()); !strings.Contains(f, "1 more of this patient's drafts is on the list") {
		t.Fatalf("the change does not say the patient's other draft:\n%s", d.screen())
	}
	checkFits(t, d.m.View().Content, 80, 24)
}

// n after a save reads the list of unfinished assessments before showing
// it: an enter typed with the n, while the list was read, was typed before
// the list was on screen, and resumes none of its drafts.
func TestAnEnterTypedWithNAfterASaveResumesNoDraft(t *testing.T) {
	t.Parallel()
	k := &keptSince{}
	d, st := sinceStart(t, k)
	localToReview(d)
	k.keep(otherWindowsDraft(t, st, "Nurse Dee Since"))
	saveFromReview(d)
	d.m.refusalHold = refusalHold // keys come as typed: n waits to be seen typed alone
	d.m.Update(keyPress("n"))
	_, cmd := d.m.Update(keyPress("enter"))
	d.run(cmd)
	d.waitFor("Unfinished assessments", "NHS 943 476 5919", "by Nurse Dee Since")
	if f := flat(d.screen()); d.m.screen != draftsScreen || !strings.Contains(f, "Keys typed before the list of unfinished assessments") {
		t.Fatalf("the enter typed with n was taken on the list, or went unsaid:\n%s", d.screen())
	}
	checkFits(t, d.m.View().Content, 80, 24)
}
