package ui

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// TestMoreReferralsShownUnderNotSavedAfterAChangeAreNotOffered: after a
// save refused (the store held), an answer changed (the first referral
// declined, not agreed), then m with nothing answered: the referrals m
// showed were saved "not discussed", while with no change the same m
// leaves them as the file holds them, not gone through or offered. Shown
// is not offered: the patient heard nothing of them, and the file, which
// m does not change, lists none of them. They are read back and saved as
// not gone through or offered, as with no change; the answer changed is
// saved.
func TestMoreReferralsShownUnderNotSavedAfterAChangeAreNotOffered(t *testing.T) {
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
	if len(kept.Recommendation.Unshown) == 0 {
		t.Fatalf("the save refused kept no referral as not shown:\n%s", d.screen())
	}
	for i := 0; i < 60 && d.m.referral != 0; i++ {
		d.press("up")
	}
	readReferral(d)
	readOut(d)
	d.press("d") // agreed before the refusal: declined now
	d.aloneEnds()
	if got := d.m.referrals()[0].Consent; got != questionnaire.Declined {
		t.Fatalf("the first referral's answer is %q after d; want declined:\n%s", got, d.screen())
	}
	d.press("m") // more referrals, none answered
	d.aloneEnds()
	d.press("r")
	d.waitFor(confirmAsk)
	unshown := kept.Recommendation.Unshown[0].Name
	s := flat(d.screen())
	if strings.Contains(s, unshown+": not discussed") || !strings.Contains(s, "not gone through or offered") {
		t.Errorf("the read-back does not say the referrals m showed, unanswered, are not gone through or offered:\n%s", d.screen())
	}
	d.press("end")
	readOut(d)
	d.press("enter")
	d.waitFor("Saved ·")
	st.mu.Lock()
	saved := st.recs[kept.ID.String()]
	st.mu.Unlock()
	rec := saved.Recommendation
	for _, k := range kept.Recommendation.Unshown {
		if slices.ContainsFunc(rec.Referrals, func(r questionnaire.Referral) bool { return r.ProgrammeID == k.ProgrammeID }) {
			t.Errorf("%s, shown by m and left unanswered, is saved among the referrals offered: %+v", k.Name, rec.Referrals)
		}
		if !slices.ContainsFunc(rec.Unshown, func(r questionnaire.Referral) bool { return r.ProgrammeID == k.ProgrammeID && r.Consent == "" }) {
			t.Errorf("%s, shown by m and left unanswered, is not saved as not offered: %+v", k.Name, rec.Unshown)
		}
	}
	if len(rec.Referrals) == 0 || rec.Referrals[0].Consent != questionnaire.Declined {
		t.Errorf("the answer changed under Not saved is not saved: %+v", rec.Referrals)
	}
}
