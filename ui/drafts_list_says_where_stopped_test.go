package ui

import (
	"fmt"
	"strings"
	"syscall"
	"testing"

	"digicheck/store"
)

// The list of drafts said where a draft would resume, worked out from the
// section reached, as if it were where it stopped: an amendment stopped in
// the Access section was listed "Reached the result" (its record's
// referral answers, copied into it, read as a result reached), and a
// follow-up stopped at "Why not?" of an earlier referral was listed
// "Reached Access (1 of 5) · 0 answers", a section it never opened. Each
// entry now says where the draft stopped and what it holds.

// TestTheDraftsListSaysAnAmendmentStoppedInASection: an amendment opened
// at Access from its review, then stopped there and kept.
func TestTheDraftsListSaysAnAmendmentStoppedInASection(t *testing.T) {
	t.Parallel()
	old := earlier(t)
	o := testOptions(nil)
	o.Draft = func(*store.Draft) error { return nil }
	o.Clinician, o.Team = old.Clinician, old.Team
	o.Amend, o.AmendReason = &old, "checked again"
	d := newDriver(t, o, 80, 24)
	d.waitFor("Amend assessment", "Clinician")
	d.press("enter", "tab", "enter") // the clinician given; the record's team, by Tab
	d.waitFor("Amendment · Review")
	d.press("1")
	d.waitFor("Access · 1 of 5")
	d.press("ctrl+c")
	d.waitFor("k keep as a draft and quit")
	if _, cmd := d.m.Update(keyPress("k")); !quits(cmd) {
		t.Fatal("k did not quit")
	}
	out, _ := d.m.finish(nil)
	if out.Draft == nil {
		t.Fatalf("nothing kept at the stop: %v", out.DraftErr)
	}

	o = testOptions(nil)
	o.Drafts = []Resumable{{Draft: *out.Draft, Base: &old}}
	d2 := newDriver(t, o, 80, 24)
	d2.waitFor("Unfinished assessments", "amendment")
	want := fmt.Sprintf("Stopped in Access (1 of 5) · %d answers", len(old.Answers))
	if s := flat(d2.screen()); !strings.Contains(s, want) || strings.Contains(s, "the result") {
		t.Errorf("the amendment stopped in Access is not listed %q:\n%s", want, d2.screen())
	}
}

// TestTheDraftsListSaysAFollowUpStoppedAtWhyNot: a follow-up stopped with
// "No, I did not take it up" confirmed for the first earlier referral and
// a reason typed, not confirmed, in its "Why not?".
func TestTheDraftsListSaysAFollowUpStoppedAtWhyNot(t *testing.T) {
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
	d.send(stopMsg{syscall.SIGHUP})
	out, _ := d.m.finish(nil)
	if out.Draft == nil {
		t.Fatalf("nothing kept at the stop: %v", out.DraftErr)
	}

	o = withStore(testOptions(nil), st)
	o.Drafts = []Resumable{{Draft: drafts(t, st)[0], Base: &prev}}
	d2 := newDriver(t, o, 80, 24)
	d2.waitFor("Unfinished assessments", "follow-up")
	want := `Stopped at the earlier referrals, "Why not?" for ` + flat(ref.Name) + " · 0 answers · 1 earlier referral followed up · 1 not confirmed"
	if s := flat(d2.screen()); !strings.Contains(s, want) || strings.Contains(s, "Access") {
		t.Errorf("the follow-up stopped at Why not? is not listed %q:\n%s", want, d2.screen())
	}
}

// TestTheDraftsListSaysANewAssessmentStoppedAfterGoingBack: a new
// assessment that reached Skills, went back to Access and stopped there
// says so: it stopped in Access, and holds the answers given.
func TestTheDraftsListSaysANewAssessmentStoppedAfterGoingBack(t *testing.T) {
	t.Parallel()
	o := testOptions(nil)
	o.Draft = func(*store.Draft) error { return nil }
	d := newDriver(t, o, 80, 24)
	toSkills(d, "2")
	d.waitFor("Skills · 2 of 5")
	d.press("esc")
	d.waitFor("Access · 1 of 5")
	d.press("ctrl+c")
	d.waitFor("k keep as a draft and quit")
	if _, cmd := d.m.Update(keyPress("k")); !quits(cmd) {
		t.Fatal("k did not quit")
	}
	out, _ := d.m.finish(nil)
	if out.Draft == nil {
		t.Fatalf("nothing kept at the stop: %v", out.DraftErr)
	}
	o = testOptions(nil)
	o.Drafts = []Resumable{{Draft: *out.Draft}}
	d2 := newDriver(t, o, 80, 24)
	d2.waitFor("Unfinished assessments")
	want := fmt.Sprintf("Stopped in Access (1 of 5) · %d answers", len(out.Draft.Answers))
	if s := flat(d2.screen()); !strings.Contains(s, want) {
		t.Errorf("not listed %q:\n%s", want, d2.screen())
	}
}
