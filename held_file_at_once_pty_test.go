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

// heldFoundAssessed starts the full screen on a store another program
// holds whose patient 9434765919 has an earlier assessment, answers all,
// has the save refused (the answers and note kept in a file), lets the
// store go and tries again (r): the read-back names the earlier
// assessment. It returns the terminal, the store's path and the earlier
// assessment.
func heldFoundAssessed(t *testing.T) (*ptyTerm, string, record.Record) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "digicheck.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	earlier := testkit.Assessed(t, testkit.Offline(nil))
	earlier.Patient = record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
	earlier.Time = time.Now().Add(-time.Hour)
	if err := st.Save(&earlier); err != nil {
		t.Fatal(err)
	}
	release := holdStore(t, path)
	tm := heldAtTheStart(t, dir)
	pastUnread(t, tm)
	writeKeys(t, tm, 0, highBarrier[firstAnswer:len(highBarrier)-2]...)
	tm.waitFor("Save?")
	time.Sleep(1500 * time.Millisecond)
	tm.keys("enter")
	tm.waitFor("Not saved")
	release()
	time.Sleep(1500 * time.Millisecond) // read
	tm.keys("r")
	tm.waitFor("Saving makes another assessment")
	time.Sleep(1500 * time.Millisecond) // read
	return tm, path, earlier
}

// keptNow is the one file beside the store at path that keeps the
// answers, read now, its words on one line.
func keptNow(t *testing.T, tm *ptyTerm, path string) (file, flat string) {
	t.Helper()
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "digicheck-not-saved-*.txt"))
	if len(kept) != 1 {
		t.Fatalf("%d files keep the answers, want 1:\n%s", len(kept), tm.vt.Text())
	}
	body := fileBytes(t, kept[0])
	flat = strings.Join(strings.Fields(body), " ")
	if _, rest, ok := strings.Cut(body, "Who gave these answers?"); ok {
		body, _, _ = strings.Cut(rest, "The same answers as data")
	}
	return body, flat // body: the file's words after the answers
}

// Held from the start and still held at the save, the patient's earlier
// assessments were never looked up. The file the screen says to keep and
// act on said only "start a new assessment of this patient and give these
// answers" until the run's end reworded it (a run killed before then left
// that): a second current assessment if they were assessed before. As soon
// as it is written it says, as the plain prompts' file does, that they
// could not be looked up, and how to look them up and follow up instead.
func TestTheFullScreensFileOfASaveRefusedOnAStoreHeldThroughoutSaysAtOnceToLookThePatientUp(t *testing.T) {
	testkit.EndToEnd(t)
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "digicheck.db")
	holdStore(t, path)
	tm := heldAtTheStart(t, dir)
	pastUnread(t, tm)
	writeKeys(t, tm, 0, highBarrier[firstAnswer:len(highBarrier)-2]...)
	tm.waitFor("Save?")
	time.Sleep(1500 * time.Millisecond)
	tm.keys("enter")
	tm.waitFor("Not saved")
	body, flat := keptNow(t, tm, path) // the run is still on the result screen
	for _, want := range []string{
		"could not be looked up: another program held the store from the start",
		"digicheck history 9434765919",
		"digicheck followup 9434765919",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the file, as written at the refused save, does not say %q:\n%s", want, body)
		}
	}
	if strings.Count(flat, "could not be looked up") != 1 {
		t.Errorf("the file says more than once that the patient could not be looked up:\n%s", body)
	}
}

// Found assessed by the retry, the store held again, the clinician saved
// the answers as another assessment after all (enter): refused again, the
// file rewritten. It said "start a new assessment of this patient and give
// these answers", with no word of the earlier assessment, until the run's
// end reworded it; the plain prompts' file and the end name it and say to
// follow it up instead. The file says so as soon as it is written.
func TestTheFullScreensFileOfASaveAsAnotherRefusedAgainNamesTheEarlierAssessmentAtOnce(t *testing.T) {
	testkit.EndToEnd(t)
	t.Parallel()
	tm, path, earlier := heldFoundAssessed(t)
	again := holdStoreNow(t, path)
	tm.keys("enter")
	tm.waitFor("Not saved")
	body, flat := keptNow(t, tm, path) // the run is still on the result screen
	if strings.Contains(flat, "start a new assessment of this patient") {
		t.Errorf("the file says to start a new assessment of this patient, without a word of the earlier one:\n%s", body)
	}
	for _, want := range []string{"already has an assessment (record " + earlier.ID.String()[:13], "digicheck followup 9434765919"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the file does not say %q:\n%s", want, body)
		}
	}
	time.Sleep(1500 * time.Millisecond) // read
	tm.keys("ctrl+c")
	tm.waitFor("f finish")
	time.Sleep(1500 * time.Millisecond) // read
	tm.keys("f")
	tm.waitFor("follow it up instead")
	time.Sleep(time.Second)
	again() // the end is said: let go, for the run to end
	if got := tm.exitStatus(); got != 1 {
		t.Errorf("exit status %d, want 1 (answers kept in a file):\n%s", got, tm.vt.Screen())
	}
	if body, end := keptNow(t, tm, path); strings.Contains(end, "start a new assessment of this patient") || !strings.Contains(end, "digicheck followup 9434765919") {
		t.Errorf("at the end the file says to start a new assessment of this patient, or not to follow up:\n%s", body)
	}
}
