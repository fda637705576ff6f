package record

import (
	"slices"
	"strings"
	"testing"
)

// TestChangeLinesAreWordsAScreenReaderSpeaks: the change since the last
// check is read in the plain prompts by screen readers, which spoke
// "Access: no barrier -> some barrier" as "no barrier dash greater than
// some barrier". Each change says what it was and what it is now in words,
// in the plain prompts, on the result screen and in the note alike, and no
// line holds an arrow or any other symbol a screen reader spells out.
func TestChangeLinesAreWordsAScreenReaderSpeaks(t *testing.T) {
	first := assessed(t, nil)
	later := followUp(t, first, confident)
	c := Compare(first, later)
	got := c.Lines()
	for _, want := range []string{
		"Access: was significant barrier, now no barrier (better)",
		"Motivation: was some barrier, now no barrier (better)",
		"Contact by: was Phone call, now NHS App",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("change lines lack %q:\n%s", want, strings.Join(got, "\n"))
		}
	}
	worse := Compare(later, first).Lines()
	if want := "Access: was no barrier, now significant barrier (worse)"; !slices.Contains(worse, want) {
		t.Errorf("change lines lack %q:\n%s", want, strings.Join(worse, "\n"))
	}
	later.Change = &c
	for _, l := range append(append(got, worse...), strings.Split(NoteWith(later, NoteOptions{}), "\n")...) {
		if strings.ContainsAny(l, "<>→=|") {
			t.Errorf("a line a screen reader would speak as symbols: %q", l)
		}
	}
}
