//go:build !windows

package main

import (
	"path/filepath"
	"testing"
	"time"

	"digicheck/internal/testkit"
)

// TestTheFullScreenListsADraftStillHeldByAWindowBeingClosed: as the plain
// prompts do, the full screen lists a draft another window holds, saying
// so, rather than leaving it off the list; enter is refused while that
// window is there, and resumes the draft once its process has ended.
func TestTheFullScreenListsADraftStillHeldByAWindowBeingClosed(t *testing.T) {
	t.Parallel()
	testkit.EndToEnd(t)
	dir := t.TempDir()
	closeOther := holdingWindow(t, filepath.Join(dir, "digicheck.db"))
	tm := startTerm(t, dir, 80, 24, nil)
	tm.waitFor("Unfinished assessments", "> NHS 943 476 5919", "Open in another window, or it was a moment ago")
	time.Sleep(1500 * time.Millisecond) // the list has been read
	tm.keys("enter")
	tm.waitFor("Not resumed: the draft of patient 943 476 5919 is open in another digicheck")
	closeOther() // that window's process ends
	time.Sleep(1500 * time.Millisecond)
	tm.keys("enter")
	tm.waitFor("Skills", "recorded as done by Nurse Pat")
	tm.keys("ctrl+c")
	tm.waitFor("Discard this assessment?")
	time.Sleep(600 * time.Millisecond)
	tm.keys("k")
	tm.exited()
}
