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

// TestAHeldSaveTriedAgainThatFoundThePatientAssessedSaysItsEndOnce: a new
// assessment begun while another program held the store, its save
// refused (the answers and note kept in a file), tried again with r once
// the store was let go: the read-back names the patient's earlier
// assessment. Finished there (ctrl+c, f), the end said "Not saved: …
// already has an assessment", the follow-up command and what to do with
// the draft twice, once before the file was named and once after: 24
// lines where 14 would do, read as two assessments stopped. It says them
// once, with the file and the note pasted from it.
func TestAHeldSaveTriedAgainThatFoundThePatientAssessedSaysItsEndOnce(t *testing.T) {
	testkit.EndToEnd(t)
	t.Parallel()
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
	tm.keys("ctrl+c")
	tm.waitFor("f finish")
	time.Sleep(1500 * time.Millisecond) // read
	tm.keys("f")
	if got := tm.exitStatus(); got != 1 {
		t.Errorf("exit status %d, want 1 (answers kept in a file):\n%s", got, tm.vt.Screen())
	}
	// All the terminal holds: the end is longer than the screen.
	said := strings.Join(strings.Fields(strings.ReplaceAll(tm.vt.Text(), " \\\n", " ")), " ")
	for _, once := range []string{"already has an assessment (record " + earlier.ID.String()[:13], "Not saved in the store: the answers are kept in"} {
		if n := strings.Count(said, once); n != 1 {
			t.Errorf("the end says %q %d times, want once:\n%s", once, n, tm.vt.Text())
		}
	}
	if !strings.Contains(said, "pasted") {
		t.Errorf("the end does not say what to do with a note pasted from the file:\n%s", tm.vt.Screen())
	}
}
