package ui

import (
	"fmt"
	"strings"
	"testing"

	"digicheck/record"
)

// TestTheLocalNumberCountSaysTheLimitItsRefusalSays: a local hospital
// number typed too long is counted against the limit its refusal names
// (record.MaxLocalID), never "24 of 24" beside "at most 20".
func TestTheLocalNumberCountSaysTheLimitItsRefusalSays(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	d.waitFor("Identifier")
	d.press("2") // local hospital number
	d.typeText(strings.Repeat("7", record.MaxLocalID+4))
	d.waitFor(fmt.Sprintf("%d of %d characters: too long", record.MaxLocalID+4, record.MaxLocalID))
	d.press("enter")
	d.waitFor(fmt.Sprintf("at most %d characters", record.MaxLocalID))
	if s := d.screen(); strings.Contains(s, "✓ Number") {
		t.Fatalf("a local number too long was taken:\n%s", s)
	}
}

// TestATeamHoldingAnNHSNumberIsRefusedOnScreen: a team typed with a
// patient's NHS number in it is refused on the patient screen, saying why
// and not saying the digits back; the questions are not reached.
func TestATeamHoldingAnNHSNumberIsRefusedOnScreen(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	d.waitFor("Identifier")
	d.press("2")
	d.typeText("RXH123")
	d.press("enter")
	d.waitFor("✓ Number: RXH123", "Clinician")
	d.press("enter") // the name given
	d.waitFor("Team (optional)")
	d.typeText("Ward 7 re 401 023 2137")
	d.press("enter")
	d.waitFor("looks like an NHS number")
	status := d.screen()
	if strings.Contains(status, "✓ Team") {
		t.Fatalf("a team holding an NHS number was taken:\n%s", status)
	}
	if i := strings.Index(status, "looks like an NHS number"); strings.Contains(status[i:], "401") || strings.Contains(status[i:], "2137") {
		t.Errorf("the refusal says the number back:\n%s", status)
	}
}
