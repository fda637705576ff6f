package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// A box that offers a name or a team (the amendment's team box, offering
// the amended record's team; the clinician box, offering the site's
// clinician) comes up empty, and Tab puts the offer in it. A Tab typed
// with the Enter that answered the box before, as "Enter, Tab to the next
// field, Enter" out of form-filling habit, came before the box could be
// read, and filled it: an amendment was recorded as made by "Ward 7",
// the amended record's team, whoever amended it. Such a Tab is refused,
// the box stays empty, and every key after it is ignored until Esc; once
// read, Tab puts the offer there as ever.

// offerTabCase is a box offering a name, reached by keys typed before the
// Tab, and the offer.
type offerTabCase struct {
	name  string
	open  func(t *testing.T) (*driver, *field) // the box before it, read
	keys  []string                             // the burst: the enter that answers the box before, then tab enter
	offer string
	next  string // on screen once the offer is taken
}

func offerTabCases() []offerTabCase {
	return []offerTabCase{{
		name: "amendment's team",
		open: func(t *testing.T) (*driver, *field) {
			old := earlier(t)
			old.Team = "Ward 7"
			o := testOptions((&memStore{}).Save)
			o.Amend, o.AmendReason = &old, "tab"
			d := newDriver(t, o, 80, 24)
			d.m.refusalHold = refusalHold // keys are held as at a terminal
			d.waitFor("Amend assessment", "Clinician")
			time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond) // the name given is read
			return d, d.m.patient.team
		},
		keys:  []string{"enter", "tab", "enter"},
		offer: "Ward 7",
		next:  "Amendment · Review",
	}, {
		name: "clinician offered by the site",
		open: func(t *testing.T) (*driver, *field) {
			o := testOptions(nil)
			o.Clinician, o.OfferClinician = "", "Sam Jones"
			d := newDriver(t, o, 80, 24)
			d.m.refusalHold = refusalHold
			d.press("1")
			d.typeText(validNHS)
			return d, d.m.patient.clinician
		},
		keys:  []string{"enter", "tab", "enter"},
		offer: "Sam Jones",
		next:  "✓ Clinician: Sam Jones",
	}}
}

func TestATabTypedBeforeABoxOfferingANameCouldBeReadPutsNothingInIt(t *testing.T) {
	t.Parallel()
	for _, c := range offerTabCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			d, box := c.open(t)
			d.press(c.keys...) // one burst
			if d.m.screen != patientScreen || d.m.patient.form.done || d.m.patient.form.focused() != box {
				t.Fatalf("the burst %v went past the %q box:\n%s", c.keys, box.title, d.screen())
			}
			if got := box.input.Value(); got != "" {
				t.Fatalf("a Tab typed before the %q box could be read put %q in it:\n%s", box.title, got, d.screen())
			}
			s := flat(d.screen())
			for _, want := range []string{"Tab not taken: it came before this box could be read", "Keys are ignored until Esc", "press Tab for " + c.offer, "(1 key ignored.)"} {
				if !strings.Contains(s, want) {
					t.Fatalf("the screen does not say %q:\n%s", want, d.screen())
				}
			}
			if !d.m.ignoring {
				t.Fatalf("keys after the refused Tab are taken:\n%s", d.screen())
			}

			// Esc says the refusal was read; Tab then takes the offer.
			time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
			d.press("esc")
			if d.m.ignoring || d.m.patient.form.focused() != box {
				t.Fatalf("esc did not end the ignoring on the %q box:\n%s", box.title, d.screen())
			}
			time.Sleep(d.m.refusalHold) // esc holds the keys typed with it
			d.press("tab")
			d.waitFor("> " + c.offer)
			d.press("enter")
			d.waitFor(c.next)
		})
	}
}

// TestATabOnABoxOfferingANameOnceReadTakesTheOffer: Tab typed once the
// box has been on screen for the word hold takes the offer at once.
func TestATabOnABoxOfferingANameOnceReadTakesTheOffer(t *testing.T) {
	t.Parallel()
	for _, c := range offerTabCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			d, box := c.open(t)
			d.press(c.keys[0])
			if d.m.patient.form.focused() != box {
				t.Fatalf("the enter did not bring up the %q box:\n%s", box.title, d.screen())
			}
			time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
			d.press("tab")
			d.waitFor("> " + c.offer)
			d.press("enter")
			d.waitFor(c.next)
		})
	}
}

// TestATabOnABoxOfferingANameHiddenByASmallWindowIsHeldAnewWhenShown: a
// box that came up while the window was too small to show it is read only
// once shown: a Tab 0.3 s after the window came back is refused.
func TestATabOnABoxOfferingANameHiddenByASmallWindowIsHeldAnewWhenShown(t *testing.T) {
	t.Parallel()
	c := offerTabCases()[0]
	d, box := c.open(t)
	d.press("enter")
	d.send(tea.WindowSizeMsg{Width: 50, Height: 15}) // at once hidden
	time.Sleep(d.m.wordHoldLen() + 300*time.Millisecond)
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	time.Sleep(300 * time.Millisecond)
	d.press("tab")
	if got := box.input.Value(); got != "" {
		t.Fatalf("a Tab 0.3 s after the %q box was shown put %q in it:\n%s", box.title, got, d.screen())
	}
	if s := flat(d.screen()); !strings.Contains(s, "Tab not taken: it came before this box could be read") {
		t.Fatalf("the screen does not say the Tab was not taken:\n%s", d.screen())
	}
}
