//go:build !windows

package main

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// TestTheFullScreenStoppedWhereTheSaveFoundThePatientAssessedSaysFollowUp:
// a new assessment begun while another program held the store, its
// patient not looked up as given, the store let go since: the read-back
// names the patient's earlier assessment and says saving makes another.
// Stopped there (ctrl+c and k, or the window closed), the answers kept as
// a draft, the end said "Not finished: … kept as a draft. Run digicheck to
// resume it", with no word of the earlier assessment: the second
// assessment the read-back had just held back. It now says the patient
// already has an assessment, that these answers were not saved, to follow
// the patient up instead, and to resume the draft only to save them as
// another assessment after all.
func TestTheFullScreenStoppedWhereTheSaveFoundThePatientAssessedSaysFollowUp(t *testing.T) {
	testkit.EndToEnd(t)
	t.Parallel()
	for _, c := range []struct {
		name   string
		stop   func(tm *ptyTerm)
		status int
	}{
		{"ctrl+c, k", func(tm *ptyTerm) {
			tm.keys("ctrl+c")
			tm.waitFor("Discard this assessment?")
			time.Sleep(600 * time.Millisecond) // read
			tm.keys("k")
		}, 130},
		{"window closed", func(tm *ptyTerm) { _ = tm.cmd.Process.Signal(syscall.SIGHUP) }, 129},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			path := filepath.Join(dir, "digicheck.db")
			st, err := store.Open(path, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			earlier := testkit.Assessed(t, testkit.Offline(nil))
			earlier.Patient = record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
			earlier.Clinician, earlier.Team = "Dr Dee", "Ward 1"
			if err := st.Save(&earlier); err != nil {
				t.Fatal(err)
			}
			release := holdStore(t, path)
			tm := heldAtTheStart(t, dir)
			pastUnread(t, tm)
			release() // let go while the questions are answered
			writeKeys(t, tm, 0, highBarrier[firstAnswer:len(highBarrier)-2]...)
			tm.waitFor("Save?")
			tm.keys(endKey) // the read-back read to its end
			tm.waitFor("Saving makes another assessment")
			time.Sleep(1500 * time.Millisecond) // read
			c.stop(tm)
			if got := tm.exitStatus(); got != c.status {
				t.Errorf("exit status %d, want %d:\n%s", got, c.status, tm.vt.Screen())
			}
			said := strings.ReplaceAll(flatScreen(tm), " \\ ", " ")
			if strings.Contains(said, "to resume it") || strings.Contains(said, "Not finished") {
				t.Errorf("the end says to resume the draft, the second assessment the read-back held back:\n%s", tm.vt.Screen())
			}
			for _, want := range []string{"already has an assessment", "not saved", "digicheck followup 9434765919", "only to save them as another assessment"} {
				if !strings.Contains(said, want) {
					t.Errorf("the end does not say %q (the patient already assessed; not saved; follow up; the draft only for another assessment):\n%s", want, tm.vt.Screen())
				}
			}
			st2, err := store.Open(path, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if rs, err := st2.History(earlier.Patient); err != nil || len(rs) != 1 {
				t.Errorf("the store holds %d records of the patient (%v), want the earlier one", len(rs), err)
			}
			if ds, _ := st2.ListDrafts(0); len(ds) != 1 || ds[0].Patient != earlier.Patient {
				t.Errorf("the store keeps %d drafts, want this assessment's", len(ds))
			}
		})
	}
}
