//go:build !windows

package main

import (
	"path/filepath"
	"testing"
	"time"

	"digicheck/internal/testkit"
)

// TestAFullScreenStopWithItsAnswersInAFileEndsAsAStop: ctrl+c, then k, on
// a store another program holds keeps the answers given in a
// not-saved-draft file, as the screen says. The run ended with exit status
// 1, where the README gives a stop 130 (128 + the signal for a window
// closed), and the plain prompts' stop with its answers in a file ends
// with 130: a launcher could not tell the stop from a failed run. It ends
// as a stop now, the file named as before.
func TestAFullScreenStopWithItsAnswersInAFileEndsAsAStop(t *testing.T) {
	t.Parallel()
	testkit.EndToEnd(t)
	dir := t.TempDir()
	release := holdStore(t, filepath.Join(dir, "digicheck.db"))
	defer release()
	tm := heldAtTheStart(t, dir)
	pastUnread(t, tm)
	tm.keys("1")
	time.Sleep(1500 * time.Millisecond)
	tm.keys("enter")
	tm.waitFor("How do you get online?")
	time.Sleep(1500 * time.Millisecond) // read
	tm.keys("ctrl+c")
	tm.waitFor("k keep")
	time.Sleep(1500 * time.Millisecond) // read
	tm.keys("k")
	if got := tm.exitStatus(); got != 130 {
		t.Errorf("exit status %d, want 130 (stopped, its answers kept in a file):\n%s", got, tm.vt.Screen())
	}
	if kept, _ := filepath.Glob(filepath.Join(dir, "digicheck-not-saved-draft-*.txt")); len(kept) != 1 {
		t.Errorf("files keeping the answers: %v, want one:\n%s", kept, tm.vt.Screen())
	}
}
