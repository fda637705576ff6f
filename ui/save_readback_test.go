package ui

import (
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
	"digicheck/record"
)

// A name typed slowly on the result, made only of its consent keys ("ann",
// a key every 1.5 s, then enter) answered the referrals one by one, each
// key typed on its own by any measure, and the enter saved a consent the
// patient never gave. A result with referrals now asks before the save,
// reading back each referral's answer, and takes enter only once that has
// been on screen for the word hold.

// atResultQuickly is an assessment at its result, with no hold: each test
// sets the one it needs.
func atResultQuickly(t *testing.T) (*driver, *memStore) {
	st := &memStore{}
	d := newDriver(t, testOptions(st.Save), 80, 24)
	toReviewQuickly(d)
	d.press("end", "enter")
	d.waitFor("Result", "a agrees")
	readReferral(d) // read down to the first referral
	return d, st
}

// readBack is the question asked before the save, as it reads each
// referral of m's result with the answer it will be saved with.
func readBack(m *Model) []string {
	var out []string
	for _, r := range m.referrals()[:m.s.Shown()] {
		word := "not discussed"
		switch r.Consent {
		case questionnaire.Agreed:
			word = "agreed"
		case questionnaire.Declined:
			word = "declined"
		}
		out = append(out, questionnaire.Printable(r.Name)+": "+word)
	}
	return out
}

// mustAskBeforeSaving fails unless d shows the question asked before the
// save, reading back want (referral: answer) and the patient.
func mustAskBeforeSaving(t *testing.T, d *driver, st *memStore, want []string) {
	t.Helper()
	if st.Calls() != 0 || d.m.screen != resultScreen {
		t.Fatalf("saved without reading the answers back:\n%s", d.screen())
	}
	f := flat(d.screen())
	for _, w := range append(want, "NHS 943 476 5919", "Enter saves, Esc goes back to change an answer") {
		if !strings.Contains(f, w) {
			t.Fatalf("the question before the save does not say %q:\n%s", w, d.screen())
		}
	}
}

// savedConsents is the consent of each referral offered in st's only
// record.
func savedConsents(t *testing.T, st *memStore) []string {
	t.Helper()
	if st.Calls() != 1 || len(st.recs) != 1 {
		t.Fatalf("want one record saved, got %d saves", st.Calls())
	}
	var rec record.Record
	for _, r := range st.recs {
		rec = r
	}
	var out []string
	for _, r := range rec.Recommendation.Referrals {
		out = append(out, r.Consent)
	}
	return out
}

// TestANameOfConsentKeysTypedSlowlyThenEnterSavesNothingUntilReadBack:
// a, n, n typed slower than any hold (a key every 1.25 word holds: 1.5 s
// against 1.2 s), each after ↓ to the next referral, then enter as slowly: the keys answer the referrals, as
// they cannot be told from a clinician answering, but nothing is saved:
// the answers are read back with the patient. An enter before the
// question has been on screen for the word hold is refused; one after it
// saves exactly the answers read back.
func TestANameOfConsentKeysTypedSlowlyThenEnterSavesNothingUntilReadBack(t *testing.T) {
	t.Parallel()
	d, st := atResultQuickly(t)
	d.m.refusalHold = slowHold
	gap := d.m.wordHoldLen() * 5 / 4
	time.Sleep(gap) // the result has been read
	for _, k := range []string{"a", "down", "n", "down", "n", "enter"} {
		time.Sleep(gap)
		d.press(k) // a consent is taken once its wait is over
	}
	want := readBack(d.m)
	if len(want) != 3 || !strings.HasSuffix(want[0], ": agreed") || !strings.HasSuffix(want[1], ": not discussed") || !strings.HasSuffix(want[2], ": not discussed") {
		t.Fatalf("the keys typed slowly did not answer the three referrals: %v\n%s", want, d.screen())
	}
	mustAskBeforeSaving(t, d, st, want)

	// An enter straight after the question was shown was typed with the
	// keys before it.
	time.Sleep(d.m.wordHoldLen() / 3)
	d.press("enter")
	mustAskBeforeSaving(t, d, st, want)
	if !strings.Contains(flat(d.screen()), "Enter not taken") {
		t.Fatalf("an enter before the question could be read was not refused on screen:\n%s", d.screen())
	}

	time.Sleep(d.m.wordHoldLen() + slowHold)
	d.press("enter")
	d.waitFor("Saved ·")
	got := savedConsents(t, st)
	wantSaved := []string{questionnaire.Agreed, questionnaire.NotDiscussed, questionnaire.NotDiscussed}
	if strings.Join(got, ",") != strings.Join(wantSaved, ",") {
		t.Fatalf("saved consents %v, want those read back %v", got, wantSaved)
	}
}

// TestALetterAtTheQuestionBeforeTheSaveIsRefusedWithTheKeysAfterIt: the
// rest of a name typed on at the question answers nothing and saves
// nothing, however slowly it comes, until esc: the enter after it is
// ignored too.
func TestALetterAtTheQuestionBeforeTheSaveIsRefusedWithTheKeysAfterIt(t *testing.T) {
	t.Parallel()
	d, st := atResultQuickly(t)
	consents := answerReferrals(d, firstReferrals)
	d.press("enter")
	want := readBack(d.m)
	mustAskBeforeSaving(t, d, st, want)
	d.press("a", "enter", "n", "enter")
	if st.Calls() != 0 || !strings.Contains(flat(d.screen()), "Keys are being ignored") {
		t.Fatalf("keys typed at the question before the save were not refused:\n%s", d.screen())
	}
	if c := consentsOf(d.m); len(c) != len(consents) {
		t.Fatalf("keys typed at the question changed the answers: %v", c)
	}
	d.press("esc")
	mustAskBeforeSaving(t, d, st, want)
	d.press("enter")
	d.waitFor("Saved ·")
	if got := savedConsents(t, st); strings.Join(got, ",") != strings.Join(consents, ",") {
		t.Fatalf("saved consents %v, want %v", got, consents)
	}
}

// TestEscAtTheQuestionBeforeTheSaveGoesBackWithEveryAnswerKept: esc goes
// back to the result with the answers as they were; an answer changed
// there is read back changed, and saved so.
func TestEscAtTheQuestionBeforeTheSaveGoesBackWithEveryAnswerKept(t *testing.T) {
	t.Parallel()
	d, st := atResultQuickly(t)
	consents := answerReferrals(d, firstReferrals) // agreed, declined, agreed
	d.press("enter")
	mustAskBeforeSaving(t, d, st, readBack(d.m))
	d.press("esc")
	if d.m.screen != resultScreen || d.m.confirmSave || st.Calls() != 0 {
		t.Fatalf("esc did not go back to the result:\n%s", d.screen())
	}
	d.waitFor("Result", "a agrees")
	if c := consentsOf(d.m); len(c) != len(consents) {
		t.Fatalf("esc lost answers: %v", c)
	}
	// The last referral, agreed, is declined instead.
	for d.m.referral < 2 {
		d.press("down")
	}
	for d.m.referral > 2 {
		d.press("up")
	}
	d.press("d")
	d.aloneEnds()
	d.press("enter")
	want := readBack(d.m)
	if !strings.HasSuffix(want[2], ": declined") {
		t.Fatalf("the answer changed is not read back changed: %v", want)
	}
	mustAskBeforeSaving(t, d, st, want)
	d.press("enter")
	d.waitFor("Saved ·")
	consents[2] = questionnaire.Declined
	if got := savedConsents(t, st); strings.Join(got, ",") != strings.Join(consents, ",") {
		t.Fatalf("saved consents %v, want the answer changed %v", got, consents)
	}
}

// TestTheQuestionBeforeTheSaveFitsAt80x24WithEveryReferral: with every
// referral shown (m), each is read back whole on an 80x24 screen, and
// the question and its keys are in view.
func TestTheQuestionBeforeTheSaveFitsAt80x24WithEveryReferral(t *testing.T) {
	t.Parallel()
	d, st := atResultQuickly(t)
	n := len(d.m.referrals())
	if n <= firstReferrals {
		t.Skipf("the scenario has %d referrals: none past the first", n)
	}
	answerReferrals(d, n)
	d.press("enter")
	mustAskBeforeSaving(t, d, st, readBack(d.m))
	if lines := strings.Split(d.screen(), "\n"); len(lines) != 24 {
		t.Fatalf("the screen is %d lines, not 24", len(lines))
	}
}
