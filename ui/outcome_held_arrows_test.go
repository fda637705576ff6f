package ui

import (
	"strings"
	"syscall"
	"testing"
	"time"

	"digicheck/record"
)

// A follow-up's "Did you go to …?" that came up holding the patient's
// answer (gone back to with esc, opened from the review with o, a resumed
// draft, an amendment of a follow-up) refused the first key typed ahead,
// but obeyed the arrows after it while keys were ignored, the help line
// offering "↑/↓ move (chooses nothing)": the enter after esc, pressed to
// keep the answer as the refusal asked, chose the answer under the moved
// highlight. "Yes, and it helped" was saved as "No, I did not take it up";
// "No, I did not take it up", with the patient's reason "bus too dear",
// as "not known", the reason dropped. An arrow typed with the o that
// opened it from the review was only held a moment, and the next moved
// the highlight. It is now held as every single choice holding an answer
// is: the key typed ahead and the arrows after it are refused, the
// highlight stays on the answer given, and the enter after esc keeps it.

// outcomeHeldAt is the outcome question in focus, titled question, and
// the answer it came up holding, after a burst typed before it could be
// read: the highlight must still be on that answer.
func outcomeHeldAt(t *testing.T, d *driver, question string) (*field, []string) {
	t.Helper()
	f := d.m.focusedField()
	if d.m.screen != outcomeScreen || f == nil || f.kind != oneOf || !strings.Contains(flat(f.title), question) {
		t.Fatalf("the outcome question %q is not in focus:\n%s", question, d.screen())
	}
	if f.shownChosen < 0 {
		t.Fatalf("%q came up holding no answer:\n%s", question, d.screen())
	}
	if f.chosen != f.shownChosen {
		t.Fatalf("the burst typed before %q could be read changed its answer from %q to %q:\n%s", question, f.options[f.shownChosen].label, f.options[f.chosen].label, d.screen())
	}
	if f.cursor != f.chosen || !highlightOnAnswer(d.screen()) {
		t.Fatalf("an arrow typed before %q could be read moved the highlight off the answer given, %q, while keys are ignored:\n%s", question, f.options[f.chosen].label, d.screen())
	}
	return f, f.values()
}

// followUpAtOutcomes is a follow-up of a saved assessment with at least
// two agreed referrals, on its first "Did you go to …?", keys held as at
// a terminal.
func followUpAtOutcomes(t *testing.T) (*driver, record.Record) {
	t.Helper()
	st := tempStore(t)
	prev := savedScenario(t, st)
	if len(agreed(prev)) < 2 {
		t.Fatalf("the scenario agreed %d referrals, want at least 2", len(agreed(prev)))
	}
	o := withStore(testOptions(nil), st)
	o.FollowUp = &prev
	d := newDriver(t, o, 80, 24)
	d.press("enter")
	d.m.refusalHold = refusalHold // keys are held as at a terminal
	d.press("enter")
	d.waitFor("Earlier referrals", "Did you go to "+agreed(prev)[0].Name)
	time.Sleep(wordHold + 100*time.Millisecond) // the question is asked
	return d, prev
}

// escBackAfterRead presses esc once the screen has been read, and waits
// past the moment keys typed with it are held, well within the word hold
// of the question it goes back to (the tester's 0.5 s).
func escBackAfterRead(d *driver) {
	time.Sleep(wordHold + 100*time.Millisecond)
	d.press("esc")
	time.Sleep(refusalHold + 100*time.Millisecond)
}

func TestArrowsAfterAKeyRefusedOnAnOutcomeGoneBackToLeaveTheAnswerGiven(t *testing.T) {
	t.Parallel()
	d, prev := followUpAtOutcomes(t)
	d.press("2") // Yes, and it helped
	d.waitFor("Did you go to " + agreed(prev)[1].Name)
	escBackAfterRead(d)
	burst(d, "3", "down")
	f, before := outcomeHeldAt(t, d, "Did you go to "+agreed(prev)[0].Name)
	if len(before) != 1 || before[0] != record.OutcomeHelped {
		t.Fatalf("the question gone back to holds %v, want helped", before)
	}
	arrowsHeldThenKept(t, d, f, before)
}

// The reason given with "No, I did not take it up" stays with it: the
// enter after esc keeps the outcome, and the "Why not?" box comes up
// holding the patient's words.
func TestArrowsAfterAKeyRefusedOnAnOutcomeNotTakenUpKeepItsReason(t *testing.T) {
	t.Parallel()
	d, prev := followUpAtOutcomes(t)
	of := d.m.outcomeForm
	d.press("3") // No, I did not take it up
	d.waitFor("Why not? (optional)")
	time.Sleep(wordHold + 100*time.Millisecond)
	d.typeText("bus too dear")
	d.press("enter")
	d.waitFor("Did you go to " + agreed(prev)[1].Name)
	escBackAfterRead(d) // Why not?
	d.waitFor("bus too dear")
	escBackAfterRead(d) // Did you go to …?, holding 3
	burst(d, "2", "down")
	f, before := outcomeHeldAt(t, d, "Did you go to "+agreed(prev)[0].Name)
	if len(before) != 1 || before[0] != record.OutcomeNotTakenUp {
		t.Fatalf("the question gone back to holds %v, want not taken up", before)
	}
	arrowsHeldThenKept(t, d, f, before)
	if d.m.focusedField() != of.reasons[0] || of.reasons[0].text() != "bus too dear" {
		t.Fatalf("the outcome kept, its reason is not in the box that came up (%q):\n%s", of.reasons[0].text(), d.screen())
	}
	time.Sleep(wordHold + 100*time.Millisecond)
	d.press("enter")
	d.waitFor("Did you go to " + agreed(prev)[1].Name)
	if got := of.upTo(of.form.cur); len(got) == 0 || got[0].Outcome != record.OutcomeNotTakenUp || got[0].Reason != "bus too dear" {
		t.Fatalf("the outcomes given are %+v; the patient said not taken up, bus too dear", got)
	}
}

// Opened from an amendment's review with o, an arrow typed with the o is
// refused, as on a section opened so, and every arrow after it is ignored
// until esc.
func TestAnArrowTypedWithTheOThatOpenedTheOutcomesLeavesTheAnswerGiven(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	prev := savedScenario(t, st)
	fu := savedFollowUp(t, st, prev)
	o := withStore(testOptions(nil), st)
	o.Clinician, o.Team = fu.Clinician, fu.Team
	o.Amend, o.AmendReason, o.Earlier = &fu, "outcome misheard", &prev
	d := newDriver(t, o, 80, 24)
	d.waitFor("Amend assessment", "Clinician")
	d.press("enter", "tab", "enter")
	d.waitFor("Amendment · Review", "o  Earlier")
	d.m.refusalHold = refusalHold
	time.Sleep(wordHold + 100*time.Millisecond) // the review is read
	burst(d, "o", "down")
	f, before := outcomeHeldAt(t, d, "Did you go to "+agreed(prev)[0].Name)
	if len(before) != 1 || before[0] != record.OutcomeAttended {
		t.Fatalf("the amended follow-up's outcome holds %v, want attended", before)
	}
	arrowsHeldThenKept(t, d, f, before)
}

// A resumed follow-up draft opens on the outcome given before the stop,
// held as every answer of a resumed draft is.
func TestArrowsAfterAKeyRefusedOnAResumedOutcomeLeaveTheAnswerGiven(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	prev := savedScenario(t, st)
	if len(agreed(prev)) < 2 {
		t.Fatalf("the scenario agreed %d referrals, want at least 2", len(agreed(prev)))
	}
	o := withStore(testOptions(nil), st)
	o.FollowUp = &prev
	d := newDriver(t, o, 80, 24)
	d.press("enter", "enter")
	d.waitFor("Did you go to " + agreed(prev)[0].Name)
	d.press("2") // Yes, and it helped
	d.waitFor("Did you go to " + agreed(prev)[1].Name)
	d.send(stopMsg{syscall.SIGHUP})
	if out, _ := d.m.finish(nil); out.Draft == nil {
		t.Fatalf("nothing kept at the stop: %v", out.DraftErr)
	}

	o = withStore(testOptions(nil), st)
	o.Drafts = []Resumable{{Draft: drafts(t, st)[0], Base: &prev}}
	d2 := newDriver(t, o, 80, 24)
	d2.waitFor("earlier referral")
	d2.m.refusalHold = refusalHold
	time.Sleep(wordHold + 100*time.Millisecond)
	d2.press("enter")
	time.Sleep(refusalHold + 100*time.Millisecond) // past the keys held as the draft opened
	burst(d2, "1", "down")
	f, before := outcomeHeldAt(t, d2, "Did you go to "+agreed(prev)[0].Name)
	if len(before) != 1 || before[0] != record.OutcomeHelped {
		t.Fatalf("the resumed outcome holds %v, want helped", before)
	}
	arrowsHeldThenKept(t, d2, f, before)
}
