package ui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/store"
)

// The patient given while another program held the store (their earlier
// assessment could not be looked up), the save refused and the answers
// kept in a file; tried again once the store was free, the retry found
// the patient assessed already, and the clinician declined another
// assessment (esc), then finished (ctrl+c, f), the answers kept as a
// draft. Resumed at the next start, that draft's read-back said nothing
// of the earlier assessment and enter saved a second one: the draft did
// not remember that the patient's assessments were never looked up, and
// only one made after it was started was looked for. The resumed draft's
// read-back, the question its enter answers, now says the patient was
// assessed, and that saving makes another assessment.
func TestADraftDeclinedAsAnotherAssessmentAsksAgainWhenResumed(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt")
	read := &heldRead{held: true}
	st := &memStore{fail: heldKept{file}}
	o := testOptions(st.Save)
	o.Assessed = read.read
	o.Draft = func(*store.Draft) error { return nil }
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
	d.press("end", "enter")
	d.waitFor("Result")
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Not saved: another program held the store too long", "Press r to try again.")

	other := earlierAssessment(t, fixedNow.Add(-time.Hour), "Dr Ann Test", "Ward 2")
	read.set(false, other) // let go; the patient assessed before
	d.press("r")
	d.waitFor("This patient was assessed on")
	d.press("esc")
	d.waitFor("Go through the result")
	d.press("ctrl+c")
	d.waitFor("already has an assessment")
	d.press("f")
	d.aloneEnds()
	out, _ := d.m.finish(nil)
	if out.Draft == nil {
		t.Fatalf("nothing kept as a draft at f: %v", out.DraftErr)
	}
	if st.Calls() != 1 {
		t.Fatalf("%d saves tried, want the one refused", st.Calls())
	}

	st2 := &memStore{}
	o = testOptions(st2.Save)
	o.Assessed = read.read
	o.Drafts = []Resumable{{Draft: *out.Draft}}
	d2 := newDriver(t, o, 80, 24)
	d2.waitFor("Unfinished assessments")
	d2.press("enter")
	d2.waitFor("Resume")
	d2.press("enter")
	d2.waitFor("Result")
	d2.press("enter")
	d2.waitFor(confirmAsk)
	d2.press("end")
	time.Sleep(d2.m.wordHoldLen() + 100*time.Millisecond)
	s := flat(d2.screen())
	for _, w := range []string{"This patient was assessed on", "by Dr Ann Test", "makes another assessment of this patient"} {
		if !strings.Contains(s, w) {
			t.Errorf("the resumed draft's read-back does not say %q:\n%s", w, d2.screen())
		}
	}
	if st2.Calls() != 0 {
		t.Errorf("the resumed draft was saved before its read-back was answered")
	}
}
