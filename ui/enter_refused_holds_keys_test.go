package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
	"digicheck/store"
)

// A list that comes on screen holding an answer (a section opened again
// from the review, every section of an amendment, a resumed draft) refuses
// an enter that comes before it could be read. The clinician's burst
// "enter, the next answer's number, enter" went on: the enter was refused,
// and the number meant for the next question ticked, unticked or changed
// the answer the patient had given on this one, which the enter after it
// confirmed (a communication need ended in an amendment's saved record).
// A refused enter now ignores every key after it until esc, as every other
// refusal does: the answer given stands, and the screen says so.

// refusedEnterHoldsTheKeysAfterIt presses keys (an enter, then the burst
// after it) on the question in focus, just come on screen holding an
// answer, and fails t unless the enter was refused, every key after it
// ignored, the answer left as it was, and the question kept on screen. Esc
// then takes keys again, and an enter keeps the answer and moves on.
func refusedEnterHoldsTheKeysAfterIt(t *testing.T, d *driver, keys ...string) {
	t.Helper()
	f := d.m.focusedField()
	if f == nil {
		t.Fatalf("no question in focus:\n%s", d.screen())
	}
	title, before := f.title, f.values()
	if len(before) == 0 {
		t.Fatalf("%q holds no answer to keep:\n%s", title, d.screen())
	}
	d.press(keys...)
	g := d.m.focusedField()
	if g != f {
		got := "no question"
		if g != nil {
			got = g.title
		}
		t.Fatalf("the keys after the refused enter went on from %q to %s:\n%s", title, got, d.screen())
	}
	if v := f.values(); !slices.Equal(v, before) {
		t.Fatalf("the keys after the refused enter changed the answer of %q from %v to %v:\n%s", title, before, v, d.screen())
	}
	s := flat(d.screen())
	// The key refused is the enter, or an arrow before it (an arrow on a
	// single choice not yet read is refused itself).
	if !strings.Contains(s, "not taken: it came before this question could be read.") || !strings.Contains(s, "Keys are ignored until Esc") {
		t.Fatalf("the screen does not say the enter was refused and keys are ignored until Esc:\n%s", d.screen())
	}
	if n := len(keys) - 1; n > 0 && !strings.Contains(s, "ignored.)") {
		t.Errorf("the %d keys after the refused enter are not counted as ignored:\n%s", n, d.screen())
	}
	// The refusal is read, then esc: an esc sooner is not taken
	// (TestAnEscStraightAfterAKeyRefusedOnAHeldQuestionDoesNotTakeKeysAgain).
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
	d.press("esc")
	if d.m.focusedField() != f || !strings.Contains(flat(d.screen()), "Keys are taken again. Answer the question on screen first: "+flat(title)) {
		t.Fatalf("esc did not take keys again on %q, naming it:\n%s", title, d.screen())
	}
	time.Sleep(d.m.refusalHold) // keys typed with esc are held a moment
	d.press("enter")
	if d.m.focusedField() == f {
		t.Fatalf("enter, once keys were taken again, did not keep the answer of %q:\n%s", title, d.screen())
	}
	if v := f.values(); !slices.Equal(v, before) {
		t.Fatalf("the answer kept of %q is %v, the patient gave %v", title, v, before)
	}
}

// sectionFromReview opens section key from the review, read: the key is
// taken once no key has followed it for the word hold.
func sectionFromReview(t *testing.T, d *driver, key, question string) {
	t.Helper()
	d.press(key)
	if d.m.screen != sectionScreen {
		d.aloneEnds()
	}
	d.waitFor(question)
}

func TestARefusedEnterOnAManyAnswerListOpenedAgainFromTheReviewHoldsTheKeysAfterIt(t *testing.T) {
	t.Parallel()
	d, _ := atReview(t)
	sectionFromReview(t, d, "1", "Which of these can you use")
	// Keep the devices, keep the internet, data "Often": the 3 ticked a
	// device the patient does not have.
	refusedEnterHoldsTheKeysAfterIt(t, d, "enter", "enter", "3", "enter")
}

func TestARefusedEnterOnASingleAnswerListOpenedAgainFromTheReviewHoldsTheKeysAfterIt(t *testing.T) {
	t.Parallel()
	d, _ := atReview(t)
	sectionFromReview(t, d, "3", "Would you like to do things")
	// Keep "wants online", worry "Very": the 3 chose "I am not sure".
	refusedEnterHoldsTheKeysAfterIt(t, d, "enter", "3", "enter")
}

func TestARefusedEnterInAnAmendmentHoldsTheKeysAfterIt(t *testing.T) {
	t.Parallel()
	old := earlier(t)
	s := &memStore{}
	o := testOptions(s.Save)
	o.Clinician, o.Team = old.Clinician, old.Team
	o.Amend, o.AmendReason = &old, "reading help"
	d := newDriver(t, o, 80, 24)
	d.waitFor("Amend assessment", "Clinician")
	d.press("enter", "tab", "enter")
	d.waitFor("Amendment · Review")
	d.m.refusalHold = refusalHold
	time.Sleep(wordHold) // the review has been read
	sectionFromReview(t, d, "4", "Do you need information in a certain way?")
	// Keep the needs, reading help "Often": the 4 ticked a need the
	// patient never said.
	refusedEnterHoldsTheKeysAfterIt(t, d, "enter", "4", "enter")
}

func TestARefusedEnterOnAListOfAResumedDraftHoldsTheKeysAfterIt(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	dr := store.Draft{Draft: draftAt(t, st).Draft}
	dr.Section = "skills"
	delete(dr.Answers, questionnaire.LinkTasks)
	delete(dr.Answers, questionnaire.LinkHelp)
	// Ticked, and the window closed before enter.
	dr.Unconfirmed = questionnaire.Answers{questionnaire.LinkTasks: {questionnaire.TaskText}}
	if err := st.SaveDraft(&dr); err != nil {
		t.Fatal(err)
	}
	o := withStore(testOptions(nil), st)
	o.Drafts = offered(dr)
	d := newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments")
	d.m.refusalHold = refusalHold
	time.Sleep(wordHold) // the list has been read
	d.press("enter")
	d.waitFor("Which of these can you do on your own?", "[x] Read and reply to a text message")
	time.Sleep(refusalHold + 100*time.Millisecond) // past the hold of keys typed at the list
	// Keep the task, help "No, I have nobody": the 2 ticked email.
	refusedEnterHoldsTheKeysAfterIt(t, d, "enter", "2", "enter")
}
