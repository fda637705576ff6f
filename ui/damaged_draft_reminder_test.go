package ui

import (
	"strings"
	"testing"

	"digicheck/store"
)

// Damaged stores, fault 4: damage found at the first draft (the patient's
// entry of the patient index, read once the number is given) was said
// for a moment, until the next key, and the questions went on with
// nothing to say their answers would not be saved in the store. From then
// on the one-line reminder stays, as for a store found damaged at the
// start.
func TestDamageFoundAtADraftLeavesTheReminder(t *testing.T) {
	t.Parallel()
	o := testOptions(nil)
	o.Draft = func(*store.Draft) error {
		return &store.Error{Kind: store.ErrDamaged, Msg: "the digicheck store x is damaged: the patient index is damaged"}
	}
	d := newDriver(t, o, 80, 24)
	d.press("1")
	d.typeText(validNHS)
	d.press("enter", "enter", "enter")
	d.waitFor("Access · 1 of 5")
	d.press("1", "enter", "1", "enter", "1")
	d.waitFor("Skills · 2 of 5")
	// Said whole, in words that fit above the help at 80x24: the
	// store's own reason ran off its foot.
	if s := strings.Join(strings.Fields(d.screen()), " "); !strings.Contains(s, "its answers will be kept in a file beside the store, with its note for the patient record. The reason is printed when digicheck ends.") {
		t.Errorf("the refused draft's damage is not said whole:\n%s", d.screen())
	}
	d.press("1")
	if s := d.screen(); !strings.Contains(s, "Store cannot save: these answers will be kept in a file, not in the store") {
		t.Errorf("after a draft was refused as damaged, the questions do not say the answers go to a file:\n%s", s)
	}
}
