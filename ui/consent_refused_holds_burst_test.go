package ui

import (
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"digicheck/questionnaire"
)

// TestAConsentKeyRefusedForAReferralBelowTheFoldShiftsNoAnswerOntoAnother:
// on a result taller than the window, the referral the consent keys
// answer is below the fold. The patient declines it, agrees to the next,
// and the third was not discussed: the clinician types d ↓ a ↓ n ↓, a key
// every 1.5 s. The d, for a referral not yet on screen, waited, said
// '"d": declined, taken in a moment …; ↓ takes it at once and goes on',
// then was refused ("Not recorded") and scrolled the referral into view;
// the ↓ typed after it, held with the refusal, never moved the highlight,
// and each later answer landed one referral early: the declined referral
// saved as agreed, the agreed one as not discussed. A refused key is now
// refused as it comes, and every key typed after it is ignored until esc,
// saying so: typed slowly or in one burst, nothing after the d is taken
// and the highlight stays on the referral refused.
func TestAConsentKeyRefusedForAReferralBelowTheFoldShiftsNoAnswerOntoAnother(t *testing.T) {
	t.Parallel()
	meant := []string{questionnaire.Declined, questionnaire.Agreed, questionnaire.NotDiscussed}
	keys := []string{"d", "down", "a", "down", "n", "down"}
	for _, c := range []struct {
		name  string
		type_ func(d *driver)
	}{
		// The tester's pace, 1.5 s a key against the word hold of 1.2 s,
		// scaled to the test's hold.
		{"a key every 1.5 s", func(d *driver) { paced(d, d.m.wordHoldLen()*5/4, keys...) }},
		{"in one burst", func(d *driver) { burst(d, keys...) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
			toFoldedResult(d)
			d.m.refusalHold = 100 * time.Millisecond // the word hold: 300 ms
			time.Sleep(d.m.wordHoldLen() + d.m.refusalHold)
			c.type_(d)
			refs := d.m.referrals()
			for i, r := range refs {
				if r.Consent != "" && (i >= len(meant) || r.Consent != meant[i]) {
					t.Errorf("referral %d (%s) recorded %q; the answer meant for it was %q\n%s", i, r.Name, r.Consent, meant[min(i, len(meant)-1)], d.screen())
				}
			}
			for i, r := range refs {
				if r.Consent != "" {
					t.Errorf("a key typed after the refused d answered referral %d: %q", i, r.Consent)
				}
			}
			if !strings.Contains(flat(d.screen()), "Keys are ignored until Esc.") {
				t.Errorf("the screen does not say the keys after the refused d are ignored:\n%s", d.screen())
			}
			if d.m.referral != 0 {
				t.Errorf("the highlight moved to referral %d with keys typed after a refused key", d.m.referral)
			}
		})
	}
}

// paced types keys one every gap, as a program does: the timers a key
// sets (a key waiting to be seen typed on its own) fire in their own time,
// between the keys, not before the next key as burst and press run them.
func paced(d *driver, gap time.Duration, keys ...string) {
	msgs := make(chan tea.Msg, 64)
	var run func(cmd tea.Cmd)
	run = func(cmd tea.Cmd) {
		if cmd == nil || isBlink(cmd) {
			return
		}
		go func() { msgs <- cmd() }()
	}
	deliver := func(msg tea.Msg) {
		switch msg := msg.(type) {
		case nil:
		case tea.BatchMsg:
			for _, c := range msg {
				run(c)
			}
		default:
			switch reflect.TypeOf(msg).String() {
			case "tea.setClipboardMsg", "tea.windowSizeMsg", "tea.backgroundColorMsg":
				return
			}
			_, cmd := d.m.Update(msg)
			run(cmd)
		}
	}
	wait := func(d time.Duration) {
		end := time.After(d)
		for {
			select {
			case msg := <-msgs:
				deliver(msg)
			case <-end:
				return
			}
		}
	}
	for _, k := range keys {
		deliver(keyPress(k))
		wait(gap)
	}
	wait(2 * gap)
}
