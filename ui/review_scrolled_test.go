package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// reviewScrollFirst is what the review says to an enter before all of it
// has been on screen.
const reviewScrollFirst = "Scroll down to read the rest (↓ or PgDn), then press Enter"

// TestTheReviewIsPassedOnlyOnceAllOfItHasBeenOnScreen: at 80x24 the
// review does not fit. An enter before its last lines have been on screen
// is refused, saying to scroll down, with the line saying more is below
// still in view; once scrolled to its end (by ↓, PgDn or End) and read
// there for the word hold, enter passes it, even scrolled back up.
func TestTheReviewIsPassedOnlyOnceAllOfItHasBeenOnScreen(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ keys, then []string }{
		{keys: []string{"end"}},
		{keys: []string{"pgdown", "pgdown"}},
		{keys: []string{"down", "down", "down", "down", "down", "down", "down", "down"}},
		{keys: []string{"end"}, then: []string{"home"}},
	} {
		keys := append(append([]string{}, c.keys...), c.then...)
		t.Run(strings.Join(keys, "+"), func(t *testing.T) {
			t.Parallel()
			d, _ := atReview(t)
			if !strings.Contains(d.screen(), "▼ more below") {
				t.Fatalf("the review fits at 80x24; the test needs one that does not:\n%s", d.screen())
			}
			d.press("enter")
			if d.m.screen != reviewScreen {
				t.Fatalf("enter passed the review though its end was never on screen:\n%s", d.screen())
			}
			s := d.screen()
			if !strings.Contains(flat(s), reviewScrollFirst) {
				t.Fatalf("the refused enter did not say to scroll down:\n%s", s)
			}
			if !strings.Contains(s, "▼ more below") {
				t.Fatalf("the refusal hid the line saying more of the review is below:\n%s", s)
			}
			// Part of the way is not enough.
			d.press("down")
			d.press("enter")
			if d.m.screen != reviewScreen {
				t.Fatalf("enter passed the review scrolled one line:\n%s", d.screen())
			}
			d.press(c.keys...)
			time.Sleep(wordHold) // the end is read
			if len(c.then) > 0 {
				d.press(c.then...)
			}
			d.press("enter")
			if d.m.screen != resultScreen {
				t.Fatalf("enter after %v to the review's end did not pass it:\n%s", keys, d.screen())
			}
		})
	}
}

// TestAReviewThatFitsIsPassedWithoutScrolling: on a terminal tall enough
// for the whole review, enter passes it as before.
func TestAReviewThatFitsIsPassedWithoutScrolling(t *testing.T) {
	t.Parallel()
	st := &memStore{}
	d := newDriver(t, testOptions(st.Save), 80, 60)
	enterPatient(d)
	answerSections(d)
	d.waitFor("Review")
	d.m.refusalHold = refusalHold
	time.Sleep(wordHold)
	if strings.Contains(d.screen(), "more below") {
		t.Fatalf("the review does not fit at 80x60:\n%s", d.screen())
	}
	d.press("enter")
	if d.m.screen != resultScreen {
		t.Fatalf("enter on a review shown whole did not pass it:\n%s", d.screen())
	}
}

// TestAReviewMadeWholeByALargerWindowIsPassed: a terminal made taller
// shows the rest of the review; enter, once it has been read, passes it.
func TestAReviewMadeWholeByALargerWindowIsPassed(t *testing.T) {
	t.Parallel()
	d, _ := atReview(t)
	d.press("enter")
	if d.m.screen != reviewScreen {
		t.Fatalf("enter passed the review though its end was never on screen:\n%s", d.screen())
	}
	d.send(tea.WindowSizeMsg{Width: 80, Height: 60})
	time.Sleep(wordHold) // the rest, now on screen, is read
	d.press("enter")
	if d.m.screen != resultScreen {
		t.Fatalf("enter on the review shown whole in a taller window did not pass it:\n%s", d.screen())
	}
}
