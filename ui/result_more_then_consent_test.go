package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"digicheck/questionnaire"
)

// On the result, m shows the rest of the referrals. It is a command, not a
// letter of a word: it acts at once, and a consent key typed once the
// referrals it shows are drawn answers the referral highlighted. Waiting,
// as a letter waits to be seen typed on its own, m then a 0.8 s later was
// refused as the word "ma", and every key after it was ignored until esc.

// TestAConsentKeyTypedAMomentAfterMAnswersTheReferralHighlighted: m, then
// a 0.8 s later, shows every referral and agrees to the one highlighted.
func TestAConsentKeyTypedAMomentAfterMAnswersTheReferralHighlighted(t *testing.T) {
	t.Parallel()
	d, _ := atResult(t)
	if len(d.m.referrals()) <= firstReferrals {
		t.Fatalf("%d referrals: m shows nothing more", len(d.m.referrals()))
	}
	_, more := d.m.Update(keyPress("m"))
	time.Sleep(800 * time.Millisecond) // the referrals m shows are drawn, and read
	_, agree := d.m.Update(keyPress("a"))
	d.run(more)
	d.run(agree)
	if d.m.ignoring {
		t.Fatalf("m then a 0.8 s later was refused as a word:\n%s", d.screen())
	}
	if !d.m.s.AllShown() {
		t.Fatalf("m did not show the rest of the referrals:\n%s", d.screen())
	}
	first := d.m.referrals()[d.m.referral]
	if c := consentsOf(d.m); c[first.ProgrammeID] != questionnaire.Agreed || len(c) != 1 {
		t.Fatalf("a typed 0.8 s after m answered %v, want %s agreed:\n%s", c, first.ProgrammeID, d.screen())
	}
}

// TestMAndAConsentTypedTogetherAreRefusedAsAWord: "ma", and "mandarin",
// typed together on the result answer nothing and show nothing more: they
// are refused as a word, with the keys after them.
func TestMAndAConsentTypedTogetherAreRefusedAsAWord(t *testing.T) {
	t.Parallel()
	for _, w := range []string{"ma", "mandarin"} {
		t.Run(w, func(t *testing.T) {
			t.Parallel()
			d, _ := atResult(t)
			var cmds []tea.Cmd
			for _, k := range append(word(w), "enter") {
				_, cmd := d.m.Update(keyPress(k))
				cmds = append(cmds, cmd)
			}
			for _, c := range cmds {
				d.run(c)
			}
			if c := consentsOf(d.m); len(c) != 0 {
				t.Fatalf("%q typed together answered referrals: %v\n%s", w, c, d.screen())
			}
			if d.m.s.AllShown() {
				t.Fatalf("%q typed together showed the rest of the referrals:\n%s", w, d.screen())
			}
			// On screen for no time, they were never shown: left
			// unanswered, they are kept apart as not offered, not saved
			// as not discussed.
			for i := range firstReferrals {
				if err := d.m.s.SetConsent(i, questionnaire.Declined); err != nil {
					t.Fatal(err)
				}
			}
			if r, err := d.m.s.Record(); err != nil || len(r.Recommendation.Unshown) != len(d.m.referrals())-firstReferrals {
				t.Fatalf("%q typed together counted the referrals m showed for no time as shown: %d kept apart as never shown, want %d (%v)", w, len(r.Recommendation.Unshown), len(d.m.referrals())-firstReferrals, err)
			}
			if s := flat(d.screen()); !strings.Contains(s, `Not taken: "ma" came as keys typed together`) || !strings.Contains(s, "Keys are being ignored") {
				t.Fatalf("%q typed together was not refused as a word on screen:\n%s", w, d.screen())
			}
		})
	}
}
