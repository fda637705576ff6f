//go:build !windows

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
// gave. The highlight now moves only by ↓, so the name's letters answer
// the one referral highlighted, each replacing the last, and the enter
// saves nothing: it says the other referrals are still to answer.
func TestANameOfConsentKeysTypedSlowlyOnTheResultAtATerminalSavesNothing(t *testing.T) {
	testkit.EndToEnd(t)
	t.Parallel()
	tm, dir := atResult(t)
	slowly(t, tm, 1500*time.Millisecond, "a", "n", "n")
	time.Sleep(500 * time.Millisecond) // the enter 0.5 s after the last key
	tm.keys("enter")
	tm.waitFor("Answer each of the first referrals")
	s := tm.vt.Screen()
	if strings.Contains(s, readBackAsk) || strings.Contains(s, "[agreed") || strings.Count(s, "[not discussed]") != 1 {
		t.Fatalf("a name typed slowly answered more than the referral highlighted, or was read back to save:\n%s", s)
	}
	if n := savedRecords(t, dir); n != 0 {
		t.Fatalf("%d records saved by a name typed slowly on the result", n)
	}
	tm.quitKeeping("Discard")
	if n := savedRecords(t, dir); n != 0 {
		t.Fatalf("%d records saved", n)
	}
}
