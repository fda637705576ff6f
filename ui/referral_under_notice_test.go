package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
	"digicheck/store"
)

// underRefusedSave brings d, at 60x20, to the result after a save the
// store refused, the answers kept in a file: the "Not saved" notice under
// the result, every referral listed (m), the last highlighted.
func underRefusedSave(t *testing.T, d *driver) {
	t.Helper()
	toReviewQuickly(d)
	d.press("end", "enter")
	d.waitFor("Result")
	n := len(d.m.referrals())
	if n < 2 {
		t.Fatalf("the scenario gives %d referrals", n)
	}
	if !strings.Contains(d.screen(), "m fewer") {
		d.press("m") // every referral listed
	}
	for i := 0; i < n; i++ {
		if i > 0 {
			d.press("down")
		}
		readReferral(d)
		d.press("a")
	}
	saveReadBack(d)
	if !strings.Contains(flat(d.screen()), "Not saved") {
		t.Fatalf("the save was not refused:\n%s", d.screen())
	}
	if d.m.referral != n-1 {
		t.Fatalf("after the refused save the highlight is on referral %d, not the last answered:\n%s", d.m.referral+1, d.screen())
	}
}

// TestEveryReferralIsAnsweredAtSixtyByTwentyUnderTheNotSavedNotice: at
// 60x20, under the notice of a save refused (the store held, the answers
// kept in a file), a referral taller than the lines the notice left could
// never be wholly on screen, so a, d and n were refused for it ("scroll
// it into view") for as long as the notice stood. Each referral comes
// wholly into view as it is read down to, its answer is changed by its
// key, and the notice still says the answers are not saved.
func TestEveryReferralIsAnsweredAtSixtyByTwentyUnderTheNotSavedNotice(t *testing.T) {
	t.Parallel()
	// With no hold, and with keys held as at a terminal (scaled down):
	// a consent key is then taken once no key has followed it, and the
	// notice said meanwhile took lines from the referral it answered.
	for _, hold := range []time.Duration{0, 30 * time.Millisecond} {
		t.Run(hold.String(), func(t *testing.T) {
			t.Parallel()
			const path = "/home/nurse/digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt"
			st := &memStore{fail: keptErr{path}}
			d := newDriver(t, testOptions(st.Save), 60, 20)
			underRefusedSave(t, d)
			d.m.refusalHold = hold
			refs := d.m.referrals()
			for i := len(refs) - 1; i >= 0; i-- {
				r := refs[i]
				if i < len(refs)-1 {
					// Up from the referral answered: the text line by
					// line until it is wholly in view, then the one above.
					for j := 0; j < 40 && d.m.referral != i; j++ {
						d.press("up")
					}
				}
				if d.m.referral != i {
					t.Fatalf("↑ does not reach referral %d (%s) under the notice:\n%s", i+1, r.Name, d.screen())
				}
				readReferral(d)
				s := d.screen()
				if !d.m.referralShown() {
					t.Fatalf("referral %d (%s) never comes wholly into view under the notice:\n%s", i+1, r.Name, s)
				}
				if !strings.Contains(s, "Not saved") {
					t.Errorf("with referral %d (%s) in view nothing says the answers are not saved:\n%s", i+1, r.Name, s)
				}
				checkFits(t, d.m.View().Content, 60, 20)
				readOut(d)
				was := consentsOf(d.m)[r.ProgrammeID]
				k, want := "n", questionnaire.NotDiscussed
				if was == questionnaire.NotDiscussed {
					k, want = "a", questionnaire.Agreed
				}
				d.press(k)
				if got := consentsOf(d.m)[r.ProgrammeID]; got != want {
					t.Fatalf("%s on referral %d (%s), wholly in view, recorded %q, want %q:\n%s", k, i+1, r.Name, got, want, d.screen())
				}
			}
		})
	}
}

// TestARefusedReferralAnswerIsSaidUnderTheNotSavedNotice: at 60x20, under
// the notice of a save refused, a consent key typed as the referral came
// up was refused, keys ignored until esc, and only the help line changed:
// the words that say why ("Not recorded: …") were hidden by the notice.
// They are on screen, with the referral they concern, and the screen
// still says the answers are not saved.
func TestARefusedReferralAnswerIsSaidUnderTheNotSavedNotice(t *testing.T) {
	t.Parallel()
	const path = "/home/nurse/digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt"
	st := &memStore{fail: keptErr{path}}
	d := newDriver(t, testOptions(st.Save), 60, 20)
	underRefusedSave(t, d)
	refs := d.m.referrals()
	i := len(refs) - 2
	for j := 0; j < 40 && d.m.referral != i; j++ {
		d.press("up")
	}
	readReferral(d)
	if d.m.referral != i || !d.m.referralShown() {
		t.Fatalf("referral %d (%s) is not wholly in view:\n%s", i+1, refs[i].Name, d.screen())
	}
	d.m.refusalHold = time.Hour // d is typed as the referral comes up
	d.m.referralCameAt = time.Now()
	was := consentsOf(d.m)[refs[i].ProgrammeID]
	d.press("d")
	s := d.screen()
	if got := consentsOf(d.m)[refs[i].ProgrammeID]; got != was {
		t.Fatalf("d typed as the referral came up changed its answer from %q to %q", was, got)
	}
	if !strings.Contains(flat(s), "Not recorded:") {
		t.Errorf("the refusal of d is not on screen:\n%s", s)
	}
	if !strings.Contains(s, "Not saved") {
		t.Errorf("with the refusal on screen nothing says the answers are not saved:\n%s", s)
	}
	if !d.m.referralShown() {
		t.Errorf("with the refusal on screen the referral it concerns is not wholly in view:\n%s", s)
	}
	checkFits(t, d.m.View().Content, 60, 20)
}

// TestAnAnswerUnderTheNotSavedNoticeIsNotSaidLost: at 60x20, under the
// notice of a save refused as the store was held, an answer changed there
// is written to the file again while the store, still held, does not keep
// it as a draft. The screen said only "The answers so far could not be
// kept as a draft: the store … is in use", as if the answer were lost; it
// says, as before the answer, that the answers are not saved and kept.
func TestAnAnswerUnderTheNotSavedNoticeIsNotSaidLost(t *testing.T) {
	t.Parallel()
	const path = "/home/nurse/digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt"
	st := &memStore{fail: keptErr{path}}
	o := testOptions(st.Save)
	held := false
	o.Draft = func(*store.Draft) error {
		if held {
			return fmt.Errorf("the store is in use by another digicheck window or program: %w", store.ErrLocked)
		}
		return nil
	}
	d := newDriver(t, o, 60, 20)
	underRefusedSave(t, d)
	held = true
	refs := d.m.referrals()
	i := len(refs) - 2
	for j := 0; j < 40 && d.m.referral != i; j++ {
		d.press("up")
	}
	readReferral(d)
	d.press("n")
	if got := consentsOf(d.m)[refs[i].ProgrammeID]; got != questionnaire.NotDiscussed {
		t.Fatalf("n on referral %d (%s) recorded %q:\n%s", i+1, refs[i].Name, got, d.screen())
	}
	s := flat(d.screen())
	if strings.Contains(s, "could not be kept as a draft") {
		t.Errorf("an answer written to the file is said not kept:\n%s", d.screen())
	}
	if !strings.Contains(s, "Not saved") || !strings.Contains(s, "kept") {
		t.Errorf("after the answer nothing says the answers are not saved and where they are kept:\n%s", d.screen())
	}
}
