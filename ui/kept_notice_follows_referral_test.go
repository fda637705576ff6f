package ui

import (
	"path/filepath"
	"strings"
	"testing"
)

// After a save refused because another program held the store, the
// clinician changed a referral's answer under the "Not saved" notice: the
// file was written again with the answers as last given and no note, but
// the notice went on saying "The answers and note are kept in … Paste the
// note into the patient record". It now says the file holds the answers as
// last given, with no note, and that a note pasted before is out of date.
func TestAReferralChangedUnderTheNotSavedNoticeChangesTheNotice(t *testing.T) {
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
	d.waitFor("Not saved: another program held the store too long", "Press r to try again.")
	readReferral(d)
	readOut(d)
	d.press("n")
	alone(d)
	s := flat(d.screen())
	if strings.Contains(s, "Paste the note into the patient record") || strings.Contains(s, "The answers and note are kept in") {
		t.Errorf("after a referral changed, the notice says the file holds a note to paste:\n%s", d.screen())
	}
	for _, w := range []string{"no note", "out of date", "Press r to try again"} {
		if !strings.Contains(s, w) {
			t.Errorf("after a referral changed, the notice does not say %q:\n%s", w, d.screen())
		}
	}
	checkFits(t, d.m.View().Content, 80, 24)
}
