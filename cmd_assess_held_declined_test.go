package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// An assessment begun while another program held the store, its save
// refused (the answers and note kept in a file, the clinician told to
// paste the note), and tried again once the store was free, finds the
// patient already assessed: the clinician declines a second assessment
// (Go back) and stops, with q or with Ctrl+C. The end said the store was
// "still in use by another program" (the last try had read it) and to
// enter the answers again from the file as a new assessment (the second
// assessment just declined), and kept no draft in the store, now free;
// Ctrl+C, once q said it right, still said so and left the file's "start
// a new assessment of this patient". Both now say the assessment was not
// saved because the patient is already assessed, that a note pasted from
// the file is not a saved record's and is to be removed, and how to
// follow the patient up instead; the answers are kept as a draft in the
// store, and the file says the same.
func TestPlainPromptsDecliningASecondAssessmentAfterAHeldSaveSayFollowUpNotEnterAgain(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		stop func(run *heldPlain)
	}{
		{"q", func(run *heldPlain) { run.typeLines([]string{"q"}) }},
		{"Ctrl+C", func(run *heldPlain) {
			// At the question Go back returns to: the first referral.
			run.waitForAfter("2. Go back", "Does the patient agree to this referral?")
			_ = run.cmd.Process.Signal(os.Interrupt)
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			declineASecondAssessmentAfterAHeldSave(t, c.stop)
		})
	}
}

func declineASecondAssessmentAfterAHeldSave(t *testing.T, stop func(*heldPlain)) {
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
	run.typeLines([]string{"2"}) // go back
	stop(run)
	out, err := run.end()
	if err == nil {
		t.Errorf("the run ended 0 with the assessment not saved:\n%s", out)
	}
	said := strings.Join(strings.Fields(out), " ")
	end := said[strings.LastIndex(said, "Go back")+len("Go back"):]
	if strings.Contains(end, "still in use") {
		t.Errorf("the end says the store is still in use, though the last try read it:\n%s", end)
	}
	if strings.Contains(end, "enter them again") {
		t.Errorf("the end says to enter the answers again (a second assessment, just declined):\n%s", end)
	}
	for _, want := range []string{"already", "digicheck followup 9434765919", "remove it"} {
		if !strings.Contains(end, want) {
			t.Errorf("the end does not say %q (the patient already assessed; follow up; remove a note pasted from the file):\n%s", want, end)
		}
	}
	kept, _ := filepath.Glob(filepath.Join(run.dir, "digicheck-not-saved-*.txt"))
	for _, k := range kept {
		body := strings.Join(strings.Fields(fileBytes(t, k)), " ")
		if strings.Contains(body, "start a new assessment of this patient") {
			t.Errorf("the file %s says to start a new assessment of this patient, just declined", k)
		}
		if !strings.Contains(body, "digicheck followup 9434765919") || !strings.Contains(body, "remove it") {
			t.Errorf("the file %s does not say to follow the patient up, and to remove a note pasted from it", k)
		}
	}
	st, err := store.Open(run.path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ds, err := st.ListDrafts(0)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || ds[0].Patient != patient || len(ds[0].Answers) == 0 {
		t.Errorf("the store, free at the stop, keeps %d drafts; want this assessment's:\n%s", len(ds), out)
	}
	if rs, _ := st.History(patient); len(rs) != 1 {
		t.Errorf("the store holds %d records of the patient, want the one saved before", len(rs))
	}
}

// waitFor waits until the output holds words (spaces folded).
func (r *heldPlain) waitFor(words string) {
	r.t.Helper()
	r.waitForAfter("", words)
}

// waitForAfter waits until the output holds words after the last after.
func (r *heldPlain) waitForAfter(after, words string) {
	r.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		said := strings.Join(strings.Fields(r.out.String()), " ")
		if i := strings.LastIndex(said, after); after == "" && strings.Contains(said, words) || after != "" && i >= 0 && strings.Contains(said[i:], words) {
			return
		}
		if time.Now().After(deadline) {
			r.t.Fatalf("no %q:\n%s", words, r.out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}
