//go:build !windows

package main

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// A save refused while another program held the store kept the answers
// and note in a file that says to enter them again as a new assessment;
// the draft kept before held every one of them. Resumed on the full
// screen and saved, nothing mentioned the file, which stayed beside the
// store still telling the clinician to enter the answers again: another
// assessment of the patient. As the plain prompts do, the full screen
// says as the draft opens that the draft holds the file's answers, and
// the save says they are saved and to delete the file.
func TestTheFullScreenSaysAFileOfADraftsOwnAnswersIsNotToBeEnteredAgain(t *testing.T) {
	testkit.EndToEnd(t)
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "digicheck.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := testkit.Assessed(t, testkit.Offline(nil))
	if r.ID, err = record.NewID(); err != nil {
		t.Fatal(err)
	}
	r.Patient = record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
	r.Recommendation.Referrals[0].Consent = questionnaire.Agreed
	var kept []string
	file := ""
	var k interface{ KeptIn() string }
	if err := keepRefused(st, &r, store.Held(path, &store.Error{Kind: store.ErrLocked, Msg: "in use"}), &kept, ""); errors.As(err, &k) {
		file = k.KeptIn()
	}
	if file == "" {
		t.Fatal("the refused save was not kept in a file")
	}
	d := store.Draft{Draft: assess.DraftOf(&r)}
	if err := st.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	if err := st.ReleaseDrafts(); err != nil {
		t.Fatal(err)
	}
	tm := draftsListRead(t, dir)
	tm.keys("enter")
	tm.waitFor("Review")
	name := filepath.Base(file)
	if s := flatScreenOnceShows(tm, name); !strings.Contains(s, name) || !strings.Contains(s, "do not enter them again") {
		t.Errorf("as the draft opens, the screen does not name the file that keeps its answers, or does not say not to enter them again:\n%s", tm.vt.Screen())
	}
	// The notice takes lines from the review: they come off its foot,
	// the top, whose record it is, on screen as it opens.
	if s := tm.vt.Screen(); !strings.Contains(s, "Patient     NHS number") || !strings.Contains(s, "By") {
		t.Errorf("as the draft opens under the notice, the top of the review (the patient, who made it) is not on screen:\n%s", s)
	}
	tm.readReview()
	tm.keys("enter")
	tm.waitFor("Barriers")
	time.Sleep(1500 * time.Millisecond) // the result is read
	// The two referrals after the one agreed, not discussed.
	for i := range 2 {
		if i > 0 {
			tm.keys("down") // only ↓ moves the highlight on
			time.Sleep(1500 * time.Millisecond)
		}
		tm.readReferral()
		tm.keys("n")
	}
	time.Sleep(1500 * time.Millisecond)
	tm.saveReadBack()
	tm.waitFor("Saved · record " + r.ID.String())
	// The file said to paste its note: the saved screen says this one
	// replaces it, not goes in beside it.
	if s := flatScreenOnceShows(tm, "replacing any pasted from the file"); !strings.Contains(s, "replacing any pasted from the file") || !strings.Contains(s, "A note already pasted from it") {
		t.Errorf("the saved screen does not say that this note replaces one pasted from the file:\n%s", tm.vt.Screen())
	}
	time.Sleep(time.Second)
	tm.keys("q")
	tm.exited()
	end := flatScreen(tm)
	if i := strings.LastIndex(end, "Saved 1 assessment(s)"); i >= 0 {
		end = end[i:]
	}
	for _, w := range []string{"its answers are saved now, in this assessment", "do not enter them again", name} {
		if !strings.Contains(end, w) {
			t.Errorf("after the save, %q is not said:\n%s", w, tm.vt.Screen())
		}
	}
}

// readReview reads the review down to its end a line at a time, each key
// once the one before it is drawn, and holds the end on screen for the
// word hold: an enter passes the review only once every line of it has
// been on screen, its end long enough to be read.
func (tm *ptyTerm) readReview() {
	tm.t.Helper()
	for range 60 {
		settled(tm)
		if !strings.Contains(tm.vt.Screen(), "▼ more below") {
			time.Sleep(1500 * time.Millisecond) // the end is read
			return
		}
		tm.keys("down")
	}
	tm.t.Fatalf("the review's end never came on screen:\n%s", tm.vt.Screen())
}
