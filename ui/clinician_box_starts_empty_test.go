package ui

import (
	"strings"
	"testing"
	"time"
)

// TestTheNextAssessmentsClinicianBoxIsEmptyAndEnterThereSavesNothingUnderTheLastName:
// on a shared ward workstation the next patient's clinician box was
// pre-filled with the last clinician's name, and one Enter saved the
// assessment under it. The box now starts empty; the last name is said
// under it and put there only by Tab; Enter on the empty box is refused,
// saying to type your own name.
func TestTheNextAssessmentsClinicianBoxIsEmptyAndEnterThereSavesNothingUnderTheLastName(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	toReviewQuickly(d)
	d.press("enter")
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Saved ·")
	d.press("n")
	d.waitFor("New assessment", "Identifier")
	d.press("1")
	d.waitFor("NHS number: 10 digits")
	d.typeText(validNHS)
	d.press("enter")
	d.waitFor("Clinician", "Type your name, or press Tab for Dr Ada Test")
	if got := d.m.patient.clinician.input.Value(); got != "" {
		t.Fatalf("the next assessment's clinician box holds %q, kept by one Enter:\n%s", got, d.screen())
	}
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond) // read, as a clinician would
	d.press("enter")
	if d.m.patient.form.focused() != d.m.patient.clinician || d.m.patient.clinician.text() != "" {
		t.Fatalf("Enter on the empty box went on with %q:\n%s", d.m.patient.clinician.text(), d.screen())
	}
	if s := strings.Join(strings.Fields(d.screen()), " "); !strings.Contains(s, "type your own name") {
		t.Fatalf("Enter on the empty box was refused without saying to type a name:\n%s", d.screen())
	}

	// Tab is the deliberate choice of the name offered.
	d.press("tab")
	d.waitFor("> Dr Ada Test")
	d.press("enter")
	d.waitFor("Team (optional)", "✓ Clinician: Dr Ada Test")
}

// TestTheConfiguredClinicianIsOfferedNotFilled: the site config's
// clinician is offered under the empty box; a name typed is taken as
// typed, and Tab is not needed for it.
func TestTheConfiguredClinicianIsOfferedNotFilled(t *testing.T) {
	t.Parallel()
	o := testOptions(nil)
	o.Clinician, o.OfferClinician = "", "Sam Jones"
	d := newDriver(t, o, 80, 24)
	d.press("1")
	d.typeText(validNHS)
	d.press("enter")
	d.waitFor("Clinician", "Type your name, or press Tab for Sam Jones")
	if got := d.m.patient.clinician.input.Value(); got != "" {
		t.Fatalf("the clinician box holds %q before anything is typed", got)
	}
	d.typeText("Pat Nurse")
	d.press("enter")
	d.waitFor("Team (optional)", "✓ Clinician: Pat Nurse")
}
