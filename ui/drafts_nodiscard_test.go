package ui

import (
	"strings"
	"testing"
)

// Damaged stores, item 6 of the last re-test: on a store that takes no
// writes (found damaged), the list of drafts offered "d discard", asked
// "Its answers will be lost", and only then refused ("Not discarded: …").
// With nothing to discard them through, discard is not offered, and d
// asks nothing: it says why the drafts stay.
func TestDraftsAreNotOfferedToDiscardWhenTheStoreCannotDiscardThem(t *testing.T) {
	st := tempStore(t)
	dr := draftAt(t, st)
	o := withStore(testOptions(nil), st)
	o.DiscardDraft = nil
	o.Drafts = offered(dr)
	d := newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments", "enter resume", "n new assessment")
	if s := d.screen(); strings.Contains(s, "d discard") {
		t.Errorf("discard is offered with nothing to discard through:\n%s", s)
	}
	d.press("d")
	d.waitFor("cannot be discarded")
	if s := d.screen(); strings.Contains(s, "Discard the unfinished assessment") || strings.Contains(s, "y discard it") {
		t.Errorf("d asks to discard a draft that cannot be discarded:\n%s", s)
	}
	d.press("y", "y")
	d.waitFor("Unfinished assessments", "> NHS 943 476 5919")
	if len(drafts(t, st)) != 1 {
		t.Fatal("the draft was discarded")
	}
}
