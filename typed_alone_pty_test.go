//go:build !windows

package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"digicheck/record"
	"digicheck/store"
)

// At a terminal, keys typed at a typist's pace or in a burst, where no text
// box is, record nothing nobody chose: on the list of drafts, the review,
// the result and the saved screen.

// flatScreen is the screen with its lines joined, for a message wrapped.
func flatScreen(tm *ptyTerm) string { return strings.Join(strings.Fields(tm.vt.Screen()), " ") }

// slowly types keys one every gap, as a two-finger typist does.
func slowly(t *testing.T, tm *ptyTerm, gap time.Duration, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if _, err := tm.ptmx.Write(keyBytes(k)); err != nil {
			t.Fatal(err)
		}
		time.Sleep(gap)
	}
}

// savedRecords counts the records in the store in dir.
func savedRecords(t *testing.T, dir string) int {
	t.Helper()
	st, err := store.Open(filepath.Join(dir, "digicheck.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	if err := st.Each(func(record.Record) error { n++; return nil }, nil); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestANumberTypedSlowlyOnTheDraftsListOpensNoDraft: with another patient's
// draft highlighted, a new patient's NHS number typed one digit every 0.4 s,
// then enter, opens no draft; nor does enter once the digits' hold is over,
// until esc.
func TestANumberTypedSlowlyOnTheDraftsListOpensNoDraft(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	keptDraft(t, dir, "9434765919")
	tm := startTerm(t, dir, 80, 24, nil)
	tm.waitFor("Unfinished assessments", "> NHS 943 476 5919")
	time.Sleep(2 * time.Second) // the list has been read
	slowly(t, tm, 400*time.Millisecond, append(strings.Split("9434766087", ""), "enter")...)
	time.Sleep(700 * time.Millisecond)
	s := tm.vt.Screen()
	if !strings.Contains(s, "Unfinished assessments") || strings.Contains(s, "Resumed") || strings.Contains(s, "Access ·") {
		t.Fatalf("an NHS number typed slowly, then enter, opened another patient's draft:\n%s", s)
	}
	if !strings.Contains(flatScreen(tm), `Not a choice here: "`) {
		t.Fatalf("the list does not say the digits were refused:\n%s", s)
	}
	time.Sleep(1500 * time.Millisecond) // the hold is over
	tm.keys("enter")
	tm.waitFor("Unfinished assessments")
	time.Sleep(300 * time.Millisecond)
	if s := tm.vt.Screen(); strings.Contains(s, "Resumed") || !strings.Contains(flatScreen(tm), "Keys are being ignored") {
		t.Fatalf("enter after the refused digits resumed the draft, or did not say why not:\n%s", s)
	}
	time.Sleep(1500 * time.Millisecond)
	tm.keys("ctrl+c")
	tm.exited()
}

// atReview types highBarrier up to its review, and reads it.
func atReview(t *testing.T) (*ptyTerm, string) {
	dir := t.TempDir()
	tm := startTerm(t, dir, 80, 24, nil)
	tm.waitFor("New assessment", "Identifier")
	result := slices.Index(highBarrier, readReferral) // the result is read down to its first referral
	writeKeys(t, tm, 0, highBarrier[:result-2]...)
	tm.waitFor("Review", "Print size")
	time.Sleep(1500 * time.Millisecond) // the review has been read
	return tm, dir
}

// atResult goes on from the review to the result, and reads it down to
// its first referral: a consent key answers only a referral wholly on
// screen, and at 80x24 the first is below the fold.
func atResult(t *testing.T) (*ptyTerm, string) {
	tm, dir := atReview(t)
	tm.keys("enter")
	tm.waitFor("Barriers")              // the referrals may begin below the fold
	time.Sleep(1500 * time.Millisecond) // the result has been read
	tm.readReferral()
	return tm, dir
}

// TestAWordTypedOnTheReviewPassesNothing: "Tigrinya" and enter typed on
// the review in one burst do not pass it: the T is refused on screen, with
// the keys after it.
func TestAWordTypedOnTheReviewPassesNothing(t *testing.T) {
	t.Parallel()
	tm, _ := atReview(t)
	writeKeys(t, tm, 0, "Tigrinya", "enter")
	time.Sleep(700 * time.Millisecond)
	if s := tm.vt.Screen(); !strings.Contains(s, "Review") || strings.Contains(s, "Barriers") {
		t.Fatalf("a word and enter typed on the review passed it:\n%s", s)
	}
	if f := flatScreen(tm); !strings.Contains(f, `Not taken: "T"`) || !strings.Contains(f, "Keys are being ignored") {
		t.Fatalf("the review does not say the word was refused:\n%s", tm.vt.Screen())
	}
	time.Sleep(1500 * time.Millisecond)
	tm.keys("enter") // ignored until esc, however late
	time.Sleep(700 * time.Millisecond)
	if s := tm.vt.Screen(); !strings.Contains(s, "Review") || strings.Contains(s, "Barriers") {
		t.Fatalf("enter typed long after the word passed the review:\n%s", s)
	}
	tm.keys("esc") // the refusal read: keys are taken again
	time.Sleep(700 * time.Millisecond)
	tm.keys("enter")
	tm.waitFor("Barriers")
	tm.quitDiscarding()
}

// TestAWordTypedOnTheResultAnswersNoReferralAndSavesNothing: "Tigrinya"
// and enter, typed twice on the result, answer no referral (its n, y and a
// were consent keys) and save nothing. Consents typed each on its own are
// taken, and enter then saves.
func TestAWordTypedOnTheResultAnswersNoReferralAndSavesNothing(t *testing.T) {
	t.Parallel()
	tm, dir := atResult(t)
	for range 2 {
		writeKeys(t, tm, 0, "Tigrinya", "enter")
		time.Sleep(1500 * time.Millisecond)
	}
	if s := tm.vt.Screen(); !strings.Contains(s, "· Result") || strings.Contains(s, "Saved") || strings.Contains(s, "[agreed") || strings.Contains(s, "[not discussed") || strings.Contains(s, "[declined") {
		t.Fatalf("a word typed on the result answered a referral or saved:\n%s", s)
	}
	if f := flatScreen(tm); !strings.Contains(f, `Not taken: "T"`) {
		t.Fatalf("the result does not say the word was refused:\n%s", tm.vt.Screen())
	}
	tm.keys("esc") // the refusal read: keys are taken again
	time.Sleep(700 * time.Millisecond)
	for _, k := range []string{"d", "down", "n", "down", "a"} { // only ↓ moves the highlight
		tm.keys(k)
		time.Sleep(1500 * time.Millisecond)
	}
	tm.saveReadBack()
	tm.waitFor("Saved · record")
	time.Sleep(1500 * time.Millisecond)
	tm.keys("q")
	tm.exited()
	if n := savedRecords(t, dir); n != 1 {
		t.Fatalf("%d records saved, want 1", n)
	}
}

// TestAWordTypedOnTheSavedScreenAtATerminalPrintsNothing: "Spanish" typed on the saved
// screen neither prints nor saves the handout (its p and w), nor starts a
// new assessment (its n): S is refused, and the keys after it. q typed on
// its own quits.
func TestAWordTypedOnTheSavedScreenAtATerminalPrintsNothing(t *testing.T) {
	t.Parallel()
	tm, dir := atResult(t)
	for _, k := range []string{"d", "down", "n", "down", "a"} { // only ↓ moves the highlight
		tm.keys(k)
		time.Sleep(1500 * time.Millisecond)
	}
	tm.saveReadBack()
	tm.waitFor("Saved · record")
	time.Sleep(1500 * time.Millisecond) // the saved screen has been read
	for _, w := range []string{"Spanish", "spanish"} {
		writeKeys(t, tm, 0, w)
		time.Sleep(1500 * time.Millisecond)
		if s := tm.vt.Screen(); !strings.Contains(s, "Saved · record") || strings.Contains(s, "Handout:") || strings.Contains(s, "Handout sent") {
			t.Fatalf("%q typed on the saved screen printed the handout or left the screen:\n%s", w, s)
		}
		if f := flatScreen(tm); !strings.Contains(f, `Not taken: "`+w[:1]+`"`) {
			t.Fatalf("the saved screen does not say %q was refused:\n%s", w, tm.vt.Screen())
		}
		if hs, _ := filepath.Glob(filepath.Join(dir, "digicheck-handout-*")); len(hs) != 0 {
			t.Fatalf("%q typed on the saved screen saved the handout: %v", w, hs)
		}
		tm.keys("esc") // the refusal read: keys are taken again
		time.Sleep(700 * time.Millisecond)
	}
	tm.keys("q")
	tm.exited()
}

// TestAWordTypedSlowlyOnAListOfManyAnswersAtATerminalTicksNothing: "xtra" typed a key
// every 0.45 s, then enter, on "Which of these can you do on your own?"
// ticks nothing: its x, the tick key, is taken only when typed on its own,
// and the letters after it are refused with it.
func TestAWordTypedSlowlyOnAListOfManyAnswersAtATerminalTicksNothing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tm := startTerm(t, dir, 80, 24, nil)
	tm.waitFor("New assessment", "Identifier")
	writeKeys(t, tm, 0, highBarrier[:slices.Index(highBarrier, "7")]...)
	tm.waitFor("Which of these can you do on your own?")
	time.Sleep(1500 * time.Millisecond) // the question has been read
	slowly(t, tm, 450*time.Millisecond, "x", "t", "r", "a", "enter")
	time.Sleep(1500 * time.Millisecond)
	if s := tm.vt.Screen(); !strings.Contains(s, "Which of these can you do on your own?") || strings.Contains(s, "[x]") {
		t.Fatalf("a word typed slowly on a list of many answers ticked one, or answered it:\n%s", s)
	}
	// Which refusal is said depends on how far apart the keys arrive: x
	// and t within the word hold are refused together; t later than
	// that is refused as no key of the list, taking back the tick x made
	// (on a busy machine 0.45 s of typing arrives further apart). Either
	// says so, and neither ticks.
	if f := flatScreen(tm); !strings.Contains(f, `Not taken: "xt"`) && !strings.Contains(f, `The tick made by the key typed just before it was taken back`) {
		t.Fatalf("the list does not say the word was refused:\n%s", tm.vt.Screen())
	}
	tm.quitDiscarding()
}
