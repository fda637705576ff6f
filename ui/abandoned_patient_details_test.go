package ui

import (
	"testing"
	"time"

	"digicheck/record"
	"digicheck/store"
)

// Patient details changed from the review and then left with esc are not
// taken: the review goes on showing the patient as recorded. Opened again
// with p, the form came up holding what had been typed and left, the
// number box saying "enter keeps this" of a number the review showed as
// not taken; enter, enter, enter saved the assessment under that other
// patient. Opened again, the details hold what the review shows: the
// identifier's kind, the number, the clinician and the team as recorded,
// in every kind of assessment.

// readThen waits until the box on screen has been read, then presses keys.
func readThen(d *driver, keys ...string) {
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
	d.press(keys...)
}

// changeDetailsAndLeave changes every patient detail the form asks, from
// the review, one box after another (the identifier switched when switch
// is set, the number replaced by number), then leaves with esc, box by
// box, back to the review without finishing.
func changeDetailsAndLeave(t *testing.T, d *driver, switchKind bool, number string) {
	t.Helper()
	detailsFromReview(d)
	p := d.m.patient
	if !p.fixed {
		d.waitFor("Identifier")
		if switchKind {
			other := "2" // local hospital number
			if p.kindCode() == record.LocalID {
				other = "1"
			}
			readThen(d, other)
		} else {
			readThen(d, "enter")
		}
		d.waitFor("Number")
		readThen(d)
		d.typeText(number)
		d.press("enter")
		d.waitFor("Clinician")
	}
	readThen(d)
	d.typeText("Dr Someone Else")
	d.press("enter")
	d.waitFor("Team")
	readThen(d)
	d.typeText("Elsewhere Ward")
	if got := d.m.patient.team.input.Value(); got != "Elsewhere Ward" {
		t.Fatalf("the team box holds %q, want the team typed:\n%s", got, d.screen())
	}
	for i := 0; d.m.screen == patientScreen; i++ {
		if i > 8 {
			t.Fatalf("esc does not lead back to the review:\n%s", d.screen())
		}
		readThen(d, "esc")
	}
	d.waitFor("Review")
}

// detailsAsRecorded fails unless the patient details on screen hold the
// patient, clinician and team recorded.
func detailsAsRecorded(t *testing.T, d *driver, patient record.PatientID, clinician, team string) {
	t.Helper()
	p := d.m.patient
	got, err := record.NewPatientID(p.kindCode(), p.id.input.Value())
	if err != nil || got != patient {
		t.Errorf("the details reopened offer the patient %v (%v), the review shows %v:\n%s", got, err, patient, d.screen())
	}
	if !p.fixed && len(p.kind.values()) != 1 {
		t.Errorf("the details reopened have no identifier kind chosen:\n%s", d.screen())
	}
	if c := p.clinician.input.Value(); c != clinician {
		t.Errorf("the details reopened offer the clinician %q, the review shows %q:\n%s", c, clinician, d.screen())
	}
	if tm := p.team.input.Value(); tm != team {
		t.Errorf("the details reopened offer the team %q, the review shows %q:\n%s", tm, team, d.screen())
	}
}

// abandonedDetailsNotOffered changes the details from the review, leaves
// them with esc, and opens them again: they hold what the review shows,
// and enter on each box, once read, keeps the assessment's patient.
func abandonedDetailsNotOffered(t *testing.T, d *driver, switchKind bool, number string) {
	t.Helper()
	patient, clinician, team := d.m.s.Patient(), d.m.s.Clinician(), d.m.s.Team()
	changeDetailsAndLeave(t, d, switchKind, number)
	if got := d.m.s.Patient(); got != patient {
		t.Fatalf("details left with esc changed the patient to %v", got)
	}
	detailsFromReview(d)
	detailsAsRecorded(t, d, patient, clinician, team)
	for i := 0; d.m.screen == patientScreen; i++ {
		if i > 6 {
			t.Fatalf("enter does not lead through the details:\n%s", d.screen())
		}
		readThen(d, "enter")
	}
	d.waitFor("Review")
	if got := d.m.s.Patient(); got != patient {
		t.Fatalf("enter through the details reopened made the patient %v, the review had shown %v", got, patient)
	}
	if c, tm := d.m.s.Clinician(), d.m.s.Team(); c != clinician || tm != team {
		t.Fatalf("enter through the details reopened made the clinician %q and team %q, the review had shown %q and %q", c, tm, clinician, team)
	}
}

func TestPatientDetailsLeftWithEscComeUpAgainAsTheReviewShowsThem(t *testing.T) {
	t.Parallel()
	t.Run("new, number changed", func(t *testing.T) {
		t.Parallel()
		d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
		toReviewWithLocal(d, "H100004")
		abandonedDetailsNotOffered(t, d, false, "H100005")
	})
	t.Run("new, identifier switched", func(t *testing.T) {
		t.Parallel()
		d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
		toReviewWithLocal(d, "H100004")
		abandonedDetailsNotOffered(t, d, true, "1112223339")
	})
	t.Run("resumed draft", func(t *testing.T) {
		t.Parallel()
		d := resumedLocal(t, scenarioAnswers.Clone(), "", "Review", "Hal · Ward 9")
		abandonedDetailsNotOffered(t, d, false, "H307")
	})
	t.Run("amendment", func(t *testing.T) {
		t.Parallel()
		old := earlier(t)
		old.Team = "Community South"
		o := testOptions((&memStore{}).Save)
		o.Amend, o.AmendReason = &old, "motivation misheard"
		d := newDriver(t, o, 80, 24)
		d.waitFor("Amend assessment", "Clinician")
		d.press("enter")
		d.waitFor("Team")
		d.press("tab")
		d.waitFor("> Community South")
		d.press("enter")
		d.waitFor("Amendment · Review")
		abandonedDetailsNotOffered(t, d, false, "")
	})
	t.Run("follow-up", func(t *testing.T) {
		t.Parallel()
		prev, dr, _, _ := noMoreInterpreter(t)
		o := testOptions((&memStore{}).Save)
		o.Drafts = []Resumable{{Draft: store.Draft{Draft: dr}, Base: &prev}}
		d := newDriver(t, o, 80, 24)
		d.waitFor("Unfinished assessments")
		d.press("enter")
		d.waitFor("Review")
		if d.m.s.FollowsUp() == nil {
			t.Fatal("the draft resumed is not a follow-up")
		}
		abandonedDetailsNotOffered(t, d, false, "")
	})
}
