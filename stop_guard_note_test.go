package main

import (
	"io"
	"testing"
	"time"
)

// TestANoteWrittenJustBeforeAStopIsShownAgain: at a terminal, Ctrl+C makes
// the kernel throw away what was written and not yet drawn, so a saved
// record's note written 15 ms before a Ctrl+C was never on the screen
// though the prompts had written it whole, and the stop said only "The
// assessment saved above is kept". A note written just before the stop is
// taken as not shown (the stop shows it again); one written long enough
// before is taken as shown.
func TestANoteWrittenJustBeforeAStopIsShownAgain(t *testing.T) {
	g := &stopGuard{w: io.Discard, noted: true}
	if !g.stop() {
		t.Fatal("nothing was saved, and the stop says a note is yet to be shown")
	}

	g = &stopGuard{w: io.Discard, noted: true}
	g.saved()
	io.WriteString(g, "Note for the patient record:\n...\n")
	io.WriteString(g, noteShownUpTo+"\n")
	if g.stop() {
		t.Error("a note written just before the stop is taken as shown: a terminal's Ctrl+C may have thrown it away undrawn")
	}

	g = &stopGuard{w: io.Discard, noted: true}
	g.saved()
	io.WriteString(g, "Note for the patient record:\n...\n"+noteShownUpTo+"\n")
	g.notedAt = time.Now().Add(-2 * noteDrawnWithin)
	if !g.stop() {
		t.Error("a note written whole well before the stop is taken as not shown")
	}
}
