//go:build !windows

package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/testkit"
)

// TestCtrlCAfterASaveWhoseDraftTheStoreRefusedWritesNoNotSavedFile: in the
// plain prompts the store is held while the last answers are given (their
// drafts refused), then let go, and the assessment saved. Ctrl-C at the
// next patient's first question then wrote the saved assessment's answers to a not-saved
// file and said they "could not be kept as a draft in the store": words
// that invite the clinician to enter a saved assessment again. The stop
// says it was saved, and writes no file.
func TestCtrlCAfterASaveWhoseDraftTheStoreRefusedWritesNoNotSavedFile(t *testing.T) {
	t.Parallel()
	testkit.EndToEnd(t)
	dir := t.TempDir()
	tm := startTerm(t, dir, 80, 24, nil, "--accessible")
	var release func()
	reviewed := false // from the review on, each question is read first
	for i, line := range savedAssessment[:len(savedAssessment)-1] {
		tm.awaitQuestion()
		if i == 14 {
			// The remaining answers' drafts are refused.
			release = holdStoreNow(t, filepath.Join(dir, "digicheck.db"))
		}
		if reviewed = reviewed || strings.Contains(tm.vt.Screen(), "Are these answers right?"); reviewed {
			tm.awaitHeldQuestion()
		}
		tm.answer(line)
	}
	waitLonger(t, tm, "Save this assessment?")
	release()
	tm.awaitHeldQuestion()
	tm.answer("1")
	waitLonger(t, tm, "What next?")
	tm.awaitHeldQuestion()
	tm.answer("1") // the next patient
	tm.waitFor("Patient identifier")
	tm.awaitQuestion()
	tm.keys("ctrl+c")
	tm.exited()
	s := flatScreenOnceShows(tm, "Saved 1 assessment(s)")
	if records, _ := storeOf(t, dir); len(records) != 1 {
		t.Fatalf("the store holds %d records, want the 1 saved; the screen shows:\n%s", len(records), tm.vt.Screen())
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "digicheck-not-saved*.txt")); len(files) != 0 {
		t.Errorf("Ctrl-C after the save wrote %v, a not-saved file of a saved assessment; the screen shows:\n%s", files, tm.vt.Screen())
	}
	if strings.Contains(s, "could not be kept") || strings.Contains(s, "Not saved in the store") {
		t.Errorf("the stop says a saved assessment's answers were not kept:\n%s", tm.vt.Screen())
	}
}
