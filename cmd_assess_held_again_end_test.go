//go:build !windows

package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// A new assessment begun while another program held the store, the store
// let go before the save: the save finds the patient assessed already and
// asks, and the clinician saves the answers as another assessment. By
// then another program holds the store again: the save is refused and the
// answers and note are kept in a file, the clinician told to paste the
// note. Stopped there, the end said the store "is free now" (it was still
// held) and to enter the answers again from the file, with no word of the
// patient's earlier assessment or of the note pasted: the end and the
// file now name the earlier assessment, say the store is still in use,
// that the note pasted stands only if these answers are entered again as
// another assessment, and how to follow the patient up instead.
func TestASaveAsAnotherAssessmentRefusedByAHeldStoreSaysWhatIsTrueAtTheEnd(t *testing.T) {
	testkit.EndToEnd(t)
	t.Parallel()
	earlier := testkit.Assessed(t, testkit.Included(nil))
	earlier.Patient = record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
	earlier.Time = time.Now().Add(-time.Hour)
	run := startHeldPlainOn(t, func(st *store.Store) {
		if err := st.Save(&earlier); err != nil {
			t.Fatal(err)
		}
	})
	run.typeLines(append(append(append(append([]string{}, pipedPatient...), pipedAccess...), pipedRest...), declinedShown(t)...))
	run.typeLines([]string{"1"}) // save: refused, the store held
	run.waitForAfter("Not saved:", "Save this assessment? 1. Save 2. Go back Type a number")
	run.release()
	run.typeLines([]string{"1"}) // save again: the store free, the patient found assessed
	run.waitForAfter("Trying again", "Save as another assessment 2. Go back Type a number")
	holdStoreNow(t, run.path)    // another program holds it again
	run.typeLines([]string{"1"}) // save as another assessment: refused
	run.waitForAfter("Save as another assessment 2. Go back Type a number", "Still not saved")
	run.waitForAfter("Still not saved", "Type a number")
	run.typeLines([]string{"q"})
	out, err := run.end()
	if err == nil {
		t.Errorf("the run ended 0 with the assessment not saved:\n%s", out)
	}
	said := strings.Join(strings.Fields(out), " ")
	end := said[strings.LastIndex(said, "Type a number")+len("Type a number"):]
	if strings.Contains(end, "free now") {
		t.Errorf("the end says the store is free now, while another program still holds it:\n%s", end)
	}
	short := earlier.ID.String()[:13]
	for _, want := range []string{"still in use", "already has an assessment (record " + short, "digicheck followup 9434765919", "pasted"} {
		if !strings.Contains(end, want) {
			t.Errorf("the end does not say %q (the store still held; the earlier assessment; follow it up; the note pasted):\n%s", want, end)
		}
	}
	kept, _ := filepath.Glob(filepath.Join(run.dir, "digicheck-not-saved-*.txt"))
	if len(kept) != 1 {
		t.Fatalf("%d files keep the answers, want 1:\n%s", len(kept), out)
	}
	body := strings.Join(strings.Fields(fileBytes(t, kept[0])), " ")
	for _, want := range []string{"already has an assessment (record " + short, "digicheck followup 9434765919", "pasted"} {
		if !strings.Contains(body, want) {
			t.Errorf("the file does not say %q:\n%s", want, fileBytes(t, kept[0]))
		}
	}
	if strings.Contains(body, "start a new assessment of this patient") {
		t.Errorf("the file says to start a new assessment of this patient, without a word of the earlier one:\n%s", fileBytes(t, kept[0]))
	}
}
