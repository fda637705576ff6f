package ui

import (
	"strings"
	"testing"

	"digicheck/record"
)

// The first screen asks which kind of number identifies the patient, and
// no kind is chosen before the clinician chooses one (DESIGN: "Capture that
// can be trusted": no option is preselected).

// TestNoIdentifierKindIsPreselected: the identifier question opens with
// neither kind drawn chosen, and enter alone (typed ahead of the screen)
// chooses nothing and says how to choose.
func TestNoIdentifierKindIsPreselected(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	d.waitFor("New assessment", "Identifier", "1 ( ) NHS number", "2 ( ) Local hospital number")
	if strings.Contains(d.screen(), "(•)") {
		t.Fatalf("an identifier kind is drawn chosen before any key:\n%s", d.screen())
	}
	if v := d.m.patient.kind.values(); v != nil {
		t.Fatalf("identifier kind %q chosen before any key", v)
	}
	d.press("enter")
	d.waitFor("Identifier", choiceHelp)
	if i := d.m.patient.focusIndex(); i != kindField {
		t.Fatalf("enter alone left the identifier question (focus on field %d):\n%s", i, d.screen())
	}
	if v := d.m.patient.kind.values(); v != nil {
		t.Fatalf("enter alone chose identifier kind %q", v)
	}
}

// TestTheIdentifierKindIsChosenByItsKey: 1 and 2, the keys shown beside
// the kinds, choose them and move on to the number.
func TestTheIdentifierKindIsChosenByItsKey(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ key, kind, next string }{
		{"1", record.NHSNumber, "NHS number: 10 digits"},
		{"2", record.LocalID, "Local hospital number: letters, digits"},
	} {
		t.Run(c.key, func(t *testing.T) {
			t.Parallel()
			d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
			d.waitFor("Identifier")
			d.press(c.key)
			d.waitFor(c.next)
			if got := d.m.patient.kindCode(); got != c.kind {
				t.Fatalf("key %s chose %q, want %q", c.key, got, c.kind)
			}
		})
	}
}
