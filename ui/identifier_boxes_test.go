package ui

import (
	"strings"
	"testing"
)

// TestTheWrongThingInAnIdentifierBoxIsRefused: on the patient screen, a
// local hospital number with no digit ("Ada", a name in the wrong box) is
// refused saying what a local number looks like, and an NHS number typed
// in the clinician's box with the letter O for a zero is refused saying
// why, without the number said back; neither goes on to the questions.
func TestTheWrongThingInAnIdentifierBoxIsRefused(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	d.waitFor("Identifier")
	d.press("2") // local hospital number
	d.typeText("Ada")
	d.press("enter")
	d.waitFor("at least one digit", "letters, digits and -")
	if s := d.screen(); strings.Contains(s, "✓ Number") {
		t.Fatalf("a local number with no digit was taken:\n%s", s)
	}
	d.press("backspace", "backspace", "backspace")
	d.typeText("RXH123")
	d.press("enter")
	d.waitFor("✓ Number: RXH123", "Clinician")
	d.press("backspace") // edit the given name…
	d.press(repeat("backspace", 20)...)
	d.typeText("4O1 023 2137") // …into a patient's NHS number, O for 0
	d.press("enter")
	d.waitFor("looks like an NHS number")
	if s := d.screen(); strings.Contains(s, "Team (optional)") || strings.Contains(s, "✓ Clinician") {
		t.Fatalf("an NHS number was taken as the clinician:\n%s", s)
	}
	status := d.screen()
	if i := strings.Index(status, "looks like an NHS number"); strings.Contains(status[i:], "4O1") || strings.Contains(status[i:], "4010232137") {
		t.Errorf("the refusal says the number back:\n%s", status)
	}
}
