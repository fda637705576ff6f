package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// TestAnEnterTypedAheadDoesNotTakeTheOfferedClinician: on a shared ward
// workstation the clinician box is offered with the login name (or the
// site's clinician). An enter typed ahead with the patient's number, before
// the name could be read, kept it: the assessment was saved under another
// person's name. That enter is refused, saying why, and the keys typed with
// it are held (typed in the box they would replace the name); an enter
// once the name has been on screen for the word hold keeps it, and a name
// typed is taken at once.
func TestAnEnterTypedAheadDoesNotTakeTheOfferedClinician(t *testing.T) {
	t.Parallel()
	o := testOptions(nil)
	o.Clinician = "jsmith"
	d := newDriver(t, o, 80, 24)
	d.m.refusalHold = refusalHold // keys are held as at a terminal
	d.press("1")
	d.typeText(validNHS)
	d.press("enter", "enter") // one burst: number, enter, enter
	d.typeText("27111")       // typed on, answers for the questions after it
	d.waitFor("Clinician", "> jsmith")
	if s := strings.Join(strings.Fields(d.screen()), " "); !strings.Contains(s, "Enter not taken: it came before the clinician's name could be read.") {
		t.Fatalf("an enter typed ahead took the offered clinician, or was refused without a word:\n%s", d.screen())
	}
	if d.m.patient.form.done || d.m.patient.form.focused() != d.m.patient.clinician || d.m.patient.clinician.text() != "jsmith" {
		t.Fatalf("the clinician box holds %q, focused %v:\n%s", d.m.patient.clinician.text(), d.m.patient.form.focused() == d.m.patient.clinician, d.screen())
	}

	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond) // the name is read
	d.press("enter")
	d.waitFor("Team (optional)", "✓ Clinician: jsmith")

	// A name typed over the one offered is the clinician's own, taken
	// once the box gone back to, holding the name kept, has been read.
	d.press("esc")
	d.waitFor("Clinician", "> jsmith")
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
	d.typeText("Dr Own Name")
	d.press("enter")
	d.waitFor("Team (optional)", "✓ Clinician: Dr Own Name")
}

// TestAnAmendmentOpensOnTheOfferedClinicianHeldForTheWordHold: an
// amendment opens on the clinician box, offered with who is at the
// keyboard; an enter typed as it opens does not keep the name unread.
func TestAnAmendmentOpensOnTheOfferedClinicianHeldForTheWordHold(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	old := savedScenario(t, st)
	o := withStore(testOptions(nil), st)
	o.Amend, o.Clinician = &old, "jsmith"
	// Held as at a terminal from the start: the box is in focus as the
	// program starts.
	d := &driver{tb: t, m: New(o)}
	d.run(d.m.Init())
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	d.waitFor("Amend assessment", "> jsmith")
	d.press("enter")
	d.waitFor("Clinician", "> jsmith", "Enter not taken")
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
	d.press("enter")
	d.waitFor("Team", "✓ Clinician: jsmith")
}

// TestAnAmendmentsClinicianGivenIsNotChangedByKeysTypedAhead: an
// amendment opens on the clinician box holding the name given with
// --clinician. Enter alone was held: a backspace or letters typed as it
// opened changed the name unread ("Dr AXyz"). They are refused as on any
// box holding what was given, the name put back, and the keys after them
// ignored until esc; once read, the name is changed by typing.
func TestAnAmendmentsClinicianGivenIsNotChangedByKeysTypedAhead(t *testing.T) {
	t.Parallel()
	for _, k := range []struct{ keys, said string }{{"backspace", "Backspace"}, {"X", `"X"`}} {
		t.Run(k.keys, func(t *testing.T) {
			t.Parallel()
			st := tempStore(t)
			old := savedScenario(t, st)
			o := withStore(testOptions(nil), st)
			o.Amend, o.Clinician = &old, "jsmith"
			d := &driver{tb: t, m: New(o)}
			d.run(d.m.Init())
			d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
			d.waitFor("Amend assessment", "> jsmith")
			d.press(k.keys, "y", "z")
			p := d.m.patient
			if got := p.clinician.input.Value(); got != "jsmith" || p.form.focused() != p.clinician {
				t.Fatalf("keys typed as the amendment opened made the clinician %q:\n%s", got, d.screen())
			}
			if s := flat(d.screen()); !strings.Contains(s, k.said+" not taken: it came before this question could be read.") {
				t.Fatalf("the key was refused without a word:\n%s", d.screen())
			}
			escRead(d)
			time.Sleep(d.m.refusalHold + 50*time.Millisecond)
			d.typeText("Dr Own")
			d.press("enter")
			d.waitFor("Team", "✓ Clinician: Dr Own")
		})
	}
}
