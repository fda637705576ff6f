package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"digicheck/assess"
	"digicheck/record"
	"digicheck/store"
)

// TestThePatientScreenSaysItIsLookingUpTheEarlierAssessments: the patient
// given (at the start, or changed at the review) and the team's enter
// taken, the store is read for the patient's earlier assessments. Held by
// another program, that read waits seconds, and meanwhile the screen
// showed only "Patient: NHS … Who is doing this assessment?" over an empty
// form, its help line offering "enter next" and "esc back" on a screen with
// no question: keys pressed then were not taken. It now says what it is
// doing, and that another program using the store makes it slower, and
// offers no keys until the read is done.
func TestThePatientScreenSaysItIsLookingUpTheEarlierAssessments(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name  string
		to    func(d *driver)
		after string
	}{
		{"given at the start", func(d *driver) {
			d.waitFor("New assessment", "Identifier")
			d.press("1")
			d.typeText(validNHS)
			d.press("enter")
			readName(d)
			d.press("enter")
			d.waitFor("Team (optional)")
		}, "Before the first question"},
		{"changed at the review", func(d *driver) {
			toReviewWithLocal(d, "H777")
			detailsFromReview(d)
			d.waitFor("Identifier")
			readThen(d, "1")
			d.waitFor("NHS number: 10 digits")
			time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
			for range "H777" {
				d.press("backspace")
			}
			d.typeText(validNHS)
			d.press("enter")
			d.waitFor("Clinician")
			readThen(d, "enter")
			d.waitFor("Team (optional)")
		}, "Before going back to the review"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			o := testOptions((&memStore{}).Save)
			o.Assessed = func(p record.PatientID) ([]assess.Assessed, error) {
				if p.Value != validNHS {
					return nil, nil
				}
				return nil, store.Held("/tmp/digicheck.db", store.ErrLocked)
			}
			d := newDriver(t, o, 80, 24)
			c.to(d)
			time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond) // the team box is read
			// The team's enter: the read is under way until its command
			// has run.
			_, read := d.m.Update(keyPress("enter"))
			if d.m.looking != lookBefore {
				t.Fatalf("the team's enter did not start the read of the patient's assessments:\n%s", d.screen())
			}
			for _, size := range [][2]int{{80, 24}, {60, 20}} {
				d.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				checkFits(t, d.m.View().Content, size[0], size[1])
				scr := flat(d.screen())
				for _, want := range []string{"NHS 943 476 5919", "looking up this patient's earlier assessments", "The store is being read", "another program"} {
					if !strings.Contains(scr, want) {
						t.Fatalf("at %dx%d, while the store is read, the screen does not say %q:\n%s", size[0], size[1], want, d.screen())
					}
				}
				for _, offered := range []string{"enter next", "esc back", "Who is doing this assessment?"} {
					if strings.Contains(scr, offered) {
						t.Fatalf("at %dx%d, while the store is read, the screen says %q, which nothing on it answers:\n%s", size[0], size[1], offered, d.screen())
					}
				}
			}
			d.run(read)
			d.waitFor(c.after, "earlier assessments cannot be looked up", "n new assessment")
			if f := flat(d.screen()); strings.Contains(f, "looking up this patient's") {
				t.Fatalf("the read done, the screen still says it is looking:\n%s", d.screen())
			}
		})
	}
}
