package ui

import (
	"strings"
	"testing"
	"time"
)

// Keys typed before a screen was shown answer nothing on it: a discard
// question, the review and the result each hold the keys that arrive in
// the moment after they are drawn, and say so; a question that was already
// to come (an answer kept when amending) holds none.

// TestAYTypedWithDOnTheDraftsListDiscardsNothing: d then y in one burst on
// the list of drafts. The y was typed before "Discard …?" was on screen:
// the draft stays, and the question says the key was ignored. A y typed
// once the question was read discards it.
func TestAYTypedWithDOnTheDraftsListDiscardsNothing(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	dr := draftAt(t, st)
	o := withStore(testOptions(nil), st)
	o.Drafts = offered(dr)
	d := newDriver(t, o, 80, 24)
	d.waitFor("enter resume")
	d.m.refusalHold = time.Hour // d and y come in one burst
	d.press("d", "y")
	d.waitFor("Discard the unfinished")
	if !strings.Contains(flat(d.screen()), "Keys typed before this question was shown were ignored: read it, then answer. Discard the unfinished assessment") {
		t.Fatalf("the question does not say the y typed with d was ignored:\n%s", d.screen())
	}
	if n := len(drafts(t, st)); n != 1 {
		t.Fatalf("a y typed with d discarded the draft: %d drafts left", n)
	}

	d.m.refusalHold = 0 // the question has been read
	d.press("y")
	d.waitFor("Discard it for good?")
	d.press("y")
	d.waitFor("Draft discarded.")
	if n := len(drafts(t, st)); n != 0 {
		t.Fatalf("%d drafts after y was typed at the question", n)
	}
}

// TestAYTypedWithCtrlCDiscardsNothing: ctrl+c then y in one burst in the
// middle of an assessment. The y was typed before "Discard this
// assessment?" was on screen: nothing is discarded and the program goes
// on, saying the key was ignored.
func TestAYTypedWithCtrlCDiscardsNothing(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	d := newDriver(t, withStore(testOptions(nil), st), 80, 24)
	toSkillsHelp(d)
	d.m.refusalHold = time.Hour // ctrl+c and y come in one burst
	d.press("ctrl+c")
	_, cmd := d.m.Update(keyPress("y"))
	if quits(cmd) || d.m.exit == exitDiscard {
		t.Fatal("a y typed with ctrl+c discarded the assessment and quit")
	}
	d.waitFor("Discard this", "y discard and quit")
	if !strings.Contains(flat(d.screen()), "Keys typed before this question was shown were ignored: read it, then answer. Discard this assessment?") {
		t.Fatalf("the question does not say the y typed with ctrl+c was ignored:\n%s", d.screen())
	}

	d.m.refusalHold = 0 // the question has been read
	d.press("y")
	d.waitFor("Discard it for good?") // discarding asks again
	_, cmd = d.m.Update(keyPress("y"))
	if !quits(cmd) || d.m.exit != exitDiscard {
		t.Fatal("y typed at the question, twice, did not discard and quit")
	}
}

// TestEntersTypedAheadPassNeitherTheReviewNorTheResult: the last answer
// and enters typed in one burst stop at the review, unread; an enter typed
// with the one that shows the result neither answers a referral nor
// saves. Each screen says the keys were ignored; an enter typed once it
// was read goes on.
func TestEntersTypedAheadPassNeitherTheReviewNorTheResult(t *testing.T) {
	t.Parallel()
	s := &memStore{}
	d := newDriver(t, testOptions(s.Save), 80, 24)
	enterPatient(d)
	answerSections(d)
	d.press("end", "enter")
	d.waitFor("Result")
	consents := answerReferrals(d, firstReferrals)

	// Back to the last question, then the last answer and enters in one
	// burst: they stop at the review.
	d.press("esc")
	d.waitFor("Review")
	d.press("esc")
	d.waitFor("first part of your postcode")
	d.m.refusalHold = time.Hour
	d.press("enter", "enter", "enter", "enter")
	d.waitFor("Review", "Keys typed before the review was shown were ignored")
	if d.m.screen != reviewScreen || s.Calls() != 0 {
		t.Fatalf("enters typed ahead went past the review (saves: %d):\n%s", s.Calls(), d.screen())
	}

	// The review read, enter shows the result; the enters typed with it
	// do not save.
	d.m.refusalHold = 0
	d.press("esc", "enter") // esc back to the question, enter to the review, as read
	d.waitFor("Review")
	d.m.refusalHold = time.Hour
	d.press("end")
	// The review, its end too, has been on view for its hold.
	d.m.reviewAt = time.Now().Add(-4 * time.Hour)
	d.m.reviewEndAt, d.m.reviewWinAt = d.m.reviewAt, d.m.reviewAt
	d.press("enter", "enter", "enter")
	d.waitFor("Result")
	if !strings.Contains(flat(d.screen()), "Keys typed before the result was shown were ignored: read it with the patient, then press enter to save.") {
		t.Fatalf("the result does not say the keys typed with the enter that showed it were ignored, and that enter saves:\n%s", d.screen())
	}
	if d.m.screen != resultScreen || s.Calls() != 0 {
		t.Fatalf("enters typed with the one that showed the result saved (saves: %d):\n%s", s.Calls(), d.screen())
	}

	d.m.refusalHold = 0 // the result has been read
	saveReadBack(d)
	d.waitFor("Saved ·")
	saved := d.m.Outcome().Saved
	if len(saved) != 1 {
		t.Fatalf("saved %d records", len(saved))
	}
	checkRecord(t, saved[0], consents)
}

// TestAmendingHoldsNoKeysOnAQuestionAlreadyToCome: amending, the clinician
// keeps answers with enter, one after another, in one burst. The
// interpreter's language is asked because of an answer kept, not one just
// given: it was to come, so the keys typed for it are not held as typed
// before it was shown. It comes up holding its answer, so the enter typed
// straight after the one that brought it up is refused there as unread,
// and once esc has taken keys again, enter keeps it and goes on.
func TestAmendingHoldsNoKeysOnAQuestionAlreadyToCome(t *testing.T) {
	t.Parallel()
	old := earlier(t)
	o := testOptions((&memStore{}).Save)
	o.Clinician, o.Team = old.Clinician, old.Team
	o.Amend, o.AmendReason = &old, "checked again"
	d := newDriver(t, o, 80, 24)
	d.waitFor("Amend assessment", "Clinician")
	d.press("enter", "tab", "enter") // the clinician given; the record's team, by Tab
	d.waitFor("Amendment · Review")
	d.press("4")
	d.waitFor("Do you need information")
	d.m.refusalHold = time.Hour // the enters come in one burst
	d.press("enter", "enter")
	d.waitFor("Which language", "✓ Needs: A spoken-language interpreter")
	if s := flat(d.screen()); strings.Contains(s, "were ignored") || !strings.Contains(s, enterTooSoon) {
		t.Fatalf("the enter on a question already to come was held as typed before it was shown, or taken unread:\n%s", d.screen())
	}
	d.m.refusalHold = 0 // the refusal has been read
	d.press("esc", "enter")
	d.waitFor("How often do you need someone", "✓ Language: Polish")
}
