package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/assess"
)

// TestMoreReferralsShownUnderNotSavedLeaveTheKeptNoteStanding: after a
// save refused (the store held), its answers and note kept in a file and
// the note pasted as told, m (more referrals, and again, fewer) with
// nothing answered made the notice say the answers had changed and a
// pasted note was out of date, while the file, whose answers m does not
// change, kept its note: screen and file disagreed. The referrals m shows
// since and leaves unanswered are saved as the file holds them (not gone
// through or offered), so the note stands: the notice says so, the
// read-back lists what will be saved, and once saved the record is the
// file's, its note the one pasted.
func TestMoreReferralsShownUnderNotSavedLeaveTheKeptNoteStanding(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt")
	st := &memStore{fail: heldKept{file}}
	o := testOptions(st.Save)
	o.Assessed = (&heldRead{}).read
	d := newDriver(t, o, 80, 24)
	toReviewQuickly(d)
	d.press("end", "enter")
	d.waitFor("Result")
	if len(d.m.referrals()) <= firstReferrals {
		t.Fatalf("the scenario gives %d referrals, none after the first few", len(d.m.referrals()))
	}
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Not saved: another program held the store too long", "Paste the note into the patient record")
	kept := d.m.keptRec
	if len(kept.Recommendation.Unshown) == 0 {
		t.Fatalf("the save refused kept no referral as not shown:\n%s", d.screen())
	}
	for _, k := range []string{"m", "m"} { // more, then fewer: nothing answered
		d.press(k)
		d.aloneEnds()
		s := flat(d.screen())
		if strings.Contains(s, "out of date") || strings.Contains(s, "Changed since") {
			t.Errorf("after %s with nothing answered, the notice says the answers changed and the note is out of date:\n%s", k, d.screen())
		}
	}
	d.press("m") // more again, to read back
	d.aloneEnds()
	d.press("r")
	if strings.Contains(d.screen(), confirmAsk) {
		if s := flat(d.screen()); strings.Contains(s, kept.Recommendation.Unshown[0].Name+": not discussed") {
			t.Errorf("the read-back says a referral shown since, unanswered, will be saved as not discussed; the file holds it as not offered:\n%s", d.screen())
		}
		// m showed them a moment before: said "not shown", they are
		// said as the note says them.
		if s := flat(d.screen()); strings.Contains(s, "not shown") || !strings.Contains(s, "not gone through or offered") {
			t.Errorf("the read-back does not say the referrals m showed, unanswered, were not gone through, as the note does:\n%s", d.screen())
		}
		d.press("end")
		d.press("enter")
	}
	d.waitFor("Saved ·")
	s := flat(d.screen())
	if !strings.Contains(s, "A note already pasted from it stands: it is this record's note.") {
		t.Errorf("saved with only more referrals shown since the refusal, the screen does not say the pasted note stands:\n%s", d.screen())
	}
	st.mu.Lock()
	saved, ok := st.recs[kept.ID.String()]
	st.mu.Unlock()
	if !ok {
		t.Fatalf("the record kept was not saved under its id")
	}
	if got, want := assess.Note(saved), assess.Note(kept); got != want {
		t.Errorf("the record saved is not the file's: its note\n%s\nthe file's\n%s", got, want)
	}
}

// TestAReferralAnsweredNotDiscussedAfterMoreUnderNotSavedIsAChange: a
// referral m showed after the refused save and then answered n (not
// discussed) is an answer given, unlike one left unanswered: the notice
// says the answers changed, and the record saved has it, its note not
// the one the file first kept.
func TestAReferralAnsweredNotDiscussedAfterMoreUnderNotSavedIsAChange(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt")
	st := &memStore{fail: heldKept{file}}
	o := testOptions(st.Save)
	o.Assessed = (&heldRead{}).read
	d := newDriver(t, o, 80, 24)
	toReviewQuickly(d)
	d.press("end", "enter")
	d.waitFor("Result")
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Not saved: another program held the store too long")
	kept := d.m.keptRec
	d.press("m")
	d.aloneEnds()
	for i := 0; i < 60 && d.m.referral != firstReferrals; i++ {
		d.press("down")
	}
	readReferral(d)
	d.press("n")
	d.aloneEnds()
	name := d.m.referrals()[firstReferrals].Name
	if s := flat(d.screen()); !strings.Contains(s, "out of date") {
		t.Errorf("after %s was answered not discussed, the notice does not say a pasted note is out of date:\n%s", name, d.screen())
	}
	d.press("r")
	if strings.Contains(d.screen(), confirmAsk) {
		d.press("end")
		d.press("enter")
	}
	d.waitFor("Saved ·")
	if s := flat(d.screen()); !strings.Contains(s, "a note already pasted from it is out of date") {
		t.Errorf("saved with a referral answered since the refusal, the screen does not say the pasted note is out of date:\n%s", d.screen())
	}
	st.mu.Lock()
	saved := st.recs[kept.ID.String()]
	st.mu.Unlock()
	if !strings.Contains(assess.Note(saved), "- "+name+": not discussed") {
		t.Errorf("the record saved does not have %s not discussed:\n%s", name, assess.Note(saved))
	}
}
