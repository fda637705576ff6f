package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// The review is where every answer is checked with the patient. A
// clinician answers a list with its number then enter, out of habit, the
// enter coming half a second to a second after the number: on the last
// question the number answers and brings up the review, and the enter,
// meant for the question, must not pass the review unread. An enter is
// taken on the review only once it has been on view for the word hold;
// one sooner is refused, and said so.

// readingPace is the hold the review's tests give the model: the one a
// clinician meets.
func readingPace(d *driver) { d.m.refusalHold = refusalHold }

// TestNumberThenEnterOnTheLastQuestionDoesNotPassTheReview: "2" on the
// optional questions' gate, then enter 0.45 to 1 s later, stays on the
// review and says why; an enter on its own once the review was read
// shows the result.
func TestNumberThenEnterOnTheLastQuestionDoesNotPassTheReview(t *testing.T) {
	t.Parallel()
	for _, gap := range []time.Duration{450 * time.Millisecond, 600 * time.Millisecond, 800 * time.Millisecond, time.Second} {
		t.Run(fmt.Sprint(gap), func(t *testing.T) {
			t.Parallel()
			d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
			toSkills(d, "1")
			d.press("x")
			d.press("enter")
			d.waitFor("Does someone help you")
			d.press("1")
			d.waitFor("Would you like to do things")
			d.press("1")
			d.waitFor("How worried are you")
			d.press("1")
			d.waitFor("Has something bad happened")
			d.press("1")
			d.waitFor("Do you need information in a certain way?")
			d.press("x", "enter")
			d.waitFor("How often do you need someone")
			d.press("1")
			d.waitFor("How would you like us to contact you?")
			d.press("1")
			d.waitFor(gateQuestion)
			readingPace(d)
			time.Sleep(wordHold) // the question has been read
			d.press(skipOptional)
			d.waitFor("Review")
			time.Sleep(gap)
			d.press("enter")
			if d.m.screen != reviewScreen {
				t.Fatalf("enter %v after the number passed the review unread (screen %d):\n%s", gap, d.m.screen, d.screen())
			}
			if s := flat(d.screen()); !strings.Contains(s, "Read the review, then press Enter") {
				t.Fatalf("the enter refused on the review was not said:\n%s", d.screen())
			}
			time.Sleep(wordHold) // the review is read
			d.press("enter")
			d.waitFor("Result")
		})
	}
}

// TestAChangedSectionsLastEnterDoesNotPassTheReview: from the review, 3
// (Motivation), then "3 enter" twice 0.6 s apart: whatever the keys
// answered, the last enter does not pass the review, where every answer
// shows.
func TestAChangedSectionsLastEnterDoesNotPassTheReview(t *testing.T) {
	t.Parallel()
	d, _ := atReview(t)
	readingPace(d)
	d.press("3")
	d.waitFor("Motivation and trust · 3 of 5")
	time.Sleep(wordHold) // the section has been read
	for _, k := range []string{"3", "enter", "3", "enter"} {
		d.press(k)
		time.Sleep(600 * time.Millisecond)
	}
	if d.m.screen == resultScreen {
		t.Fatalf("number then enter at 0.6 s passed the review after a changed section (screen %d):\n%s", d.m.screen, d.screen())
	}
}
