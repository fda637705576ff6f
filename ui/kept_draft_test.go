package ui

import (
	"strings"
	"syscall"
	"testing"

	"digicheck/store"
)

// startNewFor starts a new assessment beside the drafts on offer and
// enters the scenario patient, whose draft draftAt keeps.
func startNewFor(t *testing.T, d *driver) {
	t.Helper()
	d.waitFor("Unfinished assessments")
	d.press("n")
	enterPatientNoWait(d)
}

// enterPatientNoWait enters the scenario patient, as enterPatient does,
// and stops once the patient's details are given.
func enterPatientNoWait(d *driver) {
	d.waitFor("New assessment", "Identifier")
	d.press("1")
	d.waitFor("NHS number: 10 digits")
	d.typeText(validNHS)
	d.press("enter")
	d.waitFor("Clinician")
	d.press("enter")
	d.waitFor("Team (optional)")
	d.press("enter")
}

// TestANewAssessmentOfAPatientWithADraftSaysSoFirst: a clinician starts a
// new assessment of a patient whose unfinished assessment is kept. Before
// the first question the screen names the draft (who, when, how far) and
// offers to resume it; keys typed with the patient's details answer
// nothing; r resumes the draft where it was left, and n starts the new
// assessment anyway, leaving the draft on the list.
func TestANewAssessmentOfAPatientWithADraftSaysSoFirst(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	dr := draftAt(t, st)

	t.Run("resume", func(t *testing.T) {
		o := withStore(testOptions(nil), st)
		o.Drafts = offered(dr)
		d := newDriver(t, o, 80, 24)
		startNewFor(t, d)
		d.waitFor("this patient has an unfinished assessment", "An unfinished assessment of NHS 943 476 5919 is kept as a draft",
			"by Nurse Bea Draft", "Reached Motivation and trust (3 of 5)", "r resume the draft", "n new assessment anyway")
		if d.m.screen != patientScreen || len(d.m.s.Answers()) != 0 {
			t.Fatalf("an answer was taken before the draft was said")
		}
		d.press("x", "1") // typed for the first question: nothing
		d.waitFor("An unfinished assessment of NHS 943 476 5919")
		d.press("esc", "r")
		d.waitFor("Motivation and trust · 3 of 5", "recorded as done by Nurse Bea Draft")
		if d.m.s.ID() != dr.ID {
			t.Errorf("resumed %s, want the draft %s", d.m.s.ID(), dr.ID)
		}
	})

	t.Run("new anyway", func(t *testing.T) {
		o := withStore(testOptions(nil), st)
		o.Drafts = offered(dr)
		d := newDriver(t, o, 80, 24)
		startNewFor(t, d)
		d.waitFor("An unfinished assessment of NHS 943 476 5919")
		d.press("n")
		d.waitFor("Access · 1 of 5", "Which of these can you use")
		if d.m.s.ID() == dr.ID || len(d.m.drafts) != 1 {
			t.Errorf("the new assessment took the draft's place (%d drafts on offer)", len(d.m.drafts))
		}
	})

	t.Run("window closed while asked", func(t *testing.T) {
		// Nothing of the new assessment is given but the patient: it
		// is not kept as a second draft of the patient beside the first.
		o := withStore(testOptions(nil), st)
		o.Drafts = offered(dr)
		d := newDriver(t, o, 80, 24)
		startNewFor(t, d)
		d.waitFor("An unfinished assessment of NHS 943 476 5919")
		d.send(stopMsg{syscall.SIGHUP})
		if out, _ := d.m.finish(nil); out.Draft != nil || len(drafts(t, st)) != 1 {
			t.Fatalf("a second draft of the patient was kept (%d drafts)", len(drafts(t, st)))
		}
	})

	t.Run("open elsewhere", func(t *testing.T) {
		// Not on offer here: said, with how to resume it, and only n
		// goes on.
		o := withStore(testOptions(nil), st)
		o.Elsewhere = []Elsewhere{{Draft: store.Draft{Draft: dr.Draft, Saved: dr.Saved}, How: "It is open in another window: finish it there."}}
		d := newDriver(t, o, 80, 24)
		enterPatientNoWait(d)
		d.waitFor("An unfinished assessment of NHS 943 476 5919", "It is open in another window: finish it there.", "n new assessment anyway")
		if strings.Contains(d.screen(), "r resume") {
			t.Errorf("offers to resume a draft not on offer here:\n%s", d.screen())
		}
		d.press("r")
		d.waitFor("An unfinished assessment of NHS 943 476 5919")
		d.press("esc", "n")
		d.waitFor("Access · 1 of 5")
	})

	t.Run("another patient", func(t *testing.T) {
		o := withStore(testOptions(nil), st)
		d := newDriver(t, o, 80, 24)
		enterPatient(d)
	})
}
