package ui

import (
	"strings"
	"testing"
)

// TestThePatientsOwnNumberIsRefusedInTheTeamBox: the patient's local
// number typed as the team ("Ward rx 12345" for patient RX12345) is
// refused at the team box itself, never said back, as the clinician box
// refuses it: taken, it went out as a team in pseudonymised exports and in
// the summary that is safe to share. A team's name is then taken.
func TestThePatientsOwnNumberIsRefusedInTheTeamBox(t *testing.T) {
	t.Parallel()
	o := testOptions((&memStore{}).Save)
	o.Team = ""
	d := newDriver(t, o, 80, 24)
	d.waitFor("Identifier")
	d.press("2") // local hospital number
	d.typeText("RX12345")
	d.press("enter")
	d.waitFor("✓ Number: RX12345", "Clinician")
	d.press(repeat("backspace", 20)...)
	d.typeText("Dr Ada Test")
	d.press("enter")
	d.waitFor("✓ Clinician: Dr Ada Test", "Team (optional)")
	d.typeText("Ward rx 12345")
	d.press("enter")
	d.waitFor("the patient's own number")
	s := d.screen()
	// Refused as the whole patient step is completed, the form is
	// opened again with the box's answer kept ("enter keeps this"): the
	// box itself refuses it while it is typed in.
	if strings.Contains(s, "✓ Team") || strings.Contains(s, "enter keeps this") {
		t.Fatalf("the patient's own number was taken as the team, not refused in its box:\n%s", s)
	}
	if strings.Contains(s[strings.Index(s, "the patient's own number"):], "12345") {
		t.Errorf("the refusal says the number back:\n%s", s)
	}
	d.press(repeat("backspace", 13)...)
	d.typeText("Ward 5")
	d.press("enter")
	d.waitFor("Which of these can you use")
}
