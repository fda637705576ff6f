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

// A new assessment begun while another program held the store, of a
// patient with three assessments that count, none a follow-up of another.
// The save is refused and kept in a file; the store let go, the save tried
// again reads the patient's assessments and asks, saying how many count
// and the history command to look at them. The file, rewritten as the
// store was read, and the end, the store held again, said the patient
// "already has an assessment (record …)", one record, with no history
// command: read later, it led to a follow-up of one of them, or a fourth.
// They now say what the question said: three count, not linked by a
// follow-up, the history command to look at them, and to follow up
// rather than add another.
func TestARefusedSaveOfAPatientWithSeveralAssessmentsSaysHowManyCount(t *testing.T) {
	testkit.EndToEnd(t)
	t.Parallel()
	patient := record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
	run := startHeldPlainOn(t, func(st *store.Store) {
		for i := range 3 {
			r := testkit.Assessed(t, testkit.Included(nil))
			r.Patient = patient
			r.Time = time.Now().Add(-time.Duration(3-i) * time.Hour)
			if err := st.Save(&r); err != nil {
				t.Fatal(err)
			}
		}
	})
	run.typeLines(append(append(append(append([]string{}, pipedPatient...), pipedAccess...), pipedRest...), declinedShown(t)...))
	run.typeLines([]string{"1"}) // save: refused, the store held
	run.waitForAfter("Not saved:", "Save this assessment? 1. Save 2. Go back Type a number")
	run.release()
	run.typeLines([]string{"1"}) // save again: the store free, the patient found assessed
	run.waitForAfter("Trying again", "Save as another assessment 2. Go back Type a number")
	kept, _ := filepath.Glob(filepath.Join(run.dir, "digicheck-not-saved-*.txt"))
	if len(kept) != 1 {
		t.Fatalf("%d files keep the answers, want 1:\n%s", len(kept), run.out.String())
	}
	history := "digicheck history 9434765919"
	several := func(where, said string) {
		t.Helper()
		if strings.Contains(said, "already has an assessment") {
			t.Errorf("%s says the patient already has an assessment, one, where three count:\n%s", where, said)
		}
		for _, want := range []string{"3 assessments that count, not linked by a follow-up", history, "followup 9434765919"} {
			if !strings.Contains(said, want) {
				t.Errorf("%s does not say %q:\n%s", where, want, said)
			}
		}
	}
	several("the file, as the store was read", fileSays(t, kept[0]))
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
	several("the end", said[strings.LastIndex(said, "Type a number")+len("Type a number"):])
	several("the file, at the end", fileSays(t, kept[0]))
}

// fileSays is what the file at path says of its answers, in one line:
// from after the note to the data for IT.
func fileSays(t *testing.T, path string) string {
	t.Helper()
	body := strings.Join(strings.Fields(fileBytes(t, path)), " ")
	if i := strings.Index(body, "Who gave these answers?"); i >= 0 {
		body = body[i:]
	}
	body, _, _ = strings.Cut(body, "The same answers as data, for IT:")
	return body
}
