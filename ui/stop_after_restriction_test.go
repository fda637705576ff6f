package ui

import (
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// TestAStopAtTheChoiceAskedAgainKeepsTheRestrictionAndNoChoice: the
// patient chose text messages; the clinician ticks "must not contact: Text
// messages", the screen clears the choice and asks it again, and the
// clinician stops there (ctrl+c, k). The draft kept must hold the
// restriction and not the text choice the screen had cleared (it came back
// from the answers saved before, and the review showed both with the
// result blocked), and resumed it opens on the choice question.
func TestAStopAtTheChoiceAskedAgainKeepsTheRestrictionAndNoChoice(t *testing.T) {
	t.Parallel()
	d, r, st := atTheRestriction(t)
	d.press("1", "3", "enter") // untick No, tick Text messages
	d.waitFor("How would you like us to contact you?", "must not be sent texts")

	dr, ok := d.m.draftNow(true) // what a stop keeps
	if !ok {
		t.Fatal("nothing to keep at a stop")
	}
	if !dr.Answers.Has(questionnaire.LinkContactAvoid, questionnaire.AvoidSMS) {
		t.Errorf("the draft lost the restriction: %v", dr.Answers[questionnaire.LinkContactAvoid])
	}
	if c, ok := dr.Answers[questionnaire.LinkChoice]; ok {
		t.Fatalf("the draft holds the choice %v the screen had cleared, beside 'must not contact: Text messages'", c)
	}

	o2 := restrictionOptions(st)
	o2.Drafts = []Resumable{{Draft: dr, Base: &r}}
	d2 := newDriver(t, o2, 80, 24)
	d2.waitFor("Unfinished assessments")
	d2.press("enter")
	d2.waitFor("Communication and contact", "How would you like us to contact you?")
	if f := d2.m.activeForm().focused(); f == nil || !strings.Contains(f.title, "How would you like us to contact you?") {
		t.Fatalf("resumed, the screen is not on the choice question:\n%s", d2.screen())
	}
}
