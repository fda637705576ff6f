package ui

import (
	"syscall"
	"testing"
	"time"

	"digicheck/questionnaire"
)

// TestAConsentWaitingWhenTheWindowClosesIsKeptInTheDraft: a referral
// agreed, then d pressed for it (shown "[declined?]", waiting to be seen
// typed on its own) when the window closes: no key followed the d, so it
// was typed on its own, and the draft kept holds the referral declined.
// (It was lost: the resumed draft said agreed, with no word of the d.)
func TestAConsentWaitingWhenTheWindowClosesIsKeptInTheDraft(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	d := newDriver(t, withStore(testOptions(nil), st), 80, 24)
	enterPatient(d)
	answerSections(d)
	d.press("end", "enter")
	d.waitFor("Result")
	readReferral(d)
	d.press("a")
	first := d.m.referrals()[d.m.referral].ProgrammeID
	if c := consentsOf(d.m); c[first] != questionnaire.Agreed {
		t.Fatalf("a did not agree to the referral highlighted: %v", c)
	}
	d.m.refusalHold = refusalHold // keys wait to be seen typed on their own, as at a terminal
	time.Sleep(wordHold)
	d.m.Update(keyPress("d")) // its wait never ends: the window closes first
	d.waitFor("[declined?")
	_, cmd := d.m.Update(stopMsg{syscall.SIGHUP})
	if !quits(cmd) {
		t.Fatal("a hang-up did not quit")
	}
	out, err := d.m.finish(nil)
	if err != nil || out.Draft == nil || out.DraftErr != nil {
		t.Fatalf("finish: %v, draft %v, draft error %v", err, out.Draft, out.DraftErr)
	}
	ds := drafts(t, st)
	if len(ds) != 1 {
		t.Fatalf("%d drafts in the store, want 1", len(ds))
	}
	if got := ds[0].Consent[first]; got != questionnaire.Declined {
		t.Fatalf("the draft kept %s %q, want declined: the d pressed before the window closed was lost", first, got)
	}
}
