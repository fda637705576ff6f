//go:build !windows

package main

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestASectionChangedFromTheReviewAtATerminalSavesWhatThePatientSaid: on
// the review, a clinician changes Motivation and trust typing as they do,
// a number then enter 0.6 s later: 3 (the section) enter, 1 (wants
// online: yes) enter, 2 (a little worried) enter, 3 (a bad experience
// that put them off) enter. No enter keeps the old answer of the question
// it lands on, and no number lands one question late: each enter that
// comes to a question holding an answer is refused, with the keys after
// it until esc, which the clinician presses once the refusal is read (an
// esc within 1.2 s of it is not taken), before the next number. The
// review shows, and show prints from the store, the answers the patient
// gave.
func TestASectionChangedFromTheReviewAtATerminalSavesWhatThePatientSaid(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tm := startTerm(t, dir, 80, 24, nil)
	tm.waitFor("New assessment", "Identifier")
	review := slices.Index(highBarrier, alone) // the pause on the review
	writeKeys(t, tm, 0, highBarrier[:review]...)
	tm.waitFor("Review", "Wants online")
	time.Sleep(1500 * time.Millisecond) // the review is read
	keys := []string{"3", "enter", "esc", "1", "enter", "esc", "2", "enter", "esc", "3", "enter"}
	for i, k := range keys {
		tm.keys(k) // a key, then 60 ms
		if i+1 < len(keys) && keys[i+1] == "esc" {
			// The refusal is read before esc: an esc pressed within
			// 1.2 s of it is not taken (it could not have been read).
			time.Sleep(1240 * time.Millisecond)
			continue
		}
		time.Sleep(540 * time.Millisecond)
	}
	time.Sleep(1500 * time.Millisecond) // the review, back, is read
	s := flatScreen(tm)
	if !strings.Contains(s, "Wants online Yes Worry A little worried Bad experience Yes, and it has put me off") {
		t.Fatalf("the review does not show the answers typed, number then enter:\n%s", tm.vt.Screen())
	}
	tm.keys(endKey)                     // read to its end
	time.Sleep(1500 * time.Millisecond) // the end, now on screen, is read
	tm.keys("enter")
	tm.waitFor("Barriers")
	time.Sleep(1500 * time.Millisecond) // the result is read
	tm.readReferral()                   // down to the first referral
	for i := range 3 {
		if i > 0 {
			tm.keys("down")                     // only ↓ moves the highlight on
			time.Sleep(1500 * time.Millisecond) // the referral is read out: a consent typed with the ↓ records nothing
		}
		tm.keys("n") // not discussed, typed on its own
		time.Sleep(1500 * time.Millisecond)
	}
	tm.saveReadBack()
	out := tm.savedShown(dir)
	for _, want := range []string{
		"Would you like to do things like order repeat prescriptions, book appointments or see test results online?\n    Yes\n",
		"How worried are you about scams, or about who sees your information online?\n    A little worried\n",
		"Has something bad happened to you online?\n    Yes, and it has put me off\n",
		"Motivation no barrier; Trust significant barrier",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("show does not say %q, the answer the patient gave:\n%s", want, out)
		}
	}
}
