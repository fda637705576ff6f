package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"digicheck/assess"
	"digicheck/record"
)

// TestAFollowUpOffersTheEarlierTeamHeldForTheWordHold: a follow-up's team
// box was empty, though the clinician's team is most often that of the
// assessment followed up. With no team given in this run, the box now
// comes up holding the earlier record's team, said so, to keep with enter
// or type over; an enter typed on with the clinician's name, before the
// team could be read, is refused and keeps nothing, as on the clinician
// box offered with a name.
func TestAFollowUpOffersTheEarlierTeamHeldForTheWordHold(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	prev := savedScenario(t, st)
	prev.Team = "Community North"
	o := withStore(testOptions(nil), st)
	o.FollowUp, o.Team = &prev, ""
	d := newDriver(t, o, 80, 24)
	d.m.refusalHold = refusalHold // keys are held as at a terminal
	d.waitFor("Clinician")
	d.typeText("Dr Own Name")
	d.press("enter", "enter") // one burst: the name's enter, and one typed on
	d.waitFor("Team", "Community North", "team of the assessment followed up")
	if d.m.patient.form.focused() != d.m.patient.team || d.m.screen != patientScreen {
		t.Fatalf("an enter typed on took the earlier team unread:\n%s", d.screen())
	}
	if s := flat(d.screen()); !strings.Contains(s, "Enter not taken") {
		t.Errorf("the enter refused is not said:\n%s", d.screen())
	}
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond) // the team is read
	d.press("enter")
	d.waitFor("Earlier referrals")
	if got := d.m.s.Team(); got != "Community North" {
		t.Errorf("the team kept is %q, want the earlier record's", got)
	}
}

// TestFOnTheNoticeStartsTheFollowUpWithoutAskingWhoAgain: f on the notice
// of a patient assessed before started the follow-up on its patient
// screen, asking clinician and team again, given a moment before. The
// follow-up now begins at the earlier referrals, done by the clinician
// and team given, said on screen, and the run that asked for it hands
// them on (Outcome.FollowUpBy).
func TestFOnTheNoticeStartsTheFollowUpWithoutAskingWhoAgain(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	o := withStore(testOptions(nil), st)
	before := earlierAssessment(t, time.Date(2026, 12, 5, 9, 0, 0, 0, time.Local), "Dr A", "Ward 1")
	o.Assessed = func(record.PatientID) ([]assess.Assessed, error) { return []assess.Assessed{before}, nil }
	o.FollowUpOffered = true
	d := newDriver(t, o, 80, 24)
	d.waitFor("New assessment", "Identifier")
	d.press("1")
	d.typeText(validNHS)
	d.press("enter")
	readName(d)
	d.typeText("Dr Own Name")
	d.press("enter")
	d.waitFor("Team (optional)")
	d.typeText("Ward 9")
	d.press("enter")
	d.waitFor("f follow it up")
	d.m.refusalHold = 100 * time.Millisecond
	time.Sleep(d.m.wordHoldLen() + 50*time.Millisecond)
	d.m.Update(keyPress("f"))
	d.m.Update(aloneMsg{seq: d.m.aloneSeq})
	out, _ := d.m.finish(nil)
	if out.FollowUpBy.Clinician != "Dr Own Name" || out.FollowUpBy.Team != "Ward 9" {
		t.Fatalf("the run hands on %+v for the follow-up, want the clinician and team given", out.FollowUpBy)
	}

	prev := savedScenario(t, st)
	o = withStore(testOptions(nil), st)
	o.FollowUp, o.FollowUpBy = &prev, out.FollowUpBy
	d2 := &driver{tb: t, m: New(o)}
	d2.run(d2.m.Init())
	d2.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	d2.waitFor("Earlier referrals", "Dr Own Name", "Ward 9")
	if s := d2.screen(); strings.Contains(s, "Clinician") && d2.m.screen == patientScreen {
		t.Fatalf("the follow-up asks who is assessing again:\n%s", s)
	}
	if d2.m.s.Clinician() != "Dr Own Name" || d2.m.s.Team() != "Ward 9" {
		t.Errorf("the follow-up is by %q, team %q", d2.m.s.Clinician(), d2.m.s.Team())
	}
}
