package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"digicheck/questionnaire"
)

// TestAfterAConsentKeyIsRefusedNoAnswerIsTakenUntilEscSoNoneLandsOnAnotherReferral:
// the result's footer and the README teach each answer as a pair, "d ↓",
// "a ↓", "n ↓". When the first key of a pair was refused (its referral
// below the fold, or come into view less than the word hold before, as
// after the window was made too small and big again), the ↓ typed 0.3 s
// after it was ignored and the highlight stayed; the next pair, typed 2.7 s
// later at an ordinary pace, answered that same referral, and every answer
// after landed one referral early: the declined library saved as agreed,
// the agreed Digital Champions as not discussed. After a refused consent
// key every key is now ignored, however slowly it comes, until esc, which
// only ends the ignoring; the refusal says so. After esc, the same pairs
// answer the referrals they were meant for.
func TestAfterAConsentKeyIsRefusedNoAnswerIsTakenUntilEscSoNoneLandsOnAnotherReferral(t *testing.T) {
	t.Parallel()
	const hold = 100 * time.Millisecond // the word hold: 300 ms
	meant := []string{questionnaire.Declined, questionnaire.Agreed, questionnaire.NotDiscussed}
	for _, c := range []struct {
		name string
		to   func(d *driver)
	}{
		{"the first referral below the fold", func(d *driver) {
			toFoldedResult(d)
			d.m.refusalHold = hold
			time.Sleep(d.m.wordHoldLen() + hold)
		}},
		{"a result that fits, after the window was too small", func(d *driver) {
			toScriptedResult(d)
			d.m.refusalHold = hold
			time.Sleep(d.m.wordHoldLen() + hold)
			d.send(tea.WindowSizeMsg{Width: 80, Height: 10})
			time.Sleep(d.m.wordHoldLen())
			d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
			time.Sleep(d.m.wordHoldLen() / 4) // the tester's 0.3 s
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
			c.to(d)
			// The tester's pace, scaled to the test's word hold (1.2 s):
			// the two keys of a pair 0.3 s apart, a pair every 2.7 s.
			inner, gap := d.m.wordHoldLen()/4, d.m.wordHoldLen()*9/4
			pairs := func() {
				for _, k := range []string{"d", "a", "n"} {
					paced(d, inner, k, "down")
					time.Sleep(gap - 4*inner)
				}
			}
			pairs()
			for i, r := range d.m.referrals() {
				if r.Consent != "" {
					t.Errorf("after the refused d, referral %d (%s) recorded %q before esc\n%s", i, r.Name, r.Consent, d.screen())
				}
			}
			if d.m.referral != 0 {
				t.Errorf("the highlight moved to referral %d after a refused consent key, before esc", d.m.referral)
			}
			if s := flat(d.screen()); !strings.Contains(s, "Keys are ignored until Esc.") {
				t.Errorf("the refusal does not say keys are ignored until esc:\n%s", d.screen())
			}
			d.press("esc")
			if d.m.screen != resultScreen {
				t.Fatalf("esc after the refusal left the result:\n%s", d.screen())
			}
			// The highlight stayed on the refused key's referral: the
			// screen says the next key answers it, naming it, so the
			// clinician does not go on to the pair planned for the next.
			if s, name := flat(d.screen()), d.m.referrals()[0].Name; !strings.Contains(s, "Answer the highlighted referral first: "+name) {
				t.Errorf("after esc the screen does not say to answer %s first:\n%s", name, d.screen())
			}
			time.Sleep(gap)
			pairs()
			refs := d.m.referrals()
			for i, want := range meant {
				if refs[i].Consent != want {
					t.Errorf("after esc, referral %d (%s) recorded %q; the answer meant for it was %q\n%s", i, refs[i].Name, refs[i].Consent, want, d.screen())
				}
			}
		})
	}
}

// TestPressingAConsentKeyAgainAfterItsRefusalGivesTheSameMessageEachTime:
// "press the key again", obeyed once a second, gave four messages in
// turn (not recorded; keys typed after it ignored; taken in a moment;
// typed together as a word, keys ignored until esc). Each press after the
// refusal now gives the same refusal, counting the keys ignored, and
// records nothing.
func TestPressingAConsentKeyAgainAfterItsRefusalGivesTheSameMessageEachTime(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	toScriptedResult(d)
	d.m.refusalHold = 100 * time.Millisecond // the word hold: 300 ms
	d.send(tea.WindowSizeMsg{Width: 80, Height: 10})
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	for i := 0; i < 4; i++ {
		paced(d, d.m.wordHoldLen()*5/6, "d") // about once a second
		s := flat(d.screen())
		if !strings.Contains(s, "Not recorded: read this referral with the patient. Keys are ignored until Esc.") {
			t.Fatalf("press %d of the refused key does not give the refusal:\n%s", i+1, d.screen())
		}
		for _, other := range []string{"taken in a moment", "typed together", "highlight has not moved"} {
			if strings.Contains(s, other) {
				t.Errorf("press %d gives another message (%q):\n%s", i+1, other, d.screen())
			}
		}
	}
	if got := d.m.referrals()[0].Consent; got != "" {
		t.Errorf("the key pressed again before esc recorded %q", got)
	}
}
