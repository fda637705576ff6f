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

// TestPlainPromptsStoppedByCtrlCAfterDecliningASecondAssessmentSayFollowUp:
// the save refused while another program held the store, the answers kept
// in a file (its note to paste into the patient record); once the store
// was free the save tried again found the patient assessed, and the nurse
// went back rather than save a second assessment. Stopped with q, the end
// says so: not saved, a pasted note to remove, follow up instead. Stopped
// with Ctrl+C (the usual way), it said the store was "in use" (the last
// try had just read it), that the answers were kept as a draft to resume,
// nothing of the pasted note, and the file still said to start a new
// assessment of this patient, the one just declined. Ctrl+C ends the run
// with the same words as q.
func TestPlainPromptsStoppedByCtrlCAfterDecliningASecondAssessmentSayFollowUp(t *testing.T) {
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
	run.waitFor("paste the note into the patient record")
	run.waitForAfter("Not saved:", "Save this assessment? 1. Save 2. Go back Type a number")
	run.release()
	run.typeLines([]string{"1"}) // save again: the patient is found assessed
	run.waitForAfter("Trying again", "Save as another assessment 2. Go back Type a number")
	run.typeLines([]string{"2"})
	time.Sleep(2 * time.Second)
	_ = run.cmd.Process.Signal(os.Interrupt)
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
	ds, err := st.Drafts()
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
