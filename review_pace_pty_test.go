//go:build !windows

package main

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestNumberThenEnterAtATerminalDoesNotPassTheReview: on the last question
// a clinician presses 2, then enter 0.6 s later, as number then enter is
// typed: the 2 answers and draws the review, and the enter, meant for the
// question, is refused there and said; an enter once the review is read
// shows the result.
func TestNumberThenEnterAtATerminalDoesNotPassTheReview(t *testing.T) {
	t.Parallel()
	tm := startTerm(t, t.TempDir(), 80, 24, nil)
	tm.waitFor("New assessment", "Identifier")
	review := slices.Index(highBarrier, alone) // the pause on the review
	writeKeys(t, tm, 0, highBarrier[:review-2]...)
	tm.waitFor("Ask these optional questions?")
	time.Sleep(1500 * time.Millisecond) // the question is read
	tm.keys("2")
	tm.waitFor("Check every answer")
	time.Sleep(450 * time.Millisecond) // past the hold of keys typed before the review was shown
	tm.keys(endKey)                    // all of the review on screen: only its hold refuses the enter
	time.Sleep(150 * time.Millisecond)
	tm.keys("enter")
	time.Sleep(700 * time.Millisecond)
	if s := tm.vt.Screen(); !strings.Contains(s, "Review") || strings.Contains(s, "Referrals") {
		t.Fatalf("number then enter 0.6 s apart passed the review:\n%s", s)
	}
	if !strings.Contains(flatScreen(tm), "Read the review, then press Enter") {
		t.Fatalf("the enter refused on the review was not said:\n%s", tm.vt.Screen())
	}
	time.Sleep(1500 * time.Millisecond) // the review is read
	tm.keys("enter")
	tm.waitFor("Result", "Barriers") // the referrals may begin below the fold
	tm.quitDiscarding()
}
