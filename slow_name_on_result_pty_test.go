package main

import (
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
)

// TestANameOfConsentKeysTypedSlowlyOnTheResultAtATerminalSavesNothing: a
// clinician who thinks they are typing into a text box types "ann" on the
// result, a key every 1.5 s, then enter 0.5 s after: the keys answered
// the referrals one by one, and the enter saved consent the patient never
// gave. The enter now reads the answers back, with the patient, and saves
// nothing; esc goes back to the result with the answers kept.
func TestANameOfConsentKeysTypedSlowlyOnTheResultAtATerminalSavesNothing(t *testing.T) {
	testkit.EndToEnd(t)
	t.Parallel()
	tm, dir := atResult(t)
	slowly(t, tm, 1500*time.Millisecond, "a", "n", "n")
	time.Sleep(500 * time.Millisecond) // the enter 0.5 s after the last key
	tm.keys("enter")
	tm.waitFor(readBackAsk)
	time.Sleep(500 * time.Millisecond) // an enter typed on, unread, is refused
	tm.keys("enter")
	tm.waitFor("Enter not taken")
	f := flatScreen(tm)
	for _, want := range []string{"NHS 943 476 5919", ": agreed", ": not discussed"} {
		if !strings.Contains(f, want) {
			t.Errorf("the answers read back do not say %q:\n%s", want, tm.vt.Screen())
		}
	}
	if n := savedRecords(t, dir); n != 0 {
		t.Fatalf("%d records saved by a name typed slowly on the result", n)
	}
	tm.keys("esc")
	tm.waitFor("Go through the result", "[agreed       ]")
	if s := tm.vt.Screen(); strings.Contains(s, readBackAsk) || !strings.Contains(s, "[not discussed]") {
		t.Fatalf("esc did not go back to the result with the answers kept:\n%s", s)
	}
	tm.quitKeeping("Discard")
	if n := savedRecords(t, dir); n != 0 {
		t.Fatalf("%d records saved", n)
	}
}
