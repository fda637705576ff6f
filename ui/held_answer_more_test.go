package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// An arrow typed with the enter that kept the question before moved the
// highlight of a single choice that came up holding "Sometimes" onto
// "Often", unread and taken; the enter the clinician pressed 1.3 s later,
// meant to keep the answer, chose "Often", saved so. An arrow on such a
// question before it could be read is refused as the other keys are: the
// highlight goes back to the answer and every key after it is ignored
// until esc, so no later enter chooses where it left the highlight.
func TestAnArrowOnASingleChoiceHoldingAnAnswerIsRefusedBeforeItCouldBeRead(t *testing.T) {
	t.Parallel()
	amendment := heldContexts[0]
	for _, k := range []string{"down", "up", "end", "home"} {
		t.Run(k, func(t *testing.T) {
			t.Parallel()
			d := amendment.open(t, heldSingle)
			f := toHeld(t, d, heldSingle)
			before := f.values()
			d.press(k)
			time.Sleep(wordHold + 100*time.Millisecond)
			d.press("enter") // meant to keep the answer
			if d.m.focusedField() != f {
				t.Fatalf("%s then an enter 1.3 s later left %q, answered %v (the patient gave %v):\n%s", k, f.title, f.values(), before, d.screen())
			}
			if v := f.values(); !slices.Equal(v, before) || f.cursor != f.chosen {
				t.Fatalf("%s moved %q to %v, highlight on %d, answer %d:\n%s", k, f.title, v, f.cursor, f.chosen, d.screen())
			}
			if s := flat(d.screen()); !strings.Contains(s, "not taken: it came before this question could be read.") {
				t.Fatalf("the screen does not say the %s was not taken:\n%s", k, d.screen())
			}
		})
	}
	// Read, an arrow moves the highlight and an enter chooses, as ever.
	d := amendment.open(t, heldSingle)
	f := toHeld(t, d, heldSingle)
	time.Sleep(wordHold + 100*time.Millisecond)
	d.press("down", "enter")
	if d.m.focusedField() == f || !slices.Equal(f.values(), []string{"often"}) {
		t.Fatalf("down enter, once read, answered %v, want [often]:\n%s", f.values(), d.screen())
	}
}

// A question that came up holding an answer while the window was too small
// to show it counted its hold all the same: made big again, a "1" typed
// 0.3 s later changed "Sometimes" to "No, never", the Access band with it.
// What the window hid is shown anew, and held anew.
func TestAQuestionHoldingAnAnswerHiddenByASmallWindowIsHeldAnewWhenShown(t *testing.T) {
	t.Parallel()
	d := heldContexts[0].open(t, heldSingle)
	for _, b := range heldSingle.before[:len(heldSingle.before)-1] {
		keptRead(t, d, b)
	}
	last := heldSingle.before[len(heldSingle.before)-1]
	time.Sleep(wordHold + 100*time.Millisecond)
	d.press("enter")                                 // keeps the question read, and brings up the next
	d.send(tea.WindowSizeMsg{Width: 50, Height: 15}) // at once hidden
	f := d.m.focusedField()
	if f == nil || strings.Contains(flat(f.title), last) || !strings.Contains(flat(f.title), heldSingle.title) {
		t.Fatalf("the enter on %q, read, did not bring up %q", last, heldSingle.title)
	}
	before := f.values()
	time.Sleep(wordHold + 300*time.Millisecond) // longer than the hold, all of it hidden
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	time.Sleep(300 * time.Millisecond)
	d.press("1")
	if v := f.values(); !slices.Equal(v, before) {
		t.Fatalf("a 1 typed 0.3 s after %q was shown changed it from %v to %v:\n%s", f.title, before, v, d.screen())
	}
	if s := flat(d.screen()); !strings.Contains(s, `"1" not taken: it came before this question could be read.`) {
		t.Fatalf("the screen does not say the 1 was not taken:\n%s", d.screen())
	}
}
