//go:build !windows

package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/store"
)

// TestFOnTheNoticeOfAPatientAssessedBeforeStartsTheirFollowUp: a new
// assessment of a patient assessed before said to run "digicheck followup
// …", and gave no key to do it: a ward clinician had to stop and type the
// command (a tester at 80x24). f on the notice, once it has been read, now
// starts the follow-up of that patient at once, as the followup command
// does, and the new assessment, which held only the patient's details,
// leaves no draft behind.
func TestFOnTheNoticeOfAPatientAssessedBeforeStartsTheirFollowUp(t *testing.T) {
	t.Parallel()
	testkit.EndToEnd(t)
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, "digicheck.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := testkit.Assessed(t, testkit.Offline(nil))
	if err := st.Save(&r); err != nil {
		t.Fatal(err)
	}
	tm := startTerm(t, dir, 80, 24, nil)
	tm.waitFor("New assessment", "Identifier")
	time.Sleep(500 * time.Millisecond)
	tm.keys("1")
	tm.waitFor("NHS number: 10 digits")
	tm.keys(strings.ReplaceAll(testkit.NHSNumber, " ", ""), "enter")
	tm.waitFor("Clinician")
	tm.keys("Dr A Test", "enter")
	tm.waitFor("Team (optional)")
	tm.keys("enter")
	tm.waitFor("this patient was assessed before", "f follow it up")
	time.Sleep(1500 * time.Millisecond) // the notice is read
	tm.keys("f")
	tm.waitFor("Follow-up", "Following up the assessment of")
	tm.keys("ctrl+c") // nothing answered yet: quits
	tm.exited()
	if ds := draftsIn(t, dir); len(ds) != 0 {
		t.Fatalf("drafts left in the store: %v", ds)
	}
}
