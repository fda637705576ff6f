package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"digicheck/questionnaire"
)

// resultReferralPartlyShown is the result at 80x24 with its first
// referral partly on screen, its last line just under the fold ("▼ a/d/n
// will answer: … (↓ to read it)"), keys held as at a terminal.
func resultReferralPartlyShown(t *testing.T) *driver {
	t.Helper()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	toResultWithManyNeeds(d)
	d.m.refusalHold = refusalHold
	time.Sleep(wordHold) // the result has been read
	s := d.m.refSpans[0]
	d.m.resultView.SetYOffset(s.end - d.m.resultView.Height() - 1)
	if d.m.referralShown() || !strings.Contains(d.screen(), "▼ a/d/n will answer:") {
		t.Fatalf("the first referral is not partly on screen, which this test needs:\n%s", d.screen())
	}
	return d
}

// TestAReferralScrolledIntoViewIsAnsweredOnceReadAndNotInTheBurst: a
// referral partly on screen that ↓ brings wholly into view can be
// answered by a consent key typed once it has been on screen the word
// hold (1.2 s), as the README says, whatever the wait after that; a
// consent key typed with the ↓, or within the word hold of it, is refused
// and records nothing.
func TestAReferralScrolledIntoViewIsAnsweredOnceReadAndNotInTheBurst(t *testing.T) {
	t.Parallel()
	for _, wait := range []time.Duration{wordHold + 300*time.Millisecond, 2500 * time.Millisecond} {
		t.Run("read for "+wait.String(), func(t *testing.T) {
			t.Parallel()
			d := resultReferralPartlyShown(t)
			d.press("down")
			if !d.m.referralShown() {
				t.Fatalf("↓ did not bring the referral wholly into view:\n%s", d.screen())
			}
			time.Sleep(wait)
			d.press("a") // on its own: taken once no key follows it
			if got := d.m.referrals()[0].Consent; got != questionnaire.Agreed {
				t.Errorf("a typed %v after ↓ brought the referral wholly into view: consent %q, want agreed:\n%s", wait, got, d.screen())
			}
		})
	}
	for _, c := range []struct {
		name string
		keys func(d *driver)
	}{
		{"in one burst", func(d *driver) { burst(d, "down", "a") }},
		{"half a second apart", func(d *driver) {
			d.press("down")
			// Half a second after the ↓, on the model's clock: a sleep
			// of half a second, on a loaded machine, ran past the hold.
			d.m.referralCameAt = d.m.referralCameAt.Add(-500 * time.Millisecond)
			burst(d, "a")
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			d := resultReferralPartlyShown(t)
			c.keys(d)
			time.Sleep(wordHold + 200*time.Millisecond)
			d.run(func() tea.Msg { return aloneMsg{seq: d.m.aloneSeq} })
			if got := d.m.referrals()[0].Consent; got != "" {
				t.Errorf("a typed %s with the ↓ that brought the referral into view recorded %q:\n%s", c.name, got, d.screen())
			}
			if !strings.Contains(flat(d.screen()), "Not recorded") {
				t.Errorf("a typed %s with the ↓ is not said to be refused:\n%s", c.name, d.screen())
			}
		})
	}
}
