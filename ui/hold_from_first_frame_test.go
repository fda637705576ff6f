package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// startLate builds the model as digicheck starts it, and measures the
// window late, as a busy machine does: nothing is drawn until the window
// is measured.
func startLate(t *testing.T, o Options, late time.Duration) *driver {
	t.Helper()
	d := &driver{tb: t, m: New(o)}
	d.run(d.m.Init())
	time.Sleep(late)
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	return d
}

// TestTheClinicianGivenIsHeldFromWhenItIsFirstDrawn: an amendment (or a
// follow-up) started with --clinician opens on the clinician box holding
// the name, held against keys that would change it for the word hold. The
// hold was counted from when the box was built, before the program drew
// anything: on a busy machine the first frame came 0.4 s later, and a
// backspace 0.8 s after the box was on screen cut the name ("Sister J").
// It is counted from the first frame, as every other hold is: a backspace
// before the word hold has passed since then is refused, one after it
// edits the name.
func TestTheClinicianGivenIsHeldFromWhenItIsFirstDrawn(t *testing.T) {
	t.Parallel()
	const late = 600 * time.Millisecond
	for _, kind := range []string{"amendment", "follow-up"} {
		start := func(t *testing.T) *driver {
			prev := earlier(t)
			o := testOptions((&memStore{}).Save)
			o.Clinician = "Sister Jo"
			if kind == "amendment" {
				o.Amend, o.AmendReason = &prev, "wrong number"
			} else {
				o.FollowUp = &prev
			}
			d := startLate(t, o, late)
			d.waitFor("Clinician", "> Sister Jo")
			return d
		}
		t.Run(kind+", too soon", func(t *testing.T) {
			t.Parallel()
			d := start(t)
			shown := time.Now()
			time.Sleep(d.m.wordHoldLen() - 400*time.Millisecond)
			d.press("backspace")
			p := d.m.patient
			if got := p.clinician.input.Value(); got != "Sister Jo" {
				t.Fatalf("a backspace %v after the box was first drawn (%v after it was built) made the name %q:\n%s",
					time.Since(shown).Round(10*time.Millisecond), time.Since(shown).Round(10*time.Millisecond)+late, got, d.screen())
			}
			if s := flat(d.screen()); !strings.Contains(s, "Backspace not taken: it came before this question could be read.") {
				t.Fatalf("the backspace was refused without a word:\n%s", d.screen())
			}
		})
		t.Run(kind+", once read", func(t *testing.T) {
			t.Parallel()
			d := start(t)
			time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
			d.press("backspace")
			if got := d.m.patient.clinician.input.Value(); got != "Sister J" {
				t.Fatalf("a backspace once the box was read made the name %q, want \"Sister J\":\n%s", got, d.screen())
			}
		})
	}
}
