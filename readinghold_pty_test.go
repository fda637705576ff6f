//go:build !windows

package main

import (
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
)

// readPause is how long a test waits before answering a question of the
// plain prompts whose answer saves or ends something (the review, a
// referral, the save, a discard): each takes a line only once it has been
// shown for the reading hold, 1.2 s.
const readPause = 1500 * time.Millisecond

// awaitHeldQuestion waits for the plain prompts to ask for a line, and
// for as long as it takes to read a question held for reading.
func (tm *ptyTerm) awaitHeldQuestion() {
	tm.t.Helper()
	tm.awaitQuestion()
	time.Sleep(readPause)
}

// TestPlainPromptsAnAnswerSoonAfterTheReviewDoesNotPassIt: at a real
// terminal, a clinician types number then Enter 0.6 s after each question
// without waiting to hear it. The questions take them; the review does
// not: the "1" typed 0.6 s after it is refused, saying how to confirm, the
// review is asked again, and the answers are shown as the result only
// when a line comes once the review has been on view for the hold.
func TestPlainPromptsAnAnswerSoonAfterTheReviewDoesNotPassIt(t *testing.T) {
	t.Parallel()
	testkit.EndToEnd(t)
	tm := startTerm(t, t.TempDir(), 80, 60, nil, "--accessible")
	lines := append(append([]string{}, toLanguage...), "11", "Tigrinya")
	for range 12 {
		lines = append(lines, "1")
	}
	tm.answerEach(append(lines, "LS6")...)
	tm.waitFor("Are these answers right?", "Type a number from 1 to 7:")
	for range 2 {
		time.Sleep(600 * time.Millisecond)
		tm.keys("1\r")
	}
	tm.waitFor("Not taken: that line came less than 1.2 seconds after the review was shown")
	time.Sleep(500 * time.Millisecond) // anything still coming has come
	s := flatScreen(tm)
	if strings.Contains(s, "Result") || strings.Contains(s, "Referral 1 of") {
		t.Fatalf("a 1 typed 0.6 s after the review passed it:\n%s", tm.vt.Screen())
	}
	if !strings.Contains(s, "if they are right, type 1 and press Enter") || !strings.HasSuffix(s, "Type a number from 1 to 7:") {
		t.Fatalf("the refusal does not say how to confirm, or the review is not asked again:\n%s", tm.vt.Screen())
	}
	time.Sleep(readPause) // the review is read
	tm.keys("1\r")
	tm.waitFor("Referral 1 of")
	tm.keys("\x04")
	tm.exited()
}
