//go:build !windows

package main

import (
	"strings"
	"testing"
	"time"
)

// TestAWordTypedOnAListAtATerminalChoosesNothing: at a terminal, a word
// and its enter typed in one burst on a single-choice list (a language
// typed where a text box was expected) answer nothing: the first letter is
// refused on screen, the rest and the enter are dropped, and the question
// stays unanswered. (g moved the highlight to the first answer and the
// enter chose it: "Tigrinya" answered "No, never".)
func TestAWordTypedOnAListAtATerminalChoosesNothing(t *testing.T) {
	t.Parallel()
	tm := atHowOnline(t)
	tm.keys("1", "enter")
	tm.waitFor("Do you run out of data")
	time.Sleep(500 * time.Millisecond) // the question has been read

	tm.keys("Tigrinya\r")              // one write: one burst
	time.Sleep(500 * time.Millisecond) // anything still coming has come
	s := tm.vt.Screen()
	flat := strings.Join(strings.Fields(s), " ")
	if !strings.Contains(s, "Do you run out of data") || strings.Contains(s, "Skills") || strings.Contains(s, "(•)") {
		t.Fatalf("a word typed on the list answered it:\n%s", s)
	}
	if !strings.Contains(flat, `Not an answer: "T"`) || !strings.Contains(flat, "Keys are being ignored") {
		t.Fatalf("the screen does not say the word was refused and the keys after it ignored:\n%s", s)
	}

	// Read, and esc pressed, the question is answered by its number as
	// usual.
	time.Sleep(time.Second)
	tm.keys("esc")
	time.Sleep(700 * time.Millisecond)
	tm.keys("2")
	tm.waitFor("Skills · 2 of 5")
	tm.quitDiscarding()
}

// TestABurstForANewAssessmentOnTheDraftsListOpensNoDraft: with another
// patient's draft kept, the list of unfinished assessments comes up and,
// once it has been on screen a while, the clinician types the new patient
// as a burst, "1 9434766087 enter Nurse Bob enter". The README promises
// such a burst never opens another patient's draft: the 1 is refused, and
// the enters with it resume nothing.
func TestABurstForANewAssessmentOnTheDraftsListOpensNoDraft(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	keptDraft(t, dir, "9434765919")
	tm := draftsListRead(t, dir)
	tm.keys("19434766087\rNurse Bob\r") // one write: one burst
	time.Sleep(700 * time.Millisecond)  // anything still coming has come
	s := tm.vt.Screen()
	if !strings.Contains(s, "Unfinished assessments") || strings.Contains(s, "Which of these can you do") || strings.Contains(s, "Resumed") {
		t.Fatalf("a burst typed for a new assessment opened another patient's draft:\n%s", s)
	}
	if flat := strings.Join(strings.Fields(s), " "); !strings.Contains(flat, `Not a choice here: "1"`) {
		t.Fatalf("the list does not say the digits were refused:\n%s", s)
	}
	tm.keys("ctrl+c")
	tm.exited()
	if got := draftsIn(t, dir); len(got) != 1 || got[0] != "9434765919" {
		t.Errorf("drafts kept after the burst: %v, want the one draft", got)
	}
}
