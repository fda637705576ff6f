package ui

import (
	"strings"
	"testing"
)

// TestThePatientsOwnNumberIsRefusedInTheClinicianBox: the patient's local
// number typed again one box too late ("RX12345" in the clinician box) is
// refused at the clinician box itself, before the team is asked, so the
// assessment is never made "by" its own patient's number; a name is then
// taken.
func TestThePatientsOwnNumberIsRefusedInTheClinicianBox(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	d.waitFor("Identifier")
	d.press("2") // local hospital number
	d.typeText("RX12345")
	d.press("enter")
	d.waitFor("✓ Number: RX12345", "Clinician")
	d.press("backspace")
	d.press(repeat("backspace", 20)...)
	d.typeText("rx12345")
	d.press("enter")
	d.waitFor("the patient's own number")
	if s := d.screen(); strings.Contains(s, "Team (optional)") || strings.Contains(s, "✓ Clinician") {
		t.Fatalf("the patient's own number was taken as the clinician:\n%s", s)
	}
	d.press(repeat("backspace", 7)...)
	d.typeText("Dr Ada Test")
	d.press("enter")
	d.waitFor("✓ Clinician: Dr Ada Test", "Team (optional)")
}
