package ui

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestAnXTypedWithANumberOnTheSameListIsRefusedAndChangesNothing: on a
// list of many answers a number ticks its answer and moves the highlight
// to it, and x ticks the answer highlighted: "2x" in a burst, or "3" then
// x 0.3 s later, ticked an answer and unticked it again, without a word (a
// tester at 80x24), where "xx" is refused as keys typed together. An x
// typed within the word hold of the number that ticked on the same list,
// no key between, is now refused as typed together with it: the number's
// tick is taken back, the list is as it was, and keys are ignored until
// Esc. An x once that has been read unticks the answer, as meant.
func TestAnXTypedWithANumberOnTheSameListIsRefusedAndChangesNothing(t *testing.T) {
	t.Parallel()
	for name, c := range map[string]struct {
		number string
		wait   time.Duration
	}{
		`"2x" in a burst`:       {"2", 0},
		`"3", x 0.3 s of 1.2 s`: {"3", 75 * time.Millisecond}, // a quarter of the test's 300 ms hold
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			d, f := toInternet(t)
			time.Sleep(d.m.wordHoldLen() + 50*time.Millisecond) // the list is read
			if c.wait == 0 {
				burst(d, c.number, "x")
			} else {
				d.press(c.number)
				time.Sleep(c.wait)
				d.press("x")
			}
			d.aloneEnds()
			if slices.Contains(f.ticked, true) {
				t.Fatalf("%s left %v ticked, want nothing changed:\n%s", name, f.ticked, d.screen())
			}
			s := flat(d.screen())
			if !strings.Contains(s, `"`+c.number+`x" came as keys typed together`) || !strings.Contains(s, "ignored until") {
				t.Fatalf("%s is not refused as keys typed together, keys ignored until Esc:\n%s", name, d.screen())
			}
			// Keys stay ignored until esc.
			d.press("1")
			if slices.Contains(f.ticked, true) {
				t.Fatalf("a key after the refusal ticked %v:\n%s", f.ticked, d.screen())
			}
		})
	}
	t.Run("a number, then x once the tick has been read", func(t *testing.T) {
		t.Parallel()
		d, f := toInternet(t)
		time.Sleep(d.m.wordHoldLen() + 50*time.Millisecond)
		d.press("2")
		time.Sleep(d.m.wordHoldLen() + 50*time.Millisecond)
		d.press("x")
		d.aloneEnds()
		if slices.Contains(f.ticked, true) || d.m.ignoring {
			t.Fatalf("an x once the 2's tick was read did not untick it: %v\n%s", f.ticked, d.screen())
		}
	})
}
