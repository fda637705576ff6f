//go:build !windows

package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
)

// At a terminal, a slow two-finger typist (a key every 1.3 s, or 2.5 s)
// types a word where no text box is. The hold after a refused key (1.2 s)
// ended between the letters, and a letter after the refused one acted: a
// Polish interpreter recorded, a skill ticked, the review passed, a
// referral agreed, a new assessment begun, "keep going" answered. After a
// refused key every key is now ignored until esc, however slowly it comes.

// slowPaces are a slow typist's gaps between keys: just past the hold,
// and twice it.
var slowPaces = []time.Duration{1300 * time.Millisecond, 2500 * time.Millisecond}

// slowTypist runs check at each slow pace, the paces side by side.
func slowTypist(t *testing.T, check func(t *testing.T, gap time.Duration)) {
	testkit.EndToEnd(t)
	for _, gap := range slowPaces {
		t.Run(fmt.Sprintf("a key every %.1f s", gap.Seconds()), func(t *testing.T) {
			t.Parallel()
			check(t, gap)
		})
	}
}

// stillIgnoring fails unless the screen shows what and says keys are
// being ignored until esc.
func stillIgnoring(t *testing.T, tm *ptyTerm, what string) {
	t.Helper()
	if f := flatScreen(tm); !strings.Contains(f, what) || !strings.Contains(f, "Keys are being ignored") || !strings.Contains(f, "Esc") {
		t.Fatalf("the screen does not show %q and that keys are ignored until esc:\n%s", what, tm.vt.Screen())
	}
}

// quitDiscarding ends digicheck at ctrl+c's question, discarding.
func quitDiscarding(tm *ptyTerm) {
	tm.keys("esc")
	time.Sleep(700 * time.Millisecond)
	tm.keys("ctrl+c")
	tm.waitFor("Discard this assessment?")
	time.Sleep(600 * time.Millisecond)
	tm.discardAtQuit()
	tm.exited()
}

// TestAWordTypedSlowlyOnTheLanguageListAtATerminalRecordsNothing:
// "T", then "1" and enter (the next questions' answers), recorded a
// Polish interpreter.
func TestAWordTypedSlowlyOnTheLanguageListAtATerminalRecordsNothing(t *testing.T) {
	t.Parallel()
	slowTypist(t, func(t *testing.T, gap time.Duration) {
		dir := t.TempDir()
		interpreterDraft(t, dir)
		tm := startTerm(t, dir, 80, 24, nil)
		tm.waitFor("Unfinished assessments", "> NHS 943 476 5919")
		time.Sleep(1500 * time.Millisecond)
		tm.keys("enter")
		tm.waitFor("Communication and contact")
		time.Sleep(1500 * time.Millisecond)
		tm.keys("enter")
		tm.waitFor("Which language does the interpreter need to speak?")
		time.Sleep(1500 * time.Millisecond)
		slowly(t, tm, gap, "T", "1", "enter", "5")
		if s := tm.vt.Screen(); !strings.Contains(s, "Which language does the interpreter need to speak?") || strings.Contains(s, "✓ Language") {
			t.Fatalf("keys typed slowly after a refused T answered the language list:\n%s", s)
		}
		stillIgnoring(t, tm, `Not an answer: "T"`)
		quitDiscarding(tm)
	})
}

// TestAWordTypedSlowlyOnAListOfManyAnswersAtATerminalIsIgnored: "e x
// enter" ticked the answer highlighted by its x and went on.
func TestAWordTypedSlowlyOnAListOfManyAnswersAtATerminalIsIgnored(t *testing.T) {
	t.Parallel()
	slowTypist(t, func(t *testing.T, gap time.Duration) {
		tm := startTerm(t, t.TempDir(), 80, 24, nil)
		tm.waitFor("New assessment", "Identifier")
		writeKeys(t, tm, 0, highBarrier[:slices.Index(highBarrier, "7")]...)
		tm.waitFor("Which of these can you do on your own?")
		time.Sleep(1500 * time.Millisecond)
		slowly(t, tm, gap, "e", "x", "enter")
		if s := tm.vt.Screen(); !strings.Contains(s, "Which of these can you do on your own?") || strings.Contains(s, "[x]") {
			t.Fatalf("e x enter typed slowly ticked an answer or went on:\n%s", s)
		}
		stillIgnoring(t, tm, `Not an answer: "e"`)
		quitDiscarding(tm)
	})
}

// TestAWordTypedSlowlyOnTheReviewAtATerminalPassesNothing: "T" then
// enter passed the review.
func TestAWordTypedSlowlyOnTheReviewAtATerminalPassesNothing(t *testing.T) {
	t.Parallel()
	slowTypist(t, func(t *testing.T, gap time.Duration) {
		tm, _ := atReview(t)
		slowly(t, tm, gap, "T", "enter", "1")
		if s := tm.vt.Screen(); !strings.Contains(s, "Review") || strings.Contains(s, "Barriers") || strings.Contains(s, "Access ·") {
			t.Fatalf("keys typed slowly after a refused T left the review:\n%s", s)
		}
		stillIgnoring(t, tm, `Not taken: "T"`)
		quitDiscarding(tm)
	})
}

// TestAWordTypedSlowlyOnTheResultAtATerminalAnswersNoReferral: "T i g r
// i n y a" answered two referrals by its n and a.
func TestAWordTypedSlowlyOnTheResultAtATerminalAnswersNoReferral(t *testing.T) {
	t.Parallel()
	slowTypist(t, func(t *testing.T, gap time.Duration) {
		tm, dir := atResult(t)
		slowly(t, tm, gap, "T", "n", "a", "enter")
		if s := tm.vt.Screen(); !strings.Contains(s, "· Result") || strings.Contains(s, "[agreed") || strings.Contains(s, "[not discussed") || strings.Contains(s, "Saved") {
			t.Fatalf("keys typed slowly after a refused T answered a referral:\n%s", s)
		}
		stillIgnoring(t, tm, `Not taken: "T"`)
		quitDiscarding(tm)
		if n := savedRecords(t, dir); n != 0 {
			t.Fatalf("%d records saved", n)
		}
	})
}

// TestAWordTypedSlowlyOnTheSavedScreenAtATerminalDoesNothing: "S p a n
// i s h" printed the handout (saved it, with no printer) and began a new
// assessment.
func TestAWordTypedSlowlyOnTheSavedScreenAtATerminalDoesNothing(t *testing.T) {
	t.Parallel()
	slowTypist(t, func(t *testing.T, gap time.Duration) {
		tm, dir := atResult(t)
		for _, k := range []string{"d", "down", "n", "down", "a"} { // only ↓ moves the highlight
			tm.keys(k)
			time.Sleep(1500 * time.Millisecond)
		}
		tm.saveReadBack()
		tm.waitFor("Saved · record")
		time.Sleep(1500 * time.Millisecond)
		slowly(t, tm, gap, "S", "p", "n")
		if s := tm.vt.Screen(); !strings.Contains(s, "Saved · record") || strings.Contains(s, "Handout") || strings.Contains(s, "New assessment") {
			t.Fatalf("keys typed slowly after a refused S acted on the saved screen:\n%s", s)
		}
		if hs, _ := filepath.Glob(filepath.Join(dir, "digicheck-handout-*")); len(hs) != 0 {
			t.Fatalf("keys typed slowly saved the handout: %v", hs)
		}
		stillIgnoring(t, tm, `Not taken: "S"`)
		tm.keys("esc")
		time.Sleep(700 * time.Millisecond)
		tm.keys("q")
		tm.exited()
	})
}

// TestAWordTypedSlowlyOnTheDraftsListAtATerminalOpensNothing: a name
// typed slowly on the list ("Dn…") began a new assessment by its n, and
// an NHS number's enter resumed the draft highlighted.
func TestAWordTypedSlowlyOnTheDraftsListAtATerminalOpensNothing(t *testing.T) {
	t.Parallel()
	slowTypist(t, func(t *testing.T, gap time.Duration) {
		dir := t.TempDir()
		keptDraft(t, dir, "9434765919")
		tm := startTerm(t, dir, 80, 24, nil)
		tm.waitFor("Unfinished assessments", "> NHS 943 476 5919")
		time.Sleep(1500 * time.Millisecond)
		slowly(t, tm, gap, "D", "n", "enter")
		if s := tm.vt.Screen(); !strings.Contains(s, "Unfinished assessments") || strings.Contains(s, "Identifier") || strings.Contains(s, "Resumed") {
			t.Fatalf("keys typed slowly after a refused D opened something:\n%s", s)
		}
		stillIgnoring(t, tm, `Not a choice here: "D"`)
		tm.keys("ctrl+c")
		tm.exited()
	})
}

// TestAWordTypedSlowlyAfterCtrlCAnswersNothing: "T i g r i n y a" typed
// slowly at ctrl+c's question answered "keep going" by its n.
func TestAWordTypedSlowlyAfterCtrlCAnswersNothing(t *testing.T) {
	t.Parallel()
	slowTypist(t, func(t *testing.T, gap time.Duration) {
		tm, _ := atReview(t)
		tm.keys("ctrl+c")
		tm.waitFor("Discard this assessment?")
		time.Sleep(1500 * time.Millisecond)
		slowly(t, tm, gap, "T", "n", "k")
		select {
		case <-tm.done:
			t.Fatalf("keys typed slowly after ctrl+c ended digicheck:\n%s", tm.vt.Screen())
		default:
		}
		stillIgnoring(t, tm, "Discard this assessment?")
		tm.keys("esc")
		time.Sleep(700 * time.Millisecond)
		tm.discardAtQuit()
		tm.exited()
	})
}
