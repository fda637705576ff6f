package ui

import (
	"strings"
	"testing"
	"time"
)

// After ctrl+c, n ("keep going") is taken once no key has followed it for
// the word hold, and keys typed straight after it are held back, typed
// before the question under it could be read. The hold was counted from
// when n was taken, not from when it was typed, so an enter typed 1.5 s
// after n, with the question long in view, was dropped, and the digit
// typed for the next question went into the box still open.

// stoppedAndKeptGoing is an assessment at its first question, with its
// first answer ticked, after ctrl+c and n typed on its own and taken.
func stoppedAndKeptGoing(t *testing.T) *driver {
	t.Helper()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	enterPatient(d)
	d.press("x")
	d.m.refusalHold = refusalHold
	time.Sleep(wordHold)
	d.press("ctrl+c")
	d.waitFor("n keep going")
	time.Sleep(wordHold) // the question read
	d.press("n")         // taken once no key has followed it for the word hold
	if d.m.confirmQuit {
		t.Fatalf("n typed on its own did not keep going:\n%s", d.screen())
	}
	return d
}

// TestAnEnterTypedAfterKeepGoingWasReadableActs: enter typed 1.5 s after
// n confirms the answer on screen and moves on.
func TestAnEnterTypedAfterKeepGoingWasReadableActs(t *testing.T) {
	t.Parallel()
	d := stoppedAndKeptGoing(t)
	time.Sleep(1500*time.Millisecond - wordHold) // 1.5 s after n was typed
	d.press("enter")
	if s := d.screen(); !strings.Contains(s, "How do you get online?") {
		t.Fatalf("enter typed 1.5 s after keep going was dropped:\n%s", s)
	}
}

// TestAKeyTypedStraightAfterKeepGoingIsHeld: n and enter typed together,
// before the question under the stop question could be read: n keeps
// going, and the enter is held, saying so.
func TestAKeyTypedStraightAfterKeepGoingIsHeld(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	enterPatient(d)
	d.press("x")
	d.m.refusalHold = refusalHold
	time.Sleep(wordHold)
	d.press("ctrl+c")
	d.waitFor("n keep going")
	time.Sleep(wordHold)
	burst(d, "n", "enter")
	s := d.screen()
	if d.m.confirmQuit || strings.Contains(s, "How do you get online?") {
		t.Fatalf("n and enter typed together did not keep going, or the enter was taken:\n%s", s)
	}
	if !strings.Contains(flat(s), heldAfterQuit) {
		t.Fatalf("the enter held after keep going is not said:\n%s", s)
	}
}
