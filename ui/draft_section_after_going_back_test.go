package ui

import (
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// TestADraftStoppedAfterGoingBackResumesAtTheQuestionOpened: the access
// section is answered (a basic mobile, not online, never short of credit)
// and the skills section opened; esc goes back to the devices question,
// where "a landline phone only" opens a question the section did not ask
// before ("a care alarm?"). Stopped there (ctrl+c, k), the draft was
// listed "Reached Skills (2 of 5)" and resumed at Skills: the care alarm
// was never asked. The draft now resumes, and is listed ("Stopped in
// Access"), at Access, and
// resumed, it asks the care alarm before anything of Skills.
func TestADraftStoppedAfterGoingBackResumesAtTheQuestionOpened(t *testing.T) {
	t.Parallel()
	o := restrictionOptions(&memStore{}) // version 2, drafts kept
	d := newDriver(t, o, 80, 24)
	enterPatient(d)
	d.press("4", "enter") // a basic mobile
	d.waitFor("How do you get online?")
	d.press("4", "enter") // not online
	d.waitFor("Do you run out of data")
	d.press("1") // never
	d.waitFor("Skills · 2 of 5")
	for range 4 {
		if strings.Contains(d.screen(), "Which of these can you use") {
			break
		}
		d.press("esc")
	}
	d.waitFor("Access · 1 of 5", "Which of these can you use")
	d.press("4", "5", "enter") // the basic mobile untaken, a landline phone only
	d.waitFor("How do you get online?")
	d.press("enter")
	d.waitFor("Do you run out of data")
	d.press("enter")
	d.waitFor("Do you have a care alarm that works through your phone line?")
	d.press("ctrl+c")
	d.waitFor("k keep as a draft and quit")
	if _, cmd := d.m.Update(keyPress("k")); !quits(cmd) {
		t.Fatal("k did not quit")
	}
	out, _ := d.m.finish(nil)
	if out.Draft == nil {
		t.Fatalf("nothing kept at the stop: %v", out.DraftErr)
	}
	dr := *out.Draft
	if !dr.Answers.Has(questionnaire.LinkDevices, questionnaire.DevLandline) {
		t.Fatalf("the landline confirmed is not in the draft: %v", dr.Answers)
	}
	if dr.Section != "access" {
		t.Errorf("the draft resumes at section %q, want %q, where the care alarm is asked", dr.Section, "access")
	}

	o = restrictionOptions(&memStore{})
	o.Drafts = []Resumable{{Draft: dr}}
	d2 := newDriver(t, o, 80, 24)
	d2.waitFor("Unfinished assessments")
	if s := d2.screen(); !strings.Contains(s, "Stopped in Access (1 of 5)") {
		t.Errorf("the draft is not listed at Access, where the care alarm is asked:\n%s", s)
	}
	d2.press("enter")
	d2.waitFor("Access · 1 of 5")
	for range 4 {
		if strings.Contains(d2.screen(), "care alarm") || strings.Contains(d2.screen(), "Skills · 2 of 5") {
			break
		}
		readName(d2) // the answers given are shown, held for the word hold
		d2.press("enter")
	}
	if s := d2.screen(); !strings.Contains(s, "Do you have a care alarm that works through your phone line?") {
		t.Errorf("resumed, the care alarm is not asked before the skills section:\n%s", s)
	}
}
