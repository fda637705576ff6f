package ui

import (
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// The patient's details of a resumed draft are held as those of an
// assessment never stopped: a draft resumed, its review's p, or esc from
// its first question, brought up the identifier, number, clinician and
// team holding what was given before the stop, and they took typed-ahead
// keys at once: "p enter backspace 7 enter" on the review saved the
// assessment of Local H300 under H307.

// resumedLocal offers a draft of Local H300 by Hal of Ward 9 holding
// answers, stopped in section (every answer of the scenario and "": at
// the review), resumes it, and waits for screen.
func resumedLocal(t *testing.T, answers questionnaire.Answers, section string, screen ...string) *driver {
	t.Helper()
	id, _ := record.NewID()
	dr := store.Draft{Draft: assess.Draft{ID: id,
		Patient:   record.PatientID{Kind: record.LocalID, Value: "H300"},
		Clinician: "Hal", Team: "Ward 9",
		InstrumentVersion: questionnaire.V1.Version, Answers: answers, Section: section,
	}}
	o := testOptions((&memStore{}).Save)
	o.Drafts = offered(dr)
	d := newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments", "by Hal")
	d.press("enter")
	d.waitFor(screen...)
	return d
}

// TestAResumedDraftsNumberReopenedFromTheReviewIsNotChangedByKeysTypedAhead:
// on the review of a resumed draft, p opens the identifier holding Local
// hospital number; "enter backspace 7 enter" typed in one burst once it is
// read keeps it, and the backspace and 7 reach the number box as it comes
// up holding H300: refused, the number whole, as when not resumed.
func TestAResumedDraftsNumberReopenedFromTheReviewIsNotChangedByKeysTypedAhead(t *testing.T) {
	t.Parallel()
	d := resumedLocal(t, scenarioAnswers.Clone(), "", "Review", "Hal · Ward 9")
	detailsFromReview(d)
	d.waitFor("Identifier")
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond) // the identifier is read
	d.press("enter", "backspace", "7", "enter")          // one burst
	p := d.m.patient
	if got := p.id.input.Value(); got != "H300" {
		t.Fatalf("keys typed ahead changed the resumed draft's patient number to %q:\n%s", got, d.screen())
	}
	if p.form.done || p.form.focused() != p.id {
		t.Fatalf("the enter typed ahead kept the number unread and went on:\n%s", d.screen())
	}
	if s := flat(d.screen()); !strings.Contains(s, "Backspace not taken: it came before this question could be read.") {
		t.Fatalf("the backspace was refused without a word:\n%s", d.screen())
	}
	escRead(d) // the refusal read
	time.Sleep(d.m.refusalHold + 50*time.Millisecond)
	d.press("enter")
	d.waitFor("Clinician", "✓ Number: H300")
}

// TestAResumedDraftsDetailsGoneBackToFromItsFirstQuestionAreHeld: a draft
// resumed at its first question; esc went back to the identifier holding
// Local hospital number, and "enter backspace 7 enter" typed 0.6 s later
// kept it and made the number H307. As when not resumed, esc goes back to
// the last box of the patient's details, the team holding Ward 9, and an
// enter typed 0.6 s after the esc is refused there, the box kept unread.
func TestAResumedDraftsDetailsGoneBackToFromItsFirstQuestionAreHeld(t *testing.T) {
	t.Parallel()
	d := resumedLocal(t, questionnaire.Answers{}, "access", "Access · 1 of 5")
	d.m.refusalHold = refusalHold
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond) // the question is read
	d.press("esc")
	d.waitFor("Local hospital number")
	p := d.m.patient
	f := p.form.focused()
	if f != p.team {
		t.Errorf("esc from the first question went to %q, not to the team as when not resumed:\n%s", f.title, d.screen())
	}
	time.Sleep(d.m.refusalHold + 50*time.Millisecond) // past the hold of esc
	d.press("enter", "backspace", "7", "enter")
	if d.m.screen != patientScreen || p.form.done || p.form.focused() != f {
		t.Fatalf("an enter typed 0.6 s after esc kept %q unread (patient %q):\n%s", f.title, p.id.input.Value(), d.screen())
	}
	if p.id.input.Value() != "H300" || p.team.input.Value() != "Ward 9" {
		t.Fatalf("keys typed 0.6 s after esc left the number %q, the team %q:\n%s", p.id.input.Value(), p.team.input.Value(), d.screen())
	}
	d.waitFor("Enter not taken: it came before this question could be read.")
}
