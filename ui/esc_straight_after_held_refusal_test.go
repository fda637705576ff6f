package ui

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// A key refused on a question that came up holding an answer, before it
// could be read, is followed by keys ignored until esc, which says the
// refusal was read. An esc typed 0.1 s after the refused key ended it at
// once, and the keys after it acted on a question on screen some 0.3 s:
// "enter esc enter" kept "Wants online: Yes" unread, "enter esc ↓ enter"
// saved "Yes, with some help" for the patient's "Yes", "↓ esc 4" saved
// "No". An esc that came before the refusal could be read (within the
// word hold of it, or in the burst of keys being ignored) is not taken:
// it is counted among the keys ignored, and the screen says so. Read,
// then esc, then enter keeps the answer given, as ever.

// escTooSoon is typed after the key refused: the esc, then keys that
// would keep or change the answer.
type escTooSoon struct {
	name  string
	after []string
}

func escTooSoonOf(q heldQuestion) []escTooSoon {
	switch q.kind {
	case "single": // "Sometimes"
		return []escTooSoon{
			{"enter keeps", []string{"enter"}},
			{"down enter changes", []string{"down", "enter"}},
			{"1 changes", []string{"1"}},
		}
	case "tick-all": // "Internet or wifi at home"
		return []escTooSoon{
			{"enter keeps", []string{"enter"}},
			{"1 unticks", []string{"1", "enter"}},
			{"3 ticks", []string{"3", "enter"}},
		}
	}
	return []escTooSoon{ // "Polish"
		{"enter keeps", []string{"enter"}},
		{"a replaces", []string{"a", "enter"}},
		{"backspace edits", []string{"backspace", "enter"}},
	}
}

// heldAsItCame fails t unless f, in focus, holds what it came up with.
func heldAsItCame(t *testing.T, d *driver, f *field, before []string, text string, what string) {
	t.Helper()
	if d.m.focusedField() != f {
		t.Fatalf("%s: the keys went on from %q:\n%s", what, f.title, d.screen())
	}
	if v := f.values(); !slices.Equal(v, before) || f.input.Value() != text {
		t.Fatalf("%s: %q changed from %v %q to %v %q:\n%s", what, f.title, before, text, v, f.input.Value(), d.screen())
	}
	if f.kind == oneOf && f.cursor != f.chosen {
		t.Fatalf("%s: the highlight of %q was left on %d, not on the answer given, %d:\n%s", what, f.title, f.cursor, f.chosen, d.screen())
	}
}

func TestAnEscStraightAfterAKeyRefusedOnAHeldQuestionDoesNotTakeKeysAgain(t *testing.T) {
	t.Parallel()
	for _, c := range heldContexts[:2] { // an amendment, a section opened again from the review
		for _, q := range c.kinds {
			for _, k := range escTooSoonOf(q) {
				for _, refused := range []string{"enter", "down"} {
					if refused == "down" && q.kind != "single" {
						continue
					}
					t.Run(c.name+"/"+q.kind+"/"+refused+" esc "+k.name, func(t *testing.T) {
						t.Parallel()
						d := c.open(t, q)
						f := toHeld(t, d, q)
						before, text := f.values(), f.input.Value()
						time.Sleep(100 * time.Millisecond)
						d.press(refused)
						if !d.m.ignoring {
							t.Fatalf("%s, 0.1 s after %q came up, was not refused:\n%s", refused, f.title, d.screen())
						}
						time.Sleep(100 * time.Millisecond)
						d.press("esc")
						time.Sleep(100 * time.Millisecond)
						pressHeld(d, k.after...)
						heldAsItCame(t, d, f, before, text, "esc 0.1 s after the refused key, then "+strings.Join(k.after, " "))
						if !d.m.ignoring {
							t.Fatalf("the esc 0.1 s after the refused key took keys again:\n%s", d.screen())
						}
						s := flat(d.screen())
						if !strings.Contains(s, "Esc not taken") {
							t.Fatalf("the screen does not say the esc was not taken:\n%s", d.screen())
						}
						// The clinician reads it, presses esc, and enter
						// keeps the answer given.
						time.Sleep(wordHold + 100*time.Millisecond)
						d.press("esc")
						if d.m.ignoring || !strings.Contains(flat(d.screen()), "Keys are taken again") {
							t.Fatalf("esc, once the refusal was read, did not take keys again:\n%s", d.screen())
						}
						time.Sleep(d.m.refusalHold) // keys typed with esc are held a moment
						d.press("enter")
						if d.m.focusedField() == f {
							t.Fatalf("enter, once keys were taken again, did not keep the answer of %q:\n%s", f.title, d.screen())
						}
						if v := f.values(); !slices.Equal(v, before) {
							t.Fatalf("%q kept as %v, the patient gave %v", f.title, v, before)
						}
					})
				}
			}
		}
	}
}

// An esc at the end of a burst of keys being ignored was typed with them,
// however long after the refused key it comes: it is not taken either.
func TestAnEscInTheBurstOfKeysIgnoredAfterAHeldRefusalDoesNotTakeKeysAgain(t *testing.T) {
	t.Parallel()
	d := heldContexts[0].open(t, heldSingle)
	f := toHeld(t, d, heldSingle)
	before := f.values()
	d.press("enter") // refused
	// The answers planned for the questions after it, at 0.2 s a key,
	// then esc and down enter, past the word hold of the refusal.
	for _, k := range []string{"2", "enter", "3", "enter", "1", "enter", "2"} {
		time.Sleep(200 * time.Millisecond)
		d.press(k)
	}
	time.Sleep(200 * time.Millisecond)
	d.press("esc")
	time.Sleep(100 * time.Millisecond)
	d.press("down", "enter")
	heldAsItCame(t, d, f, before, "", "esc in the burst, then down enter")
	if !strings.Contains(flat(d.screen()), "Esc not taken") {
		t.Fatalf("the screen does not say the esc was not taken:\n%s", d.screen())
	}
}

// After the esc that took keys again, read, keys work at once: the
// question has been on screen since the refusal, read.
func TestAnEscReadAfterAHeldRefusalLetsTheNextKeyChooseAnother(t *testing.T) {
	t.Parallel()
	d := heldContexts[1].open(t, heldSingle)
	f := toHeld(t, d, heldSingle)
	d.press("enter") // refused
	time.Sleep(wordHold + 100*time.Millisecond)
	d.press("esc")
	time.Sleep(d.m.refusalHold)
	d.press("down", "enter")
	if d.m.focusedField() == f {
		t.Fatalf("down enter, typed after esc once the refusal was read, did not answer %q:\n%s", f.title, d.screen())
	}
	if v := f.values(); !slices.Equal(v, []string{"often"}) {
		t.Fatalf("%q answered %v, want often", f.title, v)
	}
}
