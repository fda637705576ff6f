//go:build !windows

package main

import (
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
)

// TestAWordTypedAtTheKeptDraftQuestionAtATerminalResumesNothing: a new
// assessment of a patient whose draft is kept stops at "resume it (r), or
// a new assessment anyway (n)?". A name typed there in one burst
// ("Bernard", then enter) resumes nothing and starts nothing, though it
// holds an r and an n: it is refused on screen. Typed at a typist's pace
// ("nr", a key every 0.45 s) it does neither either. r typed on its own
// resumes the draft.
func TestAWordTypedAtTheKeptDraftQuestionAtATerminalResumesNothing(t *testing.T) {
	t.Parallel()
	testkit.EndToEnd(t)
	dir := t.TempDir()
	keptDraft(t, dir, "9434765919")
	tm := draftsListRead(t, dir)
	tm.keys("n")
	tm.waitFor("New assessment", "Identifier")
	time.Sleep(700 * time.Millisecond)
	writeKeys(t, tm, 0, "1", read, "9434765919", "enter", read, "Nurse Bob", "enter", read, "enter")
	tm.waitFor("this patient has an unfinished assessment", "r resume the draft", "n new assessment anyway")
	time.Sleep(1500 * time.Millisecond) // the question has been read

	asked := func(what string) {
		t.Helper()
		time.Sleep(1500 * time.Millisecond) // past any wait for a key on its own
		s := tm.vt.Screen()
		if !strings.Contains(s, "this patient has an unfinished assessment") || strings.Contains(s, "Resumed") || strings.Contains(s, "Access ·") || strings.Contains(s, "Skills ·") {
			t.Fatalf("%s at the question about the kept draft resumed it or began a new assessment:\n%s", what, s)
		}
	}
	writeKeys(t, tm, 0, "Bernard", "enter")
	time.Sleep(300 * time.Millisecond)
	if f := flatScreen(tm); !strings.Contains(f, `Not taken: "B"`) || !strings.Contains(f, "Keys are being ignored") {
		t.Fatalf("the question does not say the name was refused:\n%s", tm.vt.Screen())
	}
	asked(`"Bernard" and enter`)
	slowly(t, tm, 450*time.Millisecond, "n", "r")
	asked(`"nr" typed slowly`)

	tm.keys("esc") // the refusal read: keys are taken again
	time.Sleep(700 * time.Millisecond)
	tm.keys("r") // on its own
	tm.waitFor("Skills", "recorded as done by Nurse Bea")
	tm.keys("ctrl+c")
	tm.waitFor("Discard this assessment?")
	time.Sleep(600 * time.Millisecond)
	tm.keys("k")
	tm.exited()
}
