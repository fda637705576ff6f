package ui

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// "Not known, or not asked" is an answer to a follow-up's "Did you go to
// …?" as much as the others, though it records no outcome. Gone back to,
// the question showed no answer and no highlight, said "Choose an
// answer", and took keys at once; in an amendment of that follow-up,
// opened from the review, enter could not keep it as every other answer
// on record is kept. It now comes up chosen, and held as the others are.

// notKnownChosen fails unless f, in focus, came up with "Not known, or
// not asked" chosen, the highlight on it.
func notKnownChosen(t *testing.T, d *driver, f *field) {
	t.Helper()
	if d.m.focusedField() != f {
		t.Fatalf("the outcome question is not in focus:\n%s", d.screen())
	}
	if f.chosen < 0 || f.options[f.chosen].code != noOutcome || f.shownChosen != f.chosen || !f.shownHeld {
		t.Fatalf("answered \"Not known, or not asked\", the question came up holding no answer:\n%s", d.screen())
	}
	if !strings.Contains(d.screen(), "(•) Not known, or not asked") || !highlightOnAnswer(d.screen()) {
		t.Fatalf("the answer given, \"Not known, or not asked\", is not shown chosen and highlighted:\n%s", d.screen())
	}
}

func TestAnOutcomeAnsweredNotKnownIsShownChosenAndHeldWhenGoneBackTo(t *testing.T) {
	t.Parallel()
	d, prev := followUpAtOutcomes(t)
	refs := agreed(prev)
	of := d.m.outcomeForm
	d.m.refusalHold = 0 // each question read before it is answered
	for range refs[1:] {
		d.press("1") // Yes, I went
	}
	d.press("4") // the last: Not known, or not asked
	d.m.refusalHold = refusalHold
	if d.m.screen != sectionScreen {
		t.Fatalf("the outcomes answered, the first section did not come up:\n%s", d.screen())
	}
	escBackAfterRead(d) // back from the first section to the last referral
	last := of.codes[len(refs)-1]
	if d.m.outcomeForm != nil {
		last = d.m.outcomeForm.codes[len(refs)-1]
	}
	notKnownChosen(t, d, last)
	burst(d, "1", "down") // typed before it could be read
	if v := last.values(); len(v) != 0 || d.m.focusedField() != last {
		t.Fatalf("a 1 typed before the question gone back to could be read answered it %v:\n%s", v, d.screen())
	}
	arrowsHeldThenKept(t, d, last, nil)
	if d.m.screen != sectionScreen {
		t.Fatalf("enter after esc did not go on to the first section:\n%s", d.screen())
	}
	if _, _, given := d.m.s.Outcome(refs[len(refs)-1].ProgrammeID); given {
		t.Fatalf("kept with enter, \"Not known\" recorded an outcome")
	}
}

func TestAnAmendmentOfAFollowUpKeepsAnOutcomeNotKnownWithEnter(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	prev := savedScenario(t, st)
	refs := agreed(prev)
	fu := savedFollowUp(t, st, prev)
	// The first referral answered "Not known, or not asked": no outcome.
	o := withStore(testOptions(nil), st)
	o.Clinician, o.Team = fu.Clinician, fu.Team
	o.Amend, o.AmendReason, o.Earlier = &fu, "first not known", &prev
	d := newDriver(t, o, 80, 24)
	d.waitFor("Amend assessment", "Clinician")
	d.press("enter", "tab", "enter")
	d.waitFor("Amendment · Review", "o  Earlier")
	d.press("o")
	d.press("4") // not known
	for range refs[1:] {
		d.press("enter")
	}
	d.waitFor("Amendment · Review")
	if _, _, given := d.m.s.Outcome(refs[0].ProgrammeID); given {
		t.Fatalf("the first referral still has an outcome after \"Not known\"")
	}
	want := d.m.s.Outcomes()

	d.m.refusalHold = refusalHold
	time.Sleep(wordHold + 100*time.Millisecond) // the review is read
	d.press("o")
	of := d.m.outcomeForm
	notKnownChosen(t, d, of.codes[0])
	time.Sleep(wordHold + 100*time.Millisecond) // the question is read
	d.press("enter")
	if d.m.focusedField() == of.codes[0] {
		t.Fatalf("enter did not keep \"Not known, or not asked\":\n%s", d.screen())
	}
	for range refs[1:] {
		time.Sleep(wordHold + 100*time.Millisecond)
		d.press("enter")
	}
	d.waitFor("Amendment · Review")
	if got := d.m.s.Outcomes(); !slices.Equal(got, want) {
		t.Fatalf("kept with enter, the outcomes are %+v, were %+v", got, want)
	}
	if !strings.Contains(flat(d.screen()), flat(refs[0].Name)+": not known") {
		t.Errorf("the review does not say the first referral is not known:\n%s", d.screen())
	}
}
