//go:build !windows

package main

import (
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
)

// discardAtQuit answers "Discard this assessment?", read, at a terminal:
// y typed on its own asks again, and a second y, typed on its own once
// that is read, discards.
func (tm *ptyTerm) discardAtQuit() {
	tm.t.Helper()
	tm.keys("y")
	tm.waitFor("Discard it for good?")
	time.Sleep(600 * time.Millisecond) // read (keys typed before it are ignored)
	tm.keys("y")
}

// TestAWordTypedAfterCtrlCDiscardsNothing: at a terminal, "Yoruba" typed
// as one burst 1.5 s after ctrl+c asked "Discard this assessment?"
// discarded every answer and quit without a word. It is refused on screen
// and the assessment goes on being asked about; discarding takes y typed
// on its own twice, and digicheck then says, once ended, that the
// patient's assessment was discarded.
func TestAWordTypedAfterCtrlCDiscardsNothing(t *testing.T) {
	t.Parallel()
	testkit.EndToEnd(t)
	tm := atHowOnline(t)
	tm.keys("ctrl+c")
	tm.waitFor("Discard this assessment?")
	time.Sleep(1500 * time.Millisecond)

	for _, w := range []string{"Yoruba", "Kurdish", "digicheck"} {
		tm.keys(w)                          // one write: one burst
		time.Sleep(1500 * time.Millisecond) // anything still coming has come
		select {
		case <-tm.done:
			t.Fatalf("%q typed after ctrl+c ended digicheck:\n%s", w, tm.vt.Screen())
		default:
		}
		if f := flatScreen(tm); !strings.Contains(f, "Not taken:") || !strings.Contains(f, "Discard this assessment?") {
			t.Fatalf("%q typed after ctrl+c was not refused on screen:\n%s", w, tm.vt.Screen())
		}
	}
	tm.keys("esc") // the refusal read: keys are taken again
	time.Sleep(700 * time.Millisecond)
	tm.discardAtQuit()
	tm.exited()
	if f := flatScreen(tm); !strings.Contains(f, "Discarded: the assessment of patient 943 476 5919 was not saved") {
		t.Fatalf("digicheck did not say the assessment was discarded:\n%s", tm.vt.Screen())
	}
}
