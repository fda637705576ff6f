package ui

import (
	"fmt"
	"strings"
	"testing"

	"digicheck/record"
)

// heldHint is said under a text box holding an answer given before.
const heldHint = "enter keeps this; typing replaces it; ← or backspace edits it"

// TestTheHeldBoxsHintIsWholeAtTheSmallestWindow: at 60x20, the smallest
// window digicheck draws in, the hint under the clinician box of an
// amendment holding the name given was cut at the right edge ("← or
// backspace edits it" lost). It wraps, as a refusal does, at 60x20 and
// at 80x24, and no line is wider than the window.
func TestTheHeldBoxsHintIsWholeAtTheSmallestWindow(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{60, 20}, {80, 24}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			t.Parallel()
			prev := earlier(t)
			o := testOptions((&memStore{}).Save)
			o.Amend, o.AmendReason, o.Clinician = &prev, "esc test", "Nia Bell"
			d := newDriver(t, o, size[0], size[1])
			d.waitFor("Amend assessment", "> Nia Bell")
			if s := flat(d.screen()); !strings.Contains(s, heldHint) {
				t.Errorf("the hint under the box is not whole:\n%s", d.screen())
			}
			checkFits(t, d.m.View().Content, size[0], size[1])
		})
	}
}

// TestAnAmendmentsHeaderIsWholeAtTheSmallestWindow: at 60x20 the header
// of an amendment's section was cut at the right of the title ("Amendment
// · Motivation and trust · 3 of…"), the count of sections lost. The
// patient stays whole, and so do the kind of assessment and the count: the
// section's name gives way first, shortened, never the rest.
func TestAnAmendmentsHeaderIsWholeAtTheSmallestWindow(t *testing.T) {
	t.Parallel()
	for _, patient := range []record.PatientID{
		{Kind: record.NHSNumber, Value: "9876543210"},
		{Kind: record.LocalID, Value: "H-2026-00012345-WARD7"[:20]},
	} {
		for _, size := range [][2]int{{60, 20}, {80, 24}} {
			t.Run(fmt.Sprintf("%s %dx%d", patient.Kind, size[0], size[1]), func(t *testing.T) {
				t.Parallel()
				prev := earlier(t)
				prev.Patient = patient
				o := testOptions((&memStore{}).Save)
				o.Amend, o.AmendReason = &prev, "esc test"
				d := newDriver(t, o, size[0], size[1])
				d.waitFor("Amend assessment", "Clinician")
				d.press("enter", "tab", "enter")
				d.waitFor("Amendment · Review")
				n := len(d.m.sections)
				for k := 1; k <= n; k++ {
					d.press(fmt.Sprint(k))
					title := d.m.s.Instrument().Sections[k-1].Title
					if d.m.screen != sectionScreen || d.m.current != k-1 {
						t.Fatalf("%d at the review does not open section %d:\n%s", k, k, d.screen())
					}
					// The program's name gives way first on a narrow window.
					header := strings.TrimPrefix(headerLine(d), "digicheck · ")
					count := fmt.Sprintf(" · %d of %d", k, n)
					if !strings.HasPrefix(header, "Amendment · ") || !strings.Contains(header, count+" ") || !strings.HasSuffix(header, patientLabel(patient)) {
						t.Errorf("section %d (%s): the header reads %q, want the amendment, the count%s and %s whole", k, title, header, count, patientLabel(patient))
					}
					if size[0] == 80 && !strings.Contains(header, title) {
						t.Errorf("section %d: at 80 columns the header reads %q, want %q whole", k, header, title)
					}
					checkFits(t, d.m.View().Content, size[0], size[1])
					d.press("esc")
					for i := 0; d.m.screen != reviewScreen; i++ {
						if i > 12 {
							t.Fatalf("esc does not lead back to the review:\n%s", d.screen())
						}
						d.press("esc")
					}
				}
			})
		}
	}
}
