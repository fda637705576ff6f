package ui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
)

// typedBurst delivers keys as a terminal does in one burst: each reaches
// the model before any timer started by the keys before it has fired.
// The timers (a consent's wait to be seen typed alone) are dropped; the
// test ends a wait itself, with aloneEnds.
func typedBurst(d *driver, keys ...string) {
	for _, k := range keys {
		d.m.Update(keyPress(k))
	}
}

// waitingMark is a referral's label while a consent waits to be seen typed
// on its own: "[agreed?      ]".
var waitingMark = regexp.MustCompile(`\[(agreed|declined|not discussed)\?`)

// TestAConsentKeyRefusedForAReferralNotWhollyOnScreenLeavesNoMarkOnIt: at
// 80x24 with a few adjustments the first referral opens below the fold. A
// consent key for it records nothing and scrolls it into view, saying so;
// but typed in a burst with an arrow or enter after it, the referral was
// left showing "[agreed?]" beside "Not recorded", so the screen said agreed
// while nothing was recorded. Whatever the burst, a refused key leaves the
// referral showing what would be saved: "[ask", with no answer waiting.
func TestAConsentKeyRefusedForAReferralNotWhollyOnScreenLeavesNoMarkOnIt(t *testing.T) {
	t.Parallel()
	for _, keys := range [][]string{
		{"a", "down"},
		{"d", "enter"},
		{"n", "up"},
		{"a", "pgdown"},
		{"a"},
		{"a", "d"},
	} {
		name := strings.Join(keys, " ")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
			toResultWithManyNeeds(d)
			d.m.resultView.SetYOffset(0)
			if d.m.referralShown() {
				t.Fatalf("the scenario's first referral fits the result's first screen: it does not test the fault\n%s", d.screen())
			}
			d.m.refusalHold = time.Hour // the keys come in one burst, and the keys after it are held
			typedBurst(d, keys...)
			if d.m.alone != nil {
				d.aloneEnds() // no key followed the last one
			}
			if got := consentsOf(d.m); len(got) != 0 {
				t.Fatalf("%q in one burst recorded %v for a referral not on screen:\n%s", name, got, d.screen())
			}
			scr := d.screen()
			if m := waitingMark.FindString(scr); m != "" {
				t.Errorf("after %q nothing is recorded, yet the screen shows %q on a referral:\n%s", name, m, scr)
			}
			// A consent key refused as a word's letter leaves the result
			// where it was; one refused as unread shows the referral.
			ref := questionnaire.Printable(d.m.referrals()[0].Name)
			first := ""
			for _, l := range strings.Split(scr, "\n") {
				if strings.Contains(l, ref) {
					first = l
					break
				}
			}
			if first != "" && !strings.Contains(first, "> [ask") {
				t.Errorf("after %q the first referral does not show it is still to ask (%q):\n%s", name, first, scr)
			}
		})
	}
}
