package ui

import (
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/record"
)

// TestAPatientAssessedBeforeCanBeFollowedUpFromTheNoticeByF: a new
// assessment of a patient assessed before said to run "digicheck followup
// …", with no key to do so: a ward clinician had to stop and type the
// command (a tester at 80x24). Where the command can start the follow-up
// (Options.FollowUpOffered), f on the notice now ends this run asking for
// a follow-up of the patient (Outcome.FollowUp), the new assessment's
// draft removed. An f typed before the notice could be read (within the
// word hold of its coming on screen) does nothing, and says so; so does an
// f where no follow-up can be started from here.
func TestAPatientAssessedBeforeCanBeFollowedUpFromTheNoticeByF(t *testing.T) {
	t.Parallel()
	patient := record.PatientID{Kind: record.NHSNumber, Value: validNHS}
	notice := func(t *testing.T, offered bool) (*driver, *[]record.ID) {
		st := tempStore(t)
		o := withStore(testOptions(nil), st)
		before := earlierAssessment(t, time.Date(2026, 12, 5, 9, 0, 0, 0, time.Local), "Dr A", "Ward 1")
		o.Assessed = func(record.PatientID) ([]assess.Assessed, error) { return []assess.Assessed{before}, nil }
		o.FollowUpOffered = offered
		var discarded []record.ID
		discard := o.DiscardDraft
		o.DiscardDraft = func(id record.ID) error { discarded = append(discarded, id); return discard(id) }
		d := newDriver(t, o, 80, 24)
		givePatient(d)
		d.waitFor("digicheck followup 9434765919")
		checkFits(t, d.m.View().Content, 80, 24)
		return d, &discarded
	}

	t.Run("f once the notice is read", func(t *testing.T) {
		t.Parallel()
		d, discarded := notice(t, true)
		d.waitFor("f follow it up")
		d.m.refusalHold = 100 * time.Millisecond // the word hold: 300 ms
		time.Sleep(d.m.wordHoldLen() + 50*time.Millisecond)
		d.m.Update(keyPress("f"))
		_, cmd := d.m.Update(aloneMsg{seq: d.m.aloneSeq})
		if !quits(cmd) {
			t.Fatalf("f on the notice did not end the run for the follow-up:\n%s", d.screen())
		}
		out, err := d.m.finish(nil)
		if err != nil || out.FollowUp != patient || out.Draft != nil || out.Discarded || out.Interrupted {
			t.Fatalf("finish: %v, follow-up %v (want %v), draft %v, discarded %v, interrupted %v", err, out.FollowUp, patient, out.Draft, out.Discarded, out.Interrupted)
		}
		if id := d.m.s.ID(); !id.IsZero() && (len(*discarded) != 1 || (*discarded)[0] != id) {
			t.Fatalf("the new assessment's draft %v was not removed (removed %v)", id, *discarded)
		}
	})
	t.Run("f before the notice could be read", func(t *testing.T) {
		t.Parallel()
		d, _ := notice(t, true)
		d.m.refusalHold = 200 * time.Millisecond // the word hold: 600 ms
		d.m.earlierAt = time.Now()
		time.Sleep(d.m.refusalHold + 50*time.Millisecond) // past the hold of keys typed with the team's enter
		d.m.Update(keyPress("f"))
		_, cmd := d.m.Update(aloneMsg{seq: d.m.aloneSeq})
		if quits(cmd) {
			t.Fatalf("an f typed before the notice could be read started the follow-up")
		}
		if s := flat(d.screen()); !strings.Contains(s, "came before this could be read") {
			t.Fatalf("the f is not said to be refused:\n%s", d.screen())
		}
		if out, _ := d.m.finish(nil); out.FollowUp != (record.PatientID{}) {
			t.Fatalf("the run asks for a follow-up of %v", out.FollowUp)
		}
	})
	t.Run("no follow-up offered", func(t *testing.T) {
		t.Parallel()
		d, _ := notice(t, false)
		if strings.Contains(d.screen(), "f follow it up") {
			t.Fatalf("f is offered where no follow-up can be started:\n%s", d.screen())
		}
		d.m.refusalHold = 100 * time.Millisecond
		time.Sleep(d.m.wordHoldLen() + 50*time.Millisecond)
		d.m.Update(keyPress("f"))
		if _, cmd := d.m.Update(aloneMsg{seq: d.m.aloneSeq}); quits(cmd) {
			t.Fatalf("f ended the run where no follow-up can be started")
		}
	})
}
