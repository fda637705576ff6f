package ui

import (
	"strings"
	"testing"
	"time"

	"digicheck/record"
)

// "Discard the unfinished assessment …?" on the list of drafts takes only
// a y typed on its own, once the question was shown and read: another
// clinician's kept answers are never lost by a letter of a word ("yes",
// "Lindsay") or a y typed in the moment after d.

// discardTyping is the list of drafts, read, with keys held at it as at a
// terminal; it counts the drafts discarded.
func discardTyping(t *testing.T) (*driver, *int) {
	st := tempStore(t)
	o := withStore(testOptions(nil), st)
	o.Drafts = offered(draftAt(t, st))
	discards := 0
	o.DiscardDraft = func(id record.ID) error { discards++; return st.DiscardDraft(id) }
	d := newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments")
	d.m.refusalHold = refusalHold
	time.Sleep(wordHold) // the list has been read
	return d, &discards
}

// TestDiscardingADraftNeedsAYTypedOnItsOwnAfterTheQuestion: another
// clinician's kept answers are discarded only by a y typed on its own
// once "Discard …?" was shown and read. A y typed half a second after d,
// before the question could be read, discards nothing, nor does a y
// typed as a word's letter ("yes" in a burst, "yes" or "Lindsay" at a
// typist's pace); each is said. A y on its own, after the question was
// read, asks again, and a second y on its own discards the draft.
func TestDiscardingADraftNeedsAYTypedOnItsOwnAfterTheQuestion(t *testing.T) {
	t.Parallel()
	t.Run("y soon after d", func(t *testing.T) {
		t.Parallel()
		d, discards := discardTyping(t)
		burst(d, "d")
		time.Sleep(500 * time.Millisecond)
		burst(d, "y")
		time.Sleep(wordHold + 100*time.Millisecond)
		if *discards != 0 {
			t.Fatalf("a y typed 0.5 s after d discarded the draft:\n%s", d.screen())
		}
		d.waitFor("Discard the unfinished assessment")
	})
	for _, w := range []string{"yes", "Yes", "Lindsay", "y1"} {
		t.Run(w, func(t *testing.T) {
			t.Parallel()
			d, discards := discardTyping(t)
			burst(d, "d")
			time.Sleep(wordHold + 100*time.Millisecond) // the question has been read
			burst(d, word(w)...)
			time.Sleep(wordHold + 100*time.Millisecond)
			if *discards != 0 {
				t.Fatalf("%q typed at the question discarded the draft:\n%s", w, d.screen())
			}
			d.waitFor("Discard the unfinished assessment")
			if !strings.Contains(flat(d.screen()), "Keys are being ignored") {
				t.Fatalf("%q at the question was not refused on screen:\n%s", w, d.screen())
			}
		})
		t.Run(w+" slowly", func(t *testing.T) {
			t.Parallel()
			d, discards := discardTyping(t)
			burst(d, "d")
			time.Sleep(wordHold + 100*time.Millisecond)
			slowly(d, word(w)...)
			time.Sleep(wordHold + 100*time.Millisecond)
			if *discards != 0 {
				t.Fatalf("%q typed slowly at the question discarded the draft:\n%s", w, d.screen())
			}
		})
	}
	t.Run("y on its own", func(t *testing.T) {
		t.Parallel()
		d, discards := discardTyping(t)
		burst(d, "d")
		time.Sleep(wordHold + 100*time.Millisecond)
		d.press("y") // taken once no key has followed it: it asks again
		d.waitFor("Discard it for good?")
		time.Sleep(wordHold + 100*time.Millisecond)
		d.press("y")
		if *discards != 1 {
			t.Fatalf("y typed on its own after the question did not discard the draft:\n%s", d.screen())
		}
		d.waitFor("Draft discarded.")
	})
}
