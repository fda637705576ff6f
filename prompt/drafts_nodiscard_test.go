package prompt

import (
	"errors"
	"strings"
	"testing"
)

// Damaged stores, item 6 of the last re-test: on a store that takes no
// writes, a draft chosen to discard asked "Discard these answers? They
// cannot be got back." and was refused only after yes. A draft with
// nothing to discard it through (Discard nil) says so at the choice, in
// the same place so the numbers stay those of every other run, and asks
// nothing: it is never said "Discarded." while it stays in the store.
func TestADraftThatCannotBeDiscardedIsNotOfferedToDiscard(t *testing.T) {
	var s saver
	o := options(&s)
	o.Drafts = []Resume{{Label: "Patient A"}}
	o.DraftsFromInput = true
	var out strings.Builder
	// The draft; discard; back to the list; start a new assessment (the
	// input ends at its first question).
	_, err := Run(o, strings.NewReader("2\n2\n1\n1\n"), &out)
	if !errors.Is(err, ErrEndOfInput) {
		t.Fatalf("err = %v\n%s", err, out.String())
	}
	said := out.String()
	if strings.Contains(said, "Discard these answers?") || strings.Contains(said, "Discarded.") {
		t.Errorf("a draft that cannot be discarded was asked about or said discarded:\n%s", said)
	}
	if !strings.Contains(said, "2. Discard it (not possible here: the store cannot be written to)") || !strings.Contains(said, "cannot be discarded") {
		t.Errorf("the choice does not say the draft cannot be discarded:\n%s", said)
	}
	if strings.Count(said, "Patient A") < 2 {
		t.Errorf("the draft left the list:\n%s", said)
	}
}
