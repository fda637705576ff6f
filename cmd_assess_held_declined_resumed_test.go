package main

import (
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// The patient given while another program held the store (their earlier
// assessment could not be looked up), the save refused, the answers kept
// in a file; tried again once the store was free, the patient was found
// assessed already, and the clinician declined another assessment and
// stopped, the answers kept as a draft. The next start listed that draft
// with no word of the earlier assessment, and resumed, it was saved as a
// second one without a question: only an assessment made after the draft
// was started was looked for. The list now says saving it makes a second
// assessment, and the save asks again.
func TestPlainPromptsADraftDeclinedAsAnotherAssessmentIsSaidSoAndAskedAgain(t *testing.T) {
	testkit.EndToEnd(t)
	t.Parallel()
	patient := record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
	run := startHeldPlainOn(t, func(st *store.Store) {
		r := testkit.Assessed(t, testkit.Included(nil))
		r.Time = time.Now().Add(-time.Hour)
		if err := st.Save(&r); err != nil {
			t.Fatal(err)
		}
	})
	run.typeLines(append(append(append(append([]string{}, pipedPatient...), pipedAccess...), pipedRest...), declinedShown(t)...))
	run.typeLines([]string{"1"}) // save: refused, the store held
	run.waitFor("Do not paste the note until these answers are saved")
	run.waitForAfter("Not saved:", "Save this assessment? 1. Save 2. Go back Type a number")
	run.release()
	run.typeLines([]string{"1"}) // save again: the patient is found assessed
	run.waitForAfter("Trying again", "Save as another assessment 2. Go back Type a number")
	run.typeLines([]string{"2", "q"}) // go back; stop, the draft kept
	if out, err := run.end(); err == nil {
		t.Fatalf("the run ended 0 with the assessment not saved:\n%s", out)
	}

	out, errs, _ := runStoreCmdIn(t, run.path, "q\n", newFromInput, "--drafts-from-input")
	said := strings.Join(strings.Fields(out+errs), " ")
	if !strings.Contains(said, "943 476 5919") || !strings.Contains(said, "saving it would make another assessment of this patient") {
		t.Errorf("the list of drafts does not say saving the declined draft makes a second assessment:\n%s%s", out, errs)
	}

	// Resumed and taken to the save (the draft chosen, resumed, its
	// answers kept, the other referrals not gone through): asked again,
	// nothing saved unasked.
	in := strings.Join([]string{"2", "3", "1", "", "", "", "2"}, "\n") + "\n"
	out, errs, _ = runStoreCmdIn(t, run.path, in, newFromInput, "--drafts-from-input")
	said = strings.Join(strings.Fields(out+errs), " ")
	if !strings.Contains(said, "Save these answers as another assessment of this patient?") {
		t.Errorf("the resumed draft's save does not ask whether to save another assessment:\n%s%s", out, errs)
	}
	st, err := store.Open(run.path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rs, _ := st.History(patient); len(rs) != 1 {
		t.Errorf("the store holds %d records of the patient, want the one saved before:\n%s%s", len(rs), out, errs)
	}
}

// TestADraftWhosePatientWasNotLookedUpMakesASecondAssessment: a draft
// whose patient's assessments could not be read as they were given (the
// store held) makes a second assessment of a patient assessed before it
// was started, as of one assessed after; one whose patient was looked up
// does not, nor a follow-up.
func TestADraftWhosePatientWasNotLookedUpMakesASecondAssessment(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 1)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	saved := rs[0]
	id, err := record.NewID()
	if err != nil {
		t.Fatal(err)
	}
	draft := func() store.Draft {
		d := store.Draft{}
		d.ID, d.Patient, d.Started = id, saved.Patient, saved.Time.Add(time.Hour)
		return d
	}
	unread := draft()
	unread.Unread = true
	looked := draft()
	looked.Looked, looked.Seen = true, []record.ID{saved.ID}
	followUp := draft()
	followUp.Unread, followUp.FollowsUp = true, saved.ID
	if got := secondAssessment(st, unread); !strings.Contains(got, "This patient was assessed on") || !strings.Contains(got, "could not be said then") {
		t.Errorf("a draft whose patient was not looked up, of a patient assessed before it: said %q", got)
	}
	for name, d := range map[string]store.Draft{"looked up": looked, "a follow-up": followUp} {
		if got := secondAssessment(st, d); got != "" {
			t.Errorf("%s: said %q, want nothing", name, got)
		}
	}
}
