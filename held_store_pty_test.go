//go:build !windows

package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// TestTheFullScreenOnAStoreHeldByAnotherProgramSavesInItOnceLetGo: at a
// terminal, a new assessment started while another process holds the
// store's lock is not stopped: the box says the store is in use, before
// the first question; the store let go before the save, the assessment is
// saved in it, and no file is written.
func TestTheFullScreenOnAStoreHeldByAnotherProgramSavesInItOnceLetGo(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "digicheck.db")
	release := holdStore(t, path)
	tm := heldAtTheStart(t, dir)
	review := slices.Index(highBarrier, alone) // the pause on the review
	pastUnread(t, tm)
	writeKeys(t, tm, 0, highBarrier[firstAnswer:review]...)
	tm.waitFor("Review")
	settled(tm)
	if s := boxFlat(tm); !strings.Contains(s, "Store in use: answers kept in a file if it is still in use when you save") || strings.Contains(s, "could not be kept") {
		// Each answer's draft refused as in use, said at every one, hid
		// the review's foot; the reminder says where the answers go.
		t.Errorf("the review does not remind that the store is in use, or says a draft was not kept:\n%s", tm.vt.Screen())
	}
	release() // let go while the review is read
	writeKeys(t, tm, 0, highBarrier[review:]...)
	tm.waitFor("Saved · record")
	tm.keys("q")
	if got := tm.exitStatus(); got != 0 {
		t.Errorf("exit status %d, want 0 (saved in the store):\n%s", got, tm.vt.Screen())
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rs, err := st.History(record.PatientID{Kind: record.NHSNumber, Value: "9434765919"})
	if err != nil || len(rs) != 1 {
		t.Errorf("the store let go before the save holds %d records of the patient (%v), want the assessment:\n%s", len(rs), err, tm.vt.Screen())
	}
	if kept, _ := filepath.Glob(filepath.Join(dir, "digicheck-not-saved-*")); len(kept) > 0 {
		t.Errorf("a file was written although the store was let go before the save: %v", kept)
	}
	if s := flatScreen(tm); !strings.Contains(s, "Saved 1 assessment(s)") || strings.Contains(s, ".digicheck-") || strings.Contains(s, "could not save") {
		t.Errorf("the end does not say the assessment was saved, or names a temporary file, or says the store could not save:\n%s", tm.vt.Screen())
	}
}

// TestTheFullScreenOnAStoreStillHeldAtTheSaveKeepsTheAnswersInAFile: the
// store still held at the save, the answers and the note are kept in the
// not-saved file beside it, the screen says so and why, and the end says
// the store is still in use and to enter them again once it is free.
func TestTheFullScreenOnAStoreStillHeldAtTheSaveKeepsTheAnswersInAFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "digicheck.db")
	release := holdStore(t, path)
	tm := heldAtTheStart(t, dir)
	pastUnread(t, tm)
	// The save reads the store first (2 s while it is held): the
	// read-back comes after that, and is read before its enter.
	writeKeys(t, tm, 0, highBarrier[firstAnswer:len(highBarrier)-2]...)
	tm.waitFor("Save?")
	time.Sleep(1500 * time.Millisecond)
	tm.keys("enter")
	tm.waitFor("Not saved")
	kept, _ := filepath.Glob(filepath.Join(dir, "digicheck-not-saved-*.txt"))
	if len(kept) != 1 {
		t.Fatalf("%d files keep the answers, want 1; the screen shows:\n%s", len(kept), tm.vt.Screen())
	}
	if k := fileBytes(t, kept[0]); !strings.Contains(k, "9434765919") || !strings.Contains(k, "Digital inclusion check") {
		t.Errorf("the kept file lacks the patient or the note:\n%s", k)
	}
	if s := flatScreen(tm); !strings.Contains(s, "another program") || !strings.Contains(s, "kept in") || strings.Contains(s, "is damaged") {
		t.Errorf("the refused save does not say another program holds the store and where the answers are kept, or calls it damaged:\n%s", tm.vt.Screen())
	}
	time.Sleep(1500 * time.Millisecond) // read
	tm.keys("ctrl+c")
	tm.waitFor("f finish")
	time.Sleep(1500 * time.Millisecond) // read
	tm.keys("f")
	if got := tm.exitStatus(); got != 1 {
		t.Errorf("exit status %d, want 1 (not saved in the store):\n%s", got, tm.vt.Screen())
	}
	if s := flatScreen(tm); !strings.Contains(s, "still in use") || !strings.Contains(s, "once it is free") || strings.Contains(s, ".digicheck-") {
		t.Errorf("the end does not say the store is still in use and what to do once it is free, or names a temporary file:\n%s", tm.vt.Screen())
	}
	if again, _ := filepath.Glob(filepath.Join(dir, "digicheck-not-saved-*")); len(again) != 1 {
		t.Errorf("files keeping the answers after the end: %v, want the one", again)
	}
	release()
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rs, err := st.History(record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}); err != nil || len(rs) != 0 {
		t.Errorf("the store held throughout holds %d records of the patient (%v), want none", len(rs), err)
	}
}

// TestTheFullScreenOnAStoreHeldAsThePatientIsGivenSaysSoAndAsksAtTheSave:
// the patient, assessed before, given while another process held the
// store, went straight to the first question without a word (their
// assessments read in the blank stand-in, which holds none), and the save,
// the store let go, made a second current assessment, which followup and
// due then used. The patient screen now says the earlier assessments cannot
// be looked up; the save reads the store itself, let go, and the read-back
// names the earlier assessment before anything is saved.
func TestTheFullScreenOnAStoreHeldAsThePatientIsGivenSaysSoAndAsksAtTheSave(t *testing.T) {
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
	time.Sleep(1500 * time.Millisecond)
	said := boxFlat(tm)
	for _, w := range []string{"by Dr Dee (Ward 1) (record " + earlier.ID.String()[:8], "the store was in use by another program when this patient was given"} {
		if !strings.Contains(said, w) {
			t.Fatalf("the read-back, the store let go, does not say %q:\n%s", w, tm.vt.Screen())
		}
	}
	st2, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rs, err := st2.History(earlier.Patient); err != nil || len(rs) != 1 {
		t.Fatalf("the store holds %d records of the patient (%v) before the read-back was answered, want the earlier one", len(rs), err)
	}
}

// firstAnswer is where highBarrier's keys for the first question begin,
// after the patient's details.
var firstAnswer = slices.Index(highBarrier, "Dr A Test") + 3

// pastUnread gives the clinician and the team of a patient given on a store
// another process holds, waits for the patient screen to say their earlier
// assessments cannot be looked up, reads it, and goes on (n) to the first
// question, read in its turn.
func pastUnread(t *testing.T, tm *ptyTerm) {
	t.Helper()
	writeKeys(t, tm, 0, highBarrier[3:firstAnswer]...)
	tm.waitFor("cannot be looked up now")
	if s := tm.vt.Screen(); strings.Contains(s, "Which of these") || strings.Contains(s, "f follow") {
		t.Errorf("the first question, or a follow-up, is offered with the patient's earlier assessments unread:\n%s", s)
	}
	time.Sleep(1500 * time.Millisecond) // read
	tm.keys("n")
	tm.waitFor("Access · 1 of")
	time.Sleep(1500 * time.Millisecond) // read
}

// heldAtTheStart starts digicheck at an 80x24 terminal on the store in dir,
// which another process holds, and waits for the box to say the store is
// in use before the first question; then gives the patient's number.
func heldAtTheStart(t *testing.T, dir string) *ptyTerm {
	t.Helper()
	tm := startTerm(t, dir, 80, 24, nil)
	deadline := time.Now().Add(20 * time.Second)
	for {
		s := boxFlat(tm)
		if strings.Contains(s, heldStart) && strings.Contains(s, heldStartKept) && strings.Contains(s, "NHS number") {
			if strings.Contains(s, "is damaged") || strings.Contains(s, "are damaged") {
				t.Errorf("the start calls a store in use damaged:\n%s", tm.vt.Screen())
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("a new assessment on a store another program holds did not start, saying the store is in use; the screen shows:\n%s", tm.vt.Screen())
		}
		time.Sleep(20 * time.Millisecond)
	}
	tm.keys("1", "9434765919", "enter")
	tm.waitFor("Clinician")
	return tm
}

// boxFlat is the screen's words in one line, a box's sides left out.
func boxFlat(tm *ptyTerm) string {
	return strings.Join(strings.Fields(strings.NewReplacer("│", " ", "┃", " ", "║", " ").Replace(tm.vt.Screen())), " ")
}
