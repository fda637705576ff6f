package ui

import (
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
	"digicheck/record"
)

// An answer given empty (an optional text box left empty, a reason why
// not given as none) is an answer: a text box that comes up holding it is
// held as one holding text is. Not held, the letters and the enter typed
// ahead with the enter that kept the question before it were taken as
// the patient's answer: "enter x y z enter" typed to keep "No, I did not
// take it up" recorded "xyz" as the patient's reason why not, and "enter
// L S 1 enter" typed to keep the ethnic group gave a postcode district
// the patient had not given. A box never answered (the reason of an
// outcome just chosen) is not held so.

// refusedOnEmpty fails t unless f, in focus, is a text box still empty,
// the key named refused on it with the keys after it, and, once esc says
// the refusal was read, an enter keeps it empty.
func refusedOnEmpty(t *testing.T, d *driver, f *field, name string) {
	t.Helper()
	if d.m.focusedField() != f {
		t.Fatalf("the keys typed ahead went on from %q:\n%s", f.title, d.screen())
	}
	if v := f.input.Value(); v != "" {
		t.Fatalf("keys typed ahead put %q in %q, given empty:\n%s", v, f.title, d.screen())
	}
	s := flat(d.screen())
	for _, want := range []string{name + " not taken: it came before this question could be read.", "Keys are ignored until Esc"} {
		if !strings.Contains(s, want) {
			t.Fatalf("the screen does not say %q:\n%s", want, d.screen())
		}
	}
	escRead(d)
	time.Sleep(d.m.refusalHold + 50*time.Millisecond)
	d.press("enter")
	if d.m.focusedField() == f {
		t.Fatalf("enter, once keys were taken again, did not keep %q empty:\n%s", f.title, d.screen())
	}
}

// TestAPostcodeGivenEmptyInASectionReopenedIsNotAnsweredByKeysTypedAhead:
// the postcode district left empty, the section opened again from the
// review: "enter L S 1 enter" typed to keep the ethnic group does not
// give LS1 as the patient's postcode district.
func TestAPostcodeGivenEmptyInASectionReopenedIsNotAnsweredByKeysTypedAhead(t *testing.T) {
	t.Parallel()
	st := &memStore{}
	d := newDriver(t, testOptions(st.Save), 80, 24)
	enterPatient(d)
	answerSectionsPostcode(d, "")
	if got := d.m.s.Answers().One(questionnaire.LinkPostcodeDistrict); got != "" {
		t.Fatalf("the postcode district was given as %q", got)
	}
	d.m.refusalHold = refusalHold // keys are held as at a terminal
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
	d.press("5")
	d.aloneEnds()
	d.waitFor("About you (optional)", "Ask these optional questions?")
	for _, q := range []string{"Ask these optional questions?", "Which age group", "disability or a long-term", "means-tested benefits", "Is English your main language?"} {
		keptRead(t, d, q)
	}
	d.waitFor("What is your ethnic group?")
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond) // the ethnic group is read
	var f *field
	for _, b := range d.m.sections[4].bindings {
		if b.item.LinkID == questionnaire.LinkPostcodeDistrict {
			f = b.field
		}
	}
	d.press("enter", "L", "S", "1", "enter") // one burst
	refusedOnEmpty(t, d, f, questionnaire.Quote("L"))
	d.waitFor("Review")
	if got := d.m.s.Answers().One(questionnaire.LinkPostcodeDistrict); got != "" {
		t.Fatalf("the postcode district is %q, given empty", got)
	}
}

// TestAReasonWhyNotGivenEmptyIsNotAnsweredByKeysTypedAhead: a follow-up's
// earlier referral not taken up, its reason why not given as none; the
// outcomes opened again from the review with o: "enter x y z enter" typed
// to keep "No, I did not take it up" does not record "xyz" as the
// patient's reason.
func TestAReasonWhyNotGivenEmptyIsNotAnsweredByKeysTypedAhead(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	prev := savedScenario(t, st)
	o := withStore(testOptions(nil), st)
	o.FollowUp = &prev
	d := newDriver(t, o, 80, 24)
	d.press("enter", "enter")
	first := prev.Recommendation.Referrals[0]
	d.waitFor("Did you go to " + first.Name)
	d.press("3") // No, I did not take it up
	d.waitFor("Why not? (optional)")
	d.press("enter") // no reason given
	for strings.HasPrefix(d.m.focusedField().title, "Did you go to") {
		d.press("4") // not known
	}
	answerSections(d)
	code, why, _ := d.m.s.Outcome(first.ProgrammeID)
	if code != record.OutcomeNotTakenUp || why != "" {
		t.Fatalf("the outcome given is %q, reason %q", code, why)
	}
	d.m.refusalHold = refusalHold // keys are held as at a terminal
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
	d.press("o")
	d.aloneEnds()
	d.waitFor("Did you go to "+first.Name, "(•) No, I did not take it up")
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond) // the outcome is read
	f := d.m.outcomeForm.reasons[0]
	d.press("enter", "x", "y", "z", "enter") // one burst
	refusedOnEmpty(t, d, f, questionnaire.Quote("x"))
}

// TestAReasonWhyNotNeverGivenTakesKeysAtOnce: the box of a reason that
// comes up as its outcome is chosen was never answered, and takes the
// reason typed at once, as before.
func TestAReasonWhyNotNeverGivenTakesKeysAtOnce(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	prev := savedScenario(t, st)
	o := withStore(testOptions(nil), st)
	o.FollowUp = &prev
	d := newDriver(t, o, 80, 24)
	d.press("enter", "enter")
	d.waitFor("Did you go to " + prev.Recommendation.Referrals[0].Name)
	d.m.refusalHold = refusalHold
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond) // the question is asked
	d.press("3")
	d.waitFor("Why not? (optional)")
	time.Sleep(d.m.refusalHold + 50*time.Millisecond) // the box it brought up is seen
	d.typeText("no time")
	if got := d.m.outcomeForm.reasons[0].input.Value(); got != "no time" {
		t.Fatalf("the reason typed in a box never answered is %q:\n%s", got, d.screen())
	}
}
