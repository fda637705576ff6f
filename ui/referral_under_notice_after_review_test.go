package ui

import (
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// TestEveryReferralIsAnsweredAtSixtyByTwentyUnderTheNotSavedNoticeAfterTheReview:
// at 60x20, under the notice of a save refused (the store held, the
// answers kept in a file), the notice folds while the referral the keys
// answer is taller than the lines it leaves. Gone to the review (esc) and
// back to the result, a referral seven lines tall again could never be
// wholly on screen, so it could be neither answered nor passed. Each
// referral comes wholly into view as it is read down to, its answer is
// changed by its key, and the notice still says the answers are not
// saved.
func TestEveryReferralIsAnsweredAtSixtyByTwentyUnderTheNotSavedNoticeAfterTheReview(t *testing.T) {
	t.Parallel()
	const path = "/home/nurse/digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt"
	st := &memStore{fail: keptErr{path}}
	d := newDriver(t, testOptions(st.Save), 60, 20)
	underRefusedSave(t, d)
	d.press("esc")
	d.waitFor("Review")
	d.press("end", "enter")
	d.waitFor("Result")
	if !strings.Contains(d.screen(), "m fewer") {
		d.press("m") // every referral listed
	}
	refs := d.m.referrals()
	for j := 0; j < 40 && d.m.referral != 0; j++ {
		d.press("up")
	}
	for i := range refs {
		r := refs[i]
		if i > 0 {
			// Down from the referral answered: the text line by line
			// until it is wholly in view, then the one below.
			for j := 0; j < 40 && d.m.referral != i; j++ {
				d.press("down")
			}
		}
		if d.m.referral != i {
			t.Fatalf("↓ does not reach referral %d (%s) under the notice, back from the review:\n%s", i+1, r.Name, d.screen())
		}
		readReferral(d)
		s := d.screen()
		if !d.m.referralShown() {
			t.Fatalf("referral %d (%s) never comes wholly into view under the notice, back from the review:\n%s", i+1, r.Name, s)
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
}
