package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestAnNHSNumberPastedWithNoBreakSpacesIsTaken: 943 476 5919 pasted from
// a letter with no-break spaces between its groups was refused in the NHS
// number box as "an NHS number has 10 digits". It is the patient's number.
func TestAnNHSNumberPastedWithNoBreakSpacesIsTaken(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	d.waitFor("New assessment", "Identifier")
	d.press("1")
	d.waitFor("NHS number: 10 digits")
	d.send(tea.PasteMsg{Content: "943\u00a0476\u00a05919"})
	d.press("enter")
	d.waitFor("Clinician", "Patient: NHS 943 476 5919.")
}
