package ui

import (
	"strings"
	"testing"
)

// n after a save, with another program holding the store, showed the
// list of unfinished assessments as last read, as if current: a draft
// another window kept since was missing from it, and nothing said the
// store was in use. The list says so, in the words the full screen uses
// for a held store, and that the drafts are looked for again as each
// patient is given.
func TestNAfterASaveOnAHeldStoreSaysTheListMayMissDraftsKeptSince(t *testing.T) {
	t.Parallel()
	k := &keptSince{}
	d, st := sinceStart(t, k)
	k.keep(otherWindowsDraft(t, st, "Nurse Early"))
	localToReview(d)
	saveFromReview(d)
	k.keep(otherWindowsDraft(t, st, "Nurse Late Since"))
	k.setHeld(true)
	d.press("n")
	d.waitFor("Unfinished assessments", "by Nurse Early")
	f := flat(d.screen())
	if strings.Contains(f, "Nurse Late Since") {
		t.Fatalf("a held store's list showed a draft it could not have read:\n%s", d.screen())
	}
	box := boxText(d.screen())
	for _, w := range []string{"The store is in use by another program", "drafts kept since may be missing",
		"looked for again as each patient is given"} {
		if !strings.Contains(box, w) {
			t.Fatalf("the list read while the store was held does not say %q:\n%s", w, d.screen())
		}
	}
	checkFits(t, d.m.View().Content, 80, 24)

	// The store let go: the next patient's read finds the list current
	// again, and the notice no longer stands on the patient's details,
	// gone back to from the patient's draft.
	k.setHeld(false)
	d.press("n")
	d.waitFor("New assessment", "Identifier")
	if !strings.Contains(boxText(d.screen()), "looked for again as each patient is given") {
		t.Fatalf("the new assessment's patient screen does not say the drafts are looked for again:\n%s", d.screen())
	}
	nextPatient(d)
	d.waitFor("Before the first question: this patient has an unfinished assessment", "by Nurse Late Since")
	d.press("esc")
	d.waitFor("Team (optional)")
	if strings.Contains(boxText(d.screen()), "may be missing") {
		t.Fatalf("the held-store notice stayed once the drafts were read:\n%s", d.screen())
	}
}
