package ui

import (
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// TestARestrictionTickedAndNotConfirmedIsKeptAtAStopAsNotConfirmed: the
// patient must not be texted; the clinician ticks "must not contact: Text
// messages", goes back to the question before it without pressing enter,
// and stops (ctrl+c, k). The stop question says the tick is not confirmed;
// the draft keeps it apart as not confirmed (it was lost, and the record
// could route the patient by text), and never as an answer. Resumed, the
// draft opens on the question with the tick shown, saying it is to be
// confirmed; the review says it too. Confirmed, it is the answer, and the
// text choice gives way to it.
func TestARestrictionTickedAndNotConfirmedIsKeptAtAStopAsNotConfirmed(t *testing.T) {
	t.Parallel()
	d, r, st := atTheRestriction(t)
	d.press("1", "3") // untick No, tick Text messages: no enter
	d.waitFor("[x] Text messages", "[ ] No")
	d.press("esc") // back to the question before it
	d.waitFor("must we contact you in a certain way?")
	d.press("ctrl+c")
	d.waitFor("Discard this amendment?", "k keep as a draft and quit")
	if s := strings.Join(strings.Fields(d.screen()), " "); !strings.Contains(s, "Not confirmed with enter: Must not use.") {
		t.Errorf("the stop question does not say the tick is not confirmed:\n%s", d.screen())
	}
	if _, cmd := d.m.Update(keyPress("k")); !quits(cmd) {
		t.Fatal("k did not quit")
	}
	out, _ := d.m.finish(nil)
	if out.Draft == nil {
		t.Fatalf("nothing kept at the stop: %v", out.DraftErr)
	}
	dr := *out.Draft
	if dr.Answers.Has(questionnaire.LinkContactAvoid, questionnaire.AvoidSMS) {
		t.Errorf("the tick never confirmed is kept as an answer: %v", dr.Answers[questionnaire.LinkContactAvoid])
	}
	if !dr.Unconfirmed.Has(questionnaire.LinkContactAvoid, questionnaire.AvoidSMS) || dr.Unconfirmed.Has(questionnaire.LinkContactAvoid, questionnaire.AvoidNone) {
		t.Fatalf("the draft lost the restriction ticked: unconfirmed %v", dr.Unconfirmed)
	}

	o := restrictionOptions(st)
	o.Drafts = []Resumable{{Draft: dr, Base: &r}}
	d2 := newDriver(t, o, 80, 24)
	d2.waitFor("Unfinished assessments")
	d2.press("enter")
	d2.waitFor("Is there a way we must not contact you?", "[x] Text messages", "[ ] No", "not confirmed before the stop")
	if f := d2.m.activeForm().focused(); f == nil || f.title != "Is there a way we must not contact you?" {
		t.Fatalf("resumed, the screen is not on the question left unconfirmed:\n%s", d2.screen())
	}
	if d2.m.s.Answers().Has(questionnaire.LinkContactAvoid, questionnaire.AvoidSMS) {
		t.Error("resumed, the tick never confirmed is taken as an answer")
	}
	if rv := plain(d2.m.reviewText(200)); !strings.Contains(rv, "Not confirmed before the stop: Text messages") {
		t.Errorf("the review does not say the restriction is not confirmed:\n%s", rv)
	}
	dr2, _ := d2.m.draftNow(true) // stopped again at once: still kept
	if !dr2.Unconfirmed.Has(questionnaire.LinkContactAvoid, questionnaire.AvoidSMS) || dr2.Answers.Has(questionnaire.LinkContactAvoid, questionnaire.AvoidSMS) {
		t.Fatalf("stopped again at once, the draft holds answers %v, unconfirmed %v", dr2.Answers[questionnaire.LinkContactAvoid], dr2.Unconfirmed)
	}

	d2.press("enter") // confirmed: the restriction stands, the choice is asked again
	d2.waitFor("How would you like us to contact you?", "must not be sent texts")
	dr3, _ := d2.m.draftNow(true)
	if !dr3.Answers.Has(questionnaire.LinkContactAvoid, questionnaire.AvoidSMS) || len(dr3.Unconfirmed) != 0 {
		t.Errorf("confirmed, the draft holds answers %v, unconfirmed %v", dr3.Answers[questionnaire.LinkContactAvoid], dr3.Unconfirmed)
	}
	if c, ok := dr3.Answers[questionnaire.LinkChoice]; ok {
		t.Errorf("the draft holds the choice %v beside the restriction confirmed", c)
	}
}

// TestARestrictionConfirmedThenGoneBackPastIsKeptAtAStop: ticked and
// confirmed with enter, then a question before it gone back to: a stop
// keeps the restriction as an answer, not only the questions before the one
// on screen, and drops the text choice that gave way to it.
func TestARestrictionConfirmedThenGoneBackPastIsKeptAtAStop(t *testing.T) {
	t.Parallel()
	d, _, _ := atTheRestriction(t)
	d.press("1", "3", "enter")
	d.waitFor("How would you like us to contact you?", "must not be sent texts")
	d.press("esc", "esc")
	d.waitFor("must we contact you in a certain way?")
	dr, ok := d.m.draftNow(true)
	if !ok {
		t.Fatal("nothing to keep at a stop")
	}
	if !dr.Answers.Has(questionnaire.LinkContactAvoid, questionnaire.AvoidSMS) {
		t.Errorf("the restriction confirmed is not in the draft: answers %v, unconfirmed %v", dr.Answers[questionnaire.LinkContactAvoid], dr.Unconfirmed)
	}
	if c, ok := dr.Answers[questionnaire.LinkChoice]; ok {
		t.Errorf("the draft holds the choice %v beside the restriction", c)
	}
}
