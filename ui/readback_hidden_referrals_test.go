package ui

import (
	"fmt"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// With more referrals than the result shows at first, one answered with
// the whole list shown (m) and then hidden again (m, or a stop and resume,
// where the result opens with the list collapsed) was saved with its
// answer while the question before the save said it "was not shown, and
// is not offered": a consent kept that was never read back. The question
// now reads back every referral the record keeps with an answer, shown or
// not.

// answeredAll answers every referral at d's result, with the whole list
// shown, and gives each one's name and answer in the read-back's words.
func answeredAll(t *testing.T, d *driver) []string {
	t.Helper()
	n := len(d.m.referrals())
	if n <= firstReferrals {
		t.Fatalf("the scenario has %d referrals: this needs one past the first %d", n, firstReferrals)
	}
	consents := answerReferrals(d, n)
	var want []string
	for i, r := range d.m.referrals() {
		word := "agreed"
		if consents[i] == questionnaire.Declined {
			word = "declined"
		}
		want = append(want, questionnaire.Printable(r.Name)+": "+word)
	}
	return want
}

// scrollConfirmToEnd shows the rest of the question before the save, so
// that every line of it has been on screen.
func scrollConfirmToEnd(d *driver) string {
	seen := d.screen()
	for i := 0; i < 10 && !d.m.confirmView.AtBottom(); i++ {
		d.press("pgdown")
		seen += "\n" + d.screen()
	}
	return seen
}

// TestAReferralAnsweredThenHiddenIsReadBackWithItsAnswerBeforeTheSave:
// every referral answered with the list shown, m hides those past the
// first, enter: each is read back with its answer, and the save keeps
// just those answers.
func TestAReferralAnsweredThenHiddenIsReadBackWithItsAnswerBeforeTheSave(t *testing.T) {
	t.Parallel()
	d, st := atResultQuickly(t)
	want := answeredAll(t, d)
	d.press("m")
	d.waitFor("shown · m shows the rest")
	d.press("enter")
	if st.Calls() != 0 || !d.m.confirmSave {
		t.Fatalf("the save was not asked about first:\n%s", d.screen())
	}
	seen := scrollConfirmToEnd(d)
	for _, w := range want {
		if !strings.Contains(flat(seen), w) {
			t.Fatalf("the question before the save does not read back %q:\n%s", w, seen)
		}
	}
	if strings.Contains(flat(seen), "not shown") {
		t.Fatalf("the question before the save says answered referrals were not shown or offered:\n%s", seen)
	}
	d.press("enter")
	d.waitFor("Saved ·")
	got := savedConsents(t, st)
	if len(got) != len(want) {
		t.Fatalf("saved %d referrals as offered, read back %d", len(got), len(want))
	}
	for i, c := range got {
		if !strings.HasSuffix(want[i], ": "+map[string]string{questionnaire.Agreed: "agreed", questionnaire.Declined: "declined"}[c]) {
			t.Fatalf("saved %s for %q, read back otherwise", c, want[i])
		}
	}
}

// TestAResumedDraftsAnswersToHiddenReferralsAreReadBackBeforeTheSave: a
// draft left with every referral answered resumes with the list
// collapsed; enter there reads back each answer, the hidden ones too.
func TestAResumedDraftsAnswersToHiddenReferralsAreReadBackBeforeTheSave(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	first, _ := atResultQuickly(t)
	want := answeredAll(t, first)
	dr, ok := first.m.s.Draft()
	if !ok {
		t.Fatal("the assessment at its result makes no draft")
	}
	kept := store.Draft{Draft: dr}
	if err := st.SaveDraft(&kept); err != nil {
		t.Fatal(err)
	}

	o := withStore(testOptions(nil), st)
	o.Drafts = offered(kept)
	d := newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments")
	d.press("enter")
	d.press("end", "enter")
	d.waitFor("Result", "shown · m shows the rest")
	d.press("enter")
	if !d.m.confirmSave {
		t.Fatalf("the save was not asked about first:\n%s", d.screen())
	}
	seen := scrollConfirmToEnd(d)
	for _, w := range want {
		if !strings.Contains(flat(seen), w) {
			t.Fatalf("the question before the save does not read back %q:\n%s", w, seen)
		}
	}
	if strings.Contains(flat(seen), "not shown") {
		t.Fatalf("the question before the save says answered referrals were not shown or offered:\n%s", seen)
	}
}

// TestEightAnsweredReferralsAreReadBackWithWhoAt80x24: an amendment of a
// record with eight referrals answered and three never shown opens its
// result with the list collapsed; the question before the save names
// who the assessment is recorded as done by and reads back all eight
// with their answers, and the three as not offered, all in view on an
// 80x24 screen with the question and its keys.
func TestEightAnsweredReferralsAreReadBackWithWhoAt80x24(t *testing.T) {
	t.Parallel()
	old := testkit.Assessed(t, testkit.Full(nil))
	refs := old.Recommendation.Referrals
	if len(refs) < 9 {
		t.Fatalf("the record has %d referrals: this needs more than 8", len(refs))
	}
	var want []string
	for i := range refs[:8] {
		c, word := questionnaire.Agreed, "agreed"
		if i%2 == 1 {
			c, word = questionnaire.Declined, "declined"
		}
		refs[i].Consent = c
		want = append(want, questionnaire.Printable(refs[i].Name)+": "+word)
	}
	never := len(refs) - 8
	old.Recommendation.Referrals, old.Recommendation.Unshown = refs[:8], refs[8:]
	old.Clinician, old.Team = "Dr Ada Test", "Ward 5"

	s := &memStore{}
	o := testOptions(s.Save)
	o.Amend, o.AmendReason = &old, "checked again"
	d := newDriver(t, o, 80, 24)
	d.waitFor("Amend assessment", "Clinician")
	d.press("enter", "tab", "enter") // the clinician given; the record's team, by Tab
	d.waitFor("Amendment · Review")
	d.press("end", "enter")
	d.waitFor("Amendment · Result")
	readReferral(d)
	d.waitFor("shown · m shows the rest")
	d.press("enter")
	if !d.m.confirmSave || s.Calls() != 0 {
		t.Fatalf("the save was not asked about first:\n%s", d.screen())
	}
	screen := d.screen()
	if lines := strings.Split(screen, "\n"); len(lines) != 24 {
		t.Fatalf("the screen is %d lines, not 24", len(lines))
	}
	f := flat(screen)
	for _, w := range append(want, "By Dr Ada Test, team Ward 5",
		fmt.Sprintf("%d more referrals were not gone through or offered", never),
		"Enter saves, Esc goes back to change an answer") {
		if !strings.Contains(f, w) {
			t.Fatalf("the question before the save does not say %q in view at 80x24:\n%s", w, screen)
		}
	}
}

// TestReferralsShownWithMThenHiddenAreReadBackAsNotDiscussedNotAsNeverShown:
// the first referrals answered, m shows them all, one after the first few
// agreed, m hides them again: the read-back said "N more referrals were
// not shown, and are not offered" though every one had been on screen, and
// the note said the same ("not shown or offered"). Each referral the
// clinician had on screen and left unanswered is read back, and saved, as
// not discussed; none is said to be not shown.
func TestReferralsShownWithMThenHiddenAreReadBackAsNotDiscussedNotAsNeverShown(t *testing.T) {
	t.Parallel()
	d, st := atResultQuickly(t)
	refs := d.m.referrals()
	if len(refs) <= firstReferrals+1 {
		t.Fatalf("the scenario has %d referrals: this needs two past the first %d", len(refs), firstReferrals)
	}
	answerReferrals(d, firstReferrals)
	d.press("m")
	d.waitFor("m shows fewer")
	for d.m.referral != firstReferrals {
		d.press("down")
	}
	readReferral(d)
	d.press("a")
	d.press("m")
	d.waitFor("shown · m shows the rest")
	d.press("enter")
	if !d.m.confirmSave {
		t.Fatalf("the save was not asked about first:\n%s", d.screen())
	}
	seen := flat(scrollConfirmToEnd(d))
	if strings.Contains(seen, "not shown") {
		t.Errorf("the read-back says referrals that were on screen were not shown:\n%s", seen)
	}
	want := []string{questionnaire.Printable(refs[firstReferrals].Name) + ": agreed"}
	for _, r := range refs[firstReferrals+1:] {
		want = append(want, questionnaire.Printable(r.Name)+": not discussed")
	}
	for _, w := range want {
		if !strings.Contains(seen, w) {
			t.Errorf("the read-back does not say %q:\n%s", w, seen)
		}
	}
	d.press("enter")
	d.waitFor("Saved ·")
	if st.Calls() != 1 || len(st.recs) != 1 {
		t.Fatalf("want one record saved, got %d saves", st.Calls())
	}
	var saved record.Record
	for _, r := range st.recs {
		saved = r
	}
	if n := len(saved.Recommendation.Unshown); n != 0 {
		t.Errorf("%d referrals that were on screen are saved as never shown", n)
	}
	if len(saved.Recommendation.Referrals) != len(refs) {
		t.Errorf("%d referrals saved as offered, want all %d", len(saved.Recommendation.Referrals), len(refs))
	}
}
