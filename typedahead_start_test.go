//go:build !windows

package main

import (
	"strings"
	"testing"
	"time"
)

// TestTheFullScreenIgnoresKeysTypedBeforeItStarts: a clinician types the
// command and, straight after it, the answers they expect to give, all
// before digicheck has started. None of those keys answers a question:
// the first screen is the first question, unanswered, and says the keys
// were ignored, as the plain prompts do; quitting finds nothing to keep.
// (They answered the patient screen and two Access questions unseen.)
func TestTheFullScreenIgnoresKeysTypedBeforeItStarts(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tm := startTermTyped(t, dir, 80, 24, "1\r9434765919\r\rW7\r6\r4\r")
	tm.waitFor("Keys typed before the first question were ignored")
	time.Sleep(500 * time.Millisecond) // any key not dropped has been read by now
	s := tm.vt.Screen()
	if !strings.Contains(s, "Identifier") || strings.Contains(s, "943 476 5919") || strings.Contains(s, "Access") {
		t.Fatalf("keys typed before the start answered a question:\n%s", s)
	}
	tm.keys("ctrl+c") // nothing was answered: it quits without asking
	tm.exited()
	if ds := draftsIn(t, dir); len(ds) != 0 {
		t.Fatalf("keys typed before the start left a draft for %v", ds)
	}
}
