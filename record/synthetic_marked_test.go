package record

import (
	"bytes"
	"strings"
	"testing"
)

// A handout printed from a training store of synthetic records read as a
// real patient's plan: nothing on it said it was test data, nor did the
// note made to be pasted into a patient record, nor the patient's history.
// Each now says so in its first line (the handout in its last paragraph
// too, where a second printed page ends); a real record's say nothing of it.
func TestASyntheticRecordIsMarkedAsTestDataOnItsHandoutNoteAndHistory(t *testing.T) {
	real := assessed(t, nil)
	syn := real
	syn.Synthetic = true

	for _, large := range []bool{false, true} {
		h := strings.TrimRight(HandoutWith(syn, HandoutOptions{LargePrint: large}), "\n")
		lines := strings.Split(h, "\n")
		first, last := lines[0], h[strings.LastIndex(h, "\n\n")+2:]
		for _, l := range []string{first, last} {
			if !strings.Contains(l, "SYNTHETIC TEST DATA") {
				t.Errorf("large print %v: the handout of a synthetic record does not begin and end saying it is test data (first line %q, last paragraph %q):\n%s",
					large, first, last, h)
				break
			}
		}
		width := 72
		if large {
			width = 36
		}
		for _, l := range lines {
			if len(l) > width {
				t.Errorf("large print %v: a line of %d characters, over %d: %q", large, len(l), width, l)
			}
		}
		if h := HandoutWith(real, HandoutOptions{LargePrint: large}); strings.Contains(strings.ToLower(h), "synthetic") || strings.Contains(strings.ToLower(h), "test data") {
			t.Errorf("large print %v: a real record's handout speaks of test data:\n%s", large, h)
		}
	}

	if first := strings.SplitN(NoteWith(syn, NoteOptions{}), "\n", 2)[0]; !strings.HasPrefix(first, "SYNTHETIC TEST RECORD") {
		t.Errorf("the note of a synthetic record, made to be pasted into a patient record, begins %q: not marked as test data", first)
	}
	if strings.Contains(NoteWith(real, NoteOptions{}), "SYNTHETIC") {
		t.Errorf("a real record's note is marked as test data:\n%s", NoteWith(real, NoteOptions{}))
	}
	var show bytes.Buffer
	if err := WriteDetailWith(&show, syn, nil, NoteOptions{}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(show.String(), "SYNTHETIC"); n != 1 {
		t.Errorf("show of a synthetic record says SYNTHETIC %d times, want once, at its top:\n%s", n, show.String())
	}

	var hist bytes.Buffer
	if err := WriteHistory(&hist, []Record{syn}, nil); err != nil {
		t.Fatal(err)
	}
	if first := strings.SplitN(hist.String(), "\n", 2)[0]; !strings.HasPrefix(first, "SYNTHETIC TEST DATA") {
		t.Errorf("the history of a synthetic record begins %q: not marked as test data", first)
	}
	hist.Reset()
	if err := WriteHistory(&hist, []Record{real}, nil); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(hist.String(), "SYNTHETIC") {
		t.Errorf("a real record's history is marked as test data:\n%s", hist.String())
	}
}
