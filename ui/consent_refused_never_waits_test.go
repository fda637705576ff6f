package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// TestAConsentKeyThatWillBeRefusedIsNeverShownWaitingToBeTaken: a consent
// key for a referral that could not yet have been read out (the window
// just made big again after it was too small, the highlight just moved to
// it, the referral not wholly on screen) records nothing; but for the word
// hold it waited to be seen typed on its own, the referral showing
// "[agreed?]" and the footer '"a": agreed, taken in a moment if no other
// key follows it', then it went back to "ask" with "Not recorded". A
// clinician who looked away then believed the consent taken. A key that
// will be refused is refused at once: the screen never shows it waiting,
// and says "Not recorded" as the key comes.
func TestAConsentKeyThatWillBeRefusedIsNeverShownWaitingToBeTaken(t *testing.T) {
	t.Parallel()
	// The word hold: 600 ms. The key comes straight after the change, so
	// a busy machine cannot make it come after the hold.
	const hold = 200 * time.Millisecond
	for _, c := range []struct {
		name string
		to   func(d *driver)
	}{
		{"the window too small, then big again", func(d *driver) {
			toScriptedResult(d)
			d.m.refusalHold = hold
			time.Sleep(d.m.wordHoldLen() + hold)
			d.send(tea.WindowSizeMsg{Width: 80, Height: 10})
			time.Sleep(2 * d.m.wordHoldLen())
			d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
		}},
		{"the highlight just moved to it", func(d *driver) {
			toScriptedResult(d)
			d.m.refusalHold = hold
			time.Sleep(d.m.wordHoldLen() + hold)
			d.press("down")
		}},
		{"the referral not wholly on screen", func(d *driver) {
			toFoldedResult(d)
			d.m.refusalHold = hold
			time.Sleep(d.m.wordHoldLen() + hold)
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			for _, k := range []string{"a", "d"} {
				d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
				c.to(d)
				i := d.m.referral
				// The key alone, as the screen shows it before any
				// timer the key set has fired.
				_, cmd := d.m.Update(keyPress(k))
				scr := flat(d.screen())
				for _, w := range []string{"agreed?", "declined?", "taken in a moment"} {
					if strings.Contains(scr, w) {
						t.Errorf("%s: a key that will be refused shows %q:\n%s", k, w, d.screen())
					}
				}
				if !strings.Contains(scr, "Not recorded: read this referral with the patient. Keys are ignored until Esc.") {
					t.Errorf("%s: the screen does not say at once that the key recorded nothing:\n%s", k, d.screen())
				}
				d.run(cmd)
				if got := d.m.referrals()[i].Consent; got != "" {
					t.Fatalf("%s: recorded %q\n%s", k, got, d.screen())
				}
				if !strings.Contains(flat(d.screen()), "Not recorded") {
					t.Errorf("%s: once its wait was over the screen no longer says Not recorded:\n%s", k, d.screen())
				}
			}
		})
	}
}
