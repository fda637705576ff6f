package ui

import (
	"digicheck/questionnaire"

	"strings"
	"testing"
)

// TestTheResumedNoticeSaysInPlainWordsWhoAndOnlyWhatIsTrue: resuming a
// draft says whose name it is recorded under and how to change it, in
// plain words; it says the answers given before are chosen only on a
// question that has one (it said so over "Which of these can you do on
// your own?" with nothing ticked).
func TestTheResumedNoticeSaysInPlainWordsWhoAndOnlyWhatIsTrue(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	o := withStore(testOptions(nil), st)
	o.Drafts = offered(draftAt(t, st)) // left at a section not begun
	d := newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments")
	d.press("enter")
	s := flat(d.screen())
	if !strings.Contains(s, "Resumed. It is recorded as done by Nurse Bea Draft; if that is not you, change it on the review (p).") {
		t.Fatalf("the resumed notice does not say whose name it is recorded under plainly:\n%s", d.screen())
	}
	if f := d.m.activeForm().focused(); len(f.values()) > 0 {
		t.Fatalf("the question on screen has an answer: this test needs one without")
	}
	if strings.Contains(s, "press enter to keep each") || strings.Contains(s, "not you?") {
		t.Fatalf("the notice says answers are chosen on a question with none:\n%s", d.screen())
	}

	// Left on a question answered: said.
	o = testOptions(nil)
	o.Drafts = offered(languageDraft(t))
	o.Instrument = questionnaire.V2
	d = newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments")
	d.press("enter")
	if len(d.m.activeForm().focused().values()) == 0 {
		t.Fatalf("the question on screen has no answer: this test needs one with")
	}
	if !strings.Contains(flat(d.screen()), "The answers given before are chosen: press enter to keep each.") {
		t.Fatalf("the notice does not say the answer on screen is kept by enter:\n%s", d.screen())
	}
}
