package ui

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"digicheck/record"
	"digicheck/store"
)

// TestADraftOpenInAnotherWindowIsListedAndResumedOnceThatWindowHasGone:
// a window closed mid-assessment, and digicheck opened again at once,
// found the draft still held by the closing window, whose process had not
// yet ended. The draft was left off the list with nothing said, and the
// clinician reopening digicheck to carry on assessed the patient a second
// time. Now it is listed, saying it is (or was) open in another window;
// enter is refused, with the reason, while that window holds it, and
// resumes it once that window has gone. A new assessment of its patient
// says so before the first question, as the plain prompts do.
func TestADraftOpenInAnotherWindowIsListedAndResumedOnceThatWindowHasGone(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	dr := draftAt(t, st)
	dr.HeldElsewhere = true // as ListDrafts found it
	var held atomic.Bool
	claim := func(record.ID) error {
		if held.Load() {
			return fmt.Errorf("%w: the draft of patient 943 476 5919 is open in another digicheck window on this computer; finish it there, or, if that window has just been closed, try again in a moment: it lets go of the draft as it ends", store.ErrDraftHeld)
		}
		return nil
	}

	t.Run("on the list", func(t *testing.T) {
		held.Store(true)
		o := withStore(testOptions(nil), st)
		o.Drafts, o.ClaimDraft = offered(dr), claim
		d := newDriver(t, o, 80, 24)
		d.waitFor("Unfinished assessments", "> NHS 943 476 5919", "Open in another window, or it was a moment ago")
		d.press("enter")
		d.waitFor("Not resumed", "open in another digicheck window", "> NHS 943 476 5919")
		if d.m.screen != draftsScreen {
			t.Fatalf("a draft another window holds was resumed")
		}
		held.Store(false) // that window's process has ended
		d.press("enter")
		d.waitFor("Motivation and trust · 3 of 5", "recorded as done by Nurse Bea Draft")
		if d.m.s.ID() != dr.ID {
			t.Errorf("resumed %s, want the draft %s", d.m.s.ID(), dr.ID)
		}
	})

	t.Run("its patient entered", func(t *testing.T) {
		held.Store(true)
		other := draftAt(t, st) // another of the patient's drafts, held too
		other.HeldElsewhere = true
		o := withStore(testOptions(nil), st)
		o.Drafts, o.ClaimDraft = offered(dr, other), claim
		d := newDriver(t, o, 80, 24)
		startNewFor(t, d)
		d.waitFor("An unfinished assessment of NHS 943 476 5919 is kept as a draft", "It is open in another window, or was a moment ago", "r resume the draft", "n new assessment anyway")
		if s := strings.Join(strings.Fields(d.screen()), " "); !strings.Contains(s, "1 more of this patient's drafts is on the list") {
			t.Errorf("the patient's other draft is not said:\n%s", d.screen())
		}
		if d.m.screen != patientScreen || len(d.m.s.Answers()) != 0 {
			t.Fatalf("an answer was taken before the draft was said")
		}
	})
}
