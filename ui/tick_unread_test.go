package ui

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// On a list of many answers ("choose all that apply") the highlight starts
// on answer 1, and x ticks the answer highlighted. An x typed straight
// after the key that brought the list up ticked answer 1 of a list nobody
// had read: "1 enter x" on "NHS App now" ticked "My sight", "1 enter" on
// the devices and x 0.3 s later ticked "Internet or wifi at home", and
// "2x" on "Do you run out of data" ticked the first skill. x names what is
// highlighted, which cannot be known before the list is read: it counts
// once the list has been on screen for the word hold; sooner it is refused
// as a key of no list is, and keys are ignored until esc. An arrow typed
// in the same burst moves the highlight as blindly as the list came up
// with it ("enter down x", "3 down x" ticked answer 2 of a list never
// read), so an arrow before the hold makes no x count.

// refusedTick checks that f, the list on screen, has nothing ticked and
// that the x was refused, keys ignored until esc.
func refusedTick(t *testing.T, d *driver, f *field) {
	t.Helper()
	if slices.Contains(f.ticked, true) {
		t.Fatalf("an x typed before the list could be read ticked %v:\n%s", f.ticked, d.screen())
	}
	if d.m.activeForm().focused() != f {
		t.Fatalf("the list in question is no longer on screen:\n%s", d.screen())
	}
	s := flat(d.screen())
	if !strings.Contains(s, "before this list could be read") || !strings.Contains(s, "Keys are ignored until Esc") {
		t.Fatalf("the x is not refused, keys ignored until esc:\n%s", d.screen())
	}
	d.aloneEnds()
	if slices.Contains(f.ticked, true) {
		t.Fatalf("the x ticked %v once no key followed it:\n%s", f.ticked, d.screen())
	}
}

// toAccess is a new assessment on its first list, read, with the word
// hold of 300 ms.
func toAccess(t *testing.T) *driver {
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	enterPatient(d)
	d.m.refusalHold = 100 * time.Millisecond // the word hold: 300 ms
	return d
}

// toInternet reads the devices list, answers it with 1 and returns the
// list of many answers that brings up ("How do you get online?"), just
// come on screen.
func toInternet(t *testing.T) (*driver, *field) {
	d := toAccess(t)
	time.Sleep(d.m.wordHoldLen())
	d.press("1", "enter")
	d.waitFor("How do you get online?")
	return d, d.m.activeForm().focused()
}

// toDataQuestion goes on from toInternet to "Do you run out of data",
// a list of one answer, read.
func toDataQuestion(t *testing.T) *driver {
	d, _ := toInternet(t)
	time.Sleep(d.m.wordHoldLen())
	d.press("1", "enter")
	d.waitFor("Do you run out of data")
	time.Sleep(d.m.wordHoldLen())
	return d
}

func TestAnXTypedWithTheEnterAfterANumberTicksNothingOnTheListItBroughtUp(t *testing.T) {
	t.Parallel()
	d := toDataQuestion(t)
	// The number answers a list of one answer and moves on; the enter
	// typed after it out of habit is absorbed (chosenEnter); the x lands
	// on the list of many answers the number brought up.
	burst(d, "2", "enter", "x")
	d.waitFor("Skills · 2 of 5")
	refusedTick(t, d, d.m.activeForm().focused())
}

func TestAnXTypedJustAfterTheEnterThatLeftAListTicksNothingOnTheNext(t *testing.T) {
	t.Parallel()
	d, f := toInternet(t)
	time.Sleep(d.m.wordHoldLen() / 4) // 0.3 s of 1.2 s
	d.press("x")
	refusedTick(t, d, f)
}

func TestAnXTypedWithTheNumberThatAnsweredTheQuestionBeforeTicksNothing(t *testing.T) {
	t.Parallel()
	d := toDataQuestion(t)
	burst(d, "2", "x")
	d.waitFor("Skills · 2 of 5")
	refusedTick(t, d, d.m.activeForm().focused())
}

func TestAnXAfterAnArrowTypedBeforeTheListCouldBeReadTicksNothing(t *testing.T) {
	t.Parallel()
	for name, c := range map[string]struct {
		wait time.Duration // after the list came up, before the keys
		keys []string
	}{
		"an arrow at once":           {0, []string{"down"}},
		"two arrows at once":         {0, []string{"down", "down"}},
		"an arrow 0.3 s of 1.2 s in": {75 * time.Millisecond, []string{"down"}}, // a quarter of the test's 300 ms hold
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			d, f := toInternet(t)
			time.Sleep(c.wait)
			d.press(c.keys...)
			d.press("x")
			refusedTick(t, d, f)
		})
	}
}

func TestAnXTicksTheHighlightedAnswerOnceTheListIsRead(t *testing.T) {
	t.Parallel()
	for name, keys := range map[string][]string{
		"after the hold":                 nil,
		"after the hold and then arrows": {"down", "down"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			d, f := toInternet(t)
			time.Sleep(d.m.wordHoldLen() + 50*time.Millisecond)
			d.press(keys...)
			d.press("x")
			d.aloneEnds()
			want := make([]bool, len(f.ticked))
			want[len(keys)] = true
			if !slices.Equal(f.ticked, want) {
				t.Fatalf("x ticked %v, want %v:\n%s", f.ticked, want, d.screen())
			}
		})
	}
}
