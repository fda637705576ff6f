package ui

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/record"
)

// earlierAssessment is a saved assessment of the test patient, made at t
// by who.
func earlierAssessment(t *testing.T, at time.Time, who, team string) assess.Assessed {
	t.Helper()
	id, err := record.NewID()
	if err != nil {
		t.Fatal(err)
	}
	r := record.Record{ID: id, Patient: record.PatientID{Kind: record.NHSNumber, Value: validNHS}, Clinician: who, Team: team, Time: at, Status: record.Completed}
	return assess.Assessed{Current: r, First: r, Short: id.String()[:8]}
}

// givePatient types the patient's details of a new assessment, up to the
// team's enter.
func givePatient(d *driver) {
	d.waitFor("New assessment", "Identifier")
	d.press("1")
	d.typeText(validNHS)
	d.press("enter")
	readName(d)
	d.press("enter")
	d.waitFor("Team (optional)")
	d.press("enter")
}

// A new assessment of a patient who has a saved assessment that counts
// said nothing of it, and made a second one linked to none. It now says
// so before the first question, with followup and amend, at 80x24, and
// goes on only by the clinician's choice: n a new assessment, esc the
// patient's details.
func TestANewAssessmentOfAPatientAssessedBeforeSaysSoBeforeTheFirstQuestion(t *testing.T) {
	t.Parallel()
	st := &memStore{}
	o := testOptions(st.Save)
	before := earlierAssessment(t, time.Date(2026, 12, 5, 9, 0, 0, 0, time.Local), "Dr A", "Ward 1")
	asked := 0
	o.Assessed = func(p record.PatientID) ([]assess.Assessed, error) {
		asked++
		if p.Value != validNHS {
			t.Errorf("asked for patient %v", p)
		}
		return []assess.Assessed{before}, nil
	}
	d := newDriver(t, o, 80, 24)
	givePatient(d)
	d.waitFor("was assessed on 5 Dec 2026 by Dr A (Ward 1)", "digicheck followup 9434765919", "digicheck amend "+before.Short, "n new assessment", "esc change the patient")
	checkFits(t, d.m.View().Content, 80, 24)
	if strings.Contains(d.screen(), "Which of these can you use") {
		t.Fatalf("the first question is shown with the notice:\n%s", d.screen())
	}
	d.press("esc")
	d.waitFor("Team (optional)")
	d.press("enter")
	d.waitFor("digicheck followup 9434765919", "n new assessment")
	d.press("n")
	d.aloneEnds()
	d.waitFor("Access · 1 of 5", "Which of these can you use")
	if asked != 2 {
		t.Errorf("the store was read %d times for the patient, want 2 (once each time the patient was given)", asked)
	}
}

// A patient with no assessment that counts goes straight to the first
// question, and keys typed on while the store is read land on it, as
// they did before it was read.
func TestANewAssessmentOfAPatientNeverAssessedGoesStraightOn(t *testing.T) {
	t.Parallel()
	st := &memStore{}
	o := testOptions(st.Save)
	o.Assessed = func(record.PatientID) ([]assess.Assessed, error) { return nil, nil }
	d := newDriver(t, o, 80, 24)
	givePatient(d)
	d.waitFor("Access · 1 of 5", "Which of these can you use")
}

// Two windows on one patient: the other window's assessment, saved after
// this one's patient was given, is said on the read-back, before the
// save, which was not warned at all. Enter then saves, as the read-back
// asked.
func TestAnAssessmentSavedMeanwhileInAnotherWindowIsSaidOnTheReadBackBeforeTheSave(t *testing.T) {
	t.Parallel()
	st := &memStore{}
	o := testOptions(st.Save)
	var other []assess.Assessed
	o.Assessed = func(record.PatientID) ([]assess.Assessed, error) { return other, nil }
	clock := fixedNow
	o.Now = func() time.Time { return clock }
	d := newDriver(t, o, 80, 24)
	toReviewQuickly(d)
	// Window B saves its assessment of the patient meanwhile.
	other = []assess.Assessed{earlierAssessment(t, fixedNow.Add(time.Minute), "Dr B", "Ward 2")}
	clock = fixedNow.Add(2 * time.Minute)
	d.press("end", "enter")
	d.waitFor("Result", "a agrees")
	readReferral(d)
	answerReferrals(d, len(d.m.referrals()))
	d.press("enter")
	d.waitFor(confirmAsk)
	d.press("end")
	f := flat(d.screen())
	for _, w := range []string{"This patient was assessed on", "by Dr B (Ward 2) (record " + other[0].Short + "), after this assessment was started", "Saving makes another assessment of this patient"} {
		if !strings.Contains(f, w) {
			t.Fatalf("the read-back does not say %q:\n%s", w, d.screen())
		}
	}
	if st.Calls() != 0 {
		t.Fatal("saved before the read-back")
	}
	time.Sleep(d.m.wordHoldLen())
	d.press("enter")
	d.waitFor("Saved")
	if st.Calls() != 1 {
		t.Fatalf("%d saves after the read-back's enter, want 1", st.Calls())
	}
}

// Follow-ups decided "saved meanwhile" by the clocks: the store was read
// as a new assessment's patient was given, never a follow-up's, so an
// assessment of the patient saved in another window on a clock set back
// read as made before the follow-up began and was saved beside it without
// a word. A follow-up now reads the store as its patient step ends, says
// nothing of it there, and goes on to its first step; one not among those
// read is said before the save, whatever the clocks say.
func TestAFollowUpReadsTheStoreAsItBeginsSoOneSavedMeanwhileIsSaidOnAClockSetBack(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	prev := savedScenario(t, st)
	o := withStore(testOptions(nil), st)
	o.FollowUp = &prev
	given := prev.Time.Add(24 * time.Hour)
	o.Now = func() time.Time { return given }
	base := assess.Assessed{Current: prev, First: prev, Short: prev.ID.String()[:8]}
	held := []assess.Assessed{base}
	var asked atomic.Int32
	o.Assessed = func(record.PatientID) ([]assess.Assessed, error) { asked.Add(1); return held, nil }
	d := newDriver(t, o, 80, 24)
	d.press("enter")
	d.waitFor("Team (optional)")
	d.press("enter")
	d.waitFor("Earlier referrals")
	if n := asked.Load(); n != 1 {
		t.Fatalf("the store was read %d times as the follow-up began, want once", n)
	}
	if f := flat(d.screen()); strings.Contains(f, "digicheck followup") || strings.Contains(f, "n new assessment") {
		t.Fatalf("a follow-up is told what a new assessment of a patient assessed before is:\n%s", d.screen())
	}
	// Saved meanwhile in another window whose clock was two hours slow:
	// by the clocks, made before this follow-up began.
	back := earlierAssessment(t, given.Add(-2*time.Hour), "Dr B", "Ward 2")
	back.Current.Patient, back.First.Patient = prev.Patient, prev.Patient
	if got := d.m.s.SavedMeanwhile([]assess.Assessed{base, back}); !strings.Contains(got, "(record "+back.Short+"), after this assessment was started.") {
		t.Errorf("an assessment saved meanwhile on a clock set back is not said before a follow-up's save: %q", got)
	}
	if got := d.m.s.SavedMeanwhile([]assess.Assessed{base}); got != "" {
		t.Errorf("the assessment followed up is said as saved meanwhile: %q", got)
	}
}
