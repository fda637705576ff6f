package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// TestAConsentKeyCountsOnlyOnceTheReferralHasBeenBackInViewForTheWordHold:
// the word hold a referral must be on screen before a consent key counts
// counted the time the window was too small to show it: ↓, the window made
// too small for 2 s, made big again, and an a 0.2 s later turned a
// declined referral into agreed, read for a third of a second in all. The
// hold begins again when the referral comes back into view: after the
// window is made big enough again, and after another screen (the review)
// was shown in between. A key then records nothing and says so; one after
// esc, once the referral has been back on screen for the hold, answers it.
func TestAConsentKeyCountsOnlyOnceTheReferralHasBeenBackInViewForTheWordHold(t *testing.T) {
	t.Parallel()
	const hold = 100 * time.Millisecond // the word hold: 300 ms
	for _, c := range []struct {
		name string
		away func(d *driver)
	}{
		{"the window too small to show it, then big again", func(d *driver) {
			d.send(tea.WindowSizeMsg{Width: 80, Height: 10})
			time.Sleep(3 * wordHold / refusalHold * hold)
			d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
		}},
		{"the review shown in between", func(d *driver) {
			d.press("esc")
			d.waitFor("Review")
			time.Sleep(2 * wordHold / refusalHold * hold)
			d.press("end")
			time.Sleep(2 * wordHold / refusalHold * hold)
			d.press("enter")
			d.waitFor("Result")
			time.Sleep(3 * hold / 2) // past the hold of keys typed before the result
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
			toScriptedResult(d)
			d.m.refusalHold = hold
			read := d.m.wordHoldLen() + hold
			time.Sleep(read)
			c.away(d)
			burst(d, "a")
			if got := d.m.referrals()[d.m.referral].Consent; got != "" {
				t.Fatalf("a consent key as the referral came back into view recorded %q\n%s", got, d.screen())
			}
			if !strings.Contains(flat(d.screen()), "Not recorded: read this referral with the patient. Keys are ignored until Esc.") {
				t.Errorf("the screen does not say the key recorded nothing:\n%s", d.screen())
			}
			d.press("esc") // the refusal read: keys are taken again
			time.Sleep(read)
			burst(d, "a")
			if got := d.m.referrals()[d.m.referral].Consent; got == "" {
				t.Fatalf("a consent key once the referral was read again recorded nothing\n%s", d.screen())
			}
		})
	}
}
