//go:build !windows

package main

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// pageDownKey is the PgDn key as a terminal sends it.
const pageDownKey = "\x1b[6~"

// TestTheReviewAtATerminalIsPassedOnlyOnceReadToItsEnd: at 80x24 the
// review shows 15 of its lines. A whole assessment typed, then enter on the
// review once it has been on view for its hold but never scrolled, saves
// nothing: the review stays, saying to scroll down, with the line that says
// more is below. Scrolled down with PgDn to its end, enter passes it, and
// show prints from the store the answers typed.
func TestTheReviewAtATerminalIsPassedOnlyOnceReadToItsEnd(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tm := startTerm(t, dir, 80, 24, nil)
	tm.waitFor("New assessment", "Identifier")
	review := slices.Index(highBarrier, alone) // the pause on the review
	writeKeys(t, tm, 0, highBarrier[:review]...)
	tm.waitFor("Review", "▼ more below")
	time.Sleep(1500 * time.Millisecond) // the review has been on view for its hold
	tm.keys("enter")
	time.Sleep(700 * time.Millisecond)
	if s := tm.vt.Screen(); !strings.Contains(s, "Review") || strings.Contains(s, "Referrals") {
		t.Fatalf("enter passed the review though its end was never on screen:\n%s", s)
	}
	if !strings.Contains(flatScreen(tm), "Scroll down to read the rest (↓ or PgDn), then press Enter") {
		t.Fatalf("the enter refused on the review did not say to scroll down:\n%s", tm.vt.Screen())
	}
	if !strings.Contains(tm.vt.Screen(), "▼ more below") {
		t.Fatalf("the refusal hid the line saying more of the review is below:\n%s", tm.vt.Screen())
	}
	for i := 0; i < 5 && strings.Contains(tm.vt.Screen(), "▼"); i++ {
		tm.keys(pageDownKey)
		time.Sleep(500 * time.Millisecond)
	}
	if strings.Contains(tm.vt.Screen(), "▼") {
		t.Fatalf("PgDn did not bring the review's end on screen:\n%s", tm.vt.Screen())
	}
	time.Sleep(1500 * time.Millisecond) // the end, now on screen, is read
	tm.keys("enter")
	tm.waitFor("Barriers")              // the referrals may begin below the fold
	time.Sleep(1500 * time.Millisecond) // the result is read
	writeKeys(t, tm, 0, highBarrier[slices.Index(highBarrier, readReferral):]...)
	out := tm.savedShown(dir)
	for _, want := range []string{
		"Which of these can you use when you need to?\n    A landline phone only\n",
		"How big does the print need to be?\n    20 point\n",
		"How often do you need someone to help you read letters or leaflets from the NHS?\n    Never\n",
		"How would you like us to contact you?\n    Phone call\n",
		"Who gave these answers?\n    The patient\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("show does not say %q, the answer the patient gave:\n%s", want, out)
		}
	}
}
