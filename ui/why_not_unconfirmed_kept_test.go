package ui

import (
	"strings"
	"syscall"
	"testing"

	"digicheck/record"
)

// TestAWhyNotReasonTypedAndNotConfirmedIsKeptAtAStopAndShownAgain: in a
// follow-up, "No, I did not take it up", then "bus too dear" typed in
// "Why not? (optional)", and the window closed before enter: the outcome
// was kept and the reason, the patient's own words, lost; resumed, the box
// was empty. Other text boxes keep text not confirmed, and bring it back
// marked "not confirmed before the stop". The reason now does the same:
// the draft keeps it apart, never as the outcome's reason; resumed, the
// follow-up opens on the box with it, saying it is to be confirmed; and
// enter confirms it as the reason.
func TestAWhyNotReasonTypedAndNotConfirmedIsKeptAtAStopAndShownAgain(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	prev := savedScenario(t, st)
	ref := prev.Recommendation.Referrals[0]
	o := withStore(testOptions(nil), st)
	o.FollowUp = &prev
	d := newDriver(t, o, 80, 24)
	d.press("enter", "enter")
	d.waitFor("Earlier referrals", "Did you go to "+ref.Name)
	d.press("3") // No, I did not take it up
	d.waitFor("Why not? (optional)")
	d.typeText("bus too dear")
	d.press("ctrl+c")
	d.waitFor("Discard this follow-up?")
	if s := flat(d.screen()); !strings.Contains(s, "Not confirmed with enter: Why not ("+flat(ref.Name)+")") {
		t.Errorf("the stop question does not say the reason is not confirmed:\n%s", d.screen())
	}
	d.press("n") // keep going
	d.send(stopMsg{syscall.SIGHUP})
	out, _ := d.m.finish(nil)
	if out.Draft == nil {
		t.Fatalf("nothing kept at the stop: %v", out.DraftErr)
	}
	dr := *out.Draft
	if len(dr.Outcomes) != 1 || dr.Outcomes[0].Outcome != record.OutcomeNotTakenUp || dr.Outcomes[0].Reason != "" {
		t.Fatalf("the draft's outcomes are %+v; want %s not taken up, with no reason confirmed", dr.Outcomes, ref.ProgrammeID)
	}
	if got := dr.UnconfirmedReasons[ref.ProgrammeID]; got != "bus too dear" {
		t.Fatalf("the draft lost the reason typed and not confirmed: %q (unconfirmed reasons %v)", got, dr.UnconfirmedReasons)
	}

	o = withStore(testOptions(nil), st)
	o.Drafts = []Resumable{{Draft: drafts(t, st)[0], Base: &prev}}
	d2 := newDriver(t, o, 80, 24)
	d2.waitFor("1 earlier referral followed up")
	d2.press("enter")
	d2.waitFor("Why not? (optional)", "bus too dear")
	if s := flat(d2.screen()); !strings.Contains(s, "not confirmed before the stop") {
		t.Errorf("resumed, the screen does not say the reason was not confirmed:\n%s", d2.screen())
	}
	if _, why, _ := d2.m.s.Outcome(ref.ProgrammeID); why != "" {
		t.Errorf("resumed, the reason never confirmed is taken as the outcome's: %q", why)
	}
	again, _ := d2.m.draftNow(true) // stopped again at once: still kept
	if again.UnconfirmedReasons[ref.ProgrammeID] != "bus too dear" || again.Outcomes[0].Reason != "" {
		t.Fatalf("stopped again at once, the draft holds outcomes %+v, unconfirmed reasons %v", again.Outcomes, again.UnconfirmedReasons)
	}
	d2.press("enter") // confirmed
	d2.waitFor("Did you go to " + prev.Recommendation.Referrals[1].Name)
	confirmed, _ := d2.m.draftNow(true)
	if len(confirmed.UnconfirmedReasons) != 0 {
		t.Errorf("confirmed, the draft still holds the reason as not confirmed: %v", confirmed.UnconfirmedReasons)
	}
	if len(confirmed.Outcomes) == 0 || confirmed.Outcomes[0].ProgrammeID != ref.ProgrammeID || confirmed.Outcomes[0].Reason != "bus too dear" {
		t.Errorf("confirmed, the draft's outcomes are %+v; want the reason bus too dear", confirmed.Outcomes)
	}
}
