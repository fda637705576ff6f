package ui

import (
	"strings"
	"testing"

	"digicheck/store"
)

// Damaged stores, re-test fault 4: a draft resumed on a store known to be
// damaged (the reminder already on screen, the answers going to a file)
// had its draft refused at the end of a section, and the screen said "The
// answers so far could not be kept as a draft:" and the store's whole
// reason, cut off at 80x24 and still there on the review. The store was
// known damaged: the calm reminder says where the answers go, and the
// reason is printed when digicheck ends.
func TestADraftRefusedOnAStoreKnownDamagedKeepsTheCalmReminder(t *testing.T) {
	t.Parallel()
	o := testOptions(nil)
	o.Reminder = "Store cannot save: these answers will be kept in a file, not in the store"
	o.Draft = func(*store.Draft) error {
		return &store.Error{Kind: store.ErrDamaged, Msg: "the digicheck store /tmp/d1/f.db is damaged: the pages that lead to the unfinished assessments kept as drafts are damaged, so each page of drafts was read on its own: 12 unfinished assessments kept as drafts were found there and can be resumed; any other unfinished assessment is lost from this store, so if one is not on the list, enter that assessment again"}
	}
	d := newDriver(t, o, 80, 24)
	d.press("1")
	d.typeText(validNHS)
	d.press("enter", "enter", "enter")
	d.waitFor("Access · 1 of 5")
	d.press("1", "enter", "1", "enter", "1")
	d.waitFor("Skills · 2 of 5")
	s := d.screen()
	if strings.Contains(s, "could not be kept as a draft") || strings.Contains(s, "pages that lead") {
		t.Errorf("a draft refused on a store known damaged is said as an alarm, with the store's reason:\n%s", s)
	}
	if !strings.Contains(s, o.Reminder) {
		t.Errorf("the reminder that the answers go to a file is gone:\n%s", s)
	}
	checkFits(t, d.m.View().Content, 80, 24)
}
