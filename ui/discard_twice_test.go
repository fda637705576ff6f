package ui

import (
	"strings"
	"testing"
	"time"
)

// TestDiscardingADraftAsksAgainAfterY: a y typed on its own at "Discard
// the unfinished assessment …?" only asks again, as ctrl+c's question
// does. A name typed slowly from its d ("dylan" at a two-finger pace, a
// key every 1.3 s) so discards nothing: its l, at the second question,
// is refused, and the draft kept. A second y, on its own, discards.
func TestDiscardingADraftAsksAgainAfterY(t *testing.T) {
	t.Parallel()
	pace := wordHold + 100*time.Millisecond // slower than a word's letters
	t.Run("dylan slowly", func(t *testing.T) {
		t.Parallel()
		d, discards := discardTyping(t)
		for _, k := range word("dylan") {
			burst(d, k)
			time.Sleep(pace)
		}
		if *discards != 0 {
			t.Fatalf("\"dylan\" typed slowly on the list discarded the draft:\n%s", d.screen())
		}
		if !strings.Contains(flat(d.screen()), "Keys are being ignored") {
			t.Fatalf("the l of \"dylan\" at the second question was not refused:\n%s", d.screen())
		}
	})
	t.Run("y then y", func(t *testing.T) {
		t.Parallel()
		d, discards := discardTyping(t)
		burst(d, "d")
		time.Sleep(pace)
		d.press("y")
		if *discards != 0 {
			t.Fatalf("one y discarded the draft:\n%s", d.screen())
		}
		d.waitFor("Discard it for good?")
		time.Sleep(pace)
		d.press("y")
		if *discards != 1 {
			t.Fatalf("y, then y again, did not discard the draft:\n%s", d.screen())
		}
		d.waitFor("Draft discarded.")
	})
}
