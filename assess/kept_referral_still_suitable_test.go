package assess

import (
	"slices"
	"testing"

	"digicheck/questionnaire"
)

// An amendment whose answers still give a referral agreed in the version
// amended, for another reason (Age UK, agreed for no device and no skills,
// still fits for skills once the device is corrected), and which the
// clinician leaves among the referrals not shown, said it both ways: the
// result listed it among the referrals "these answers no longer offer" and
// then offered it again, and the note named it both "not shown or offered"
// and "no longer offered". The answers still fit it and the patient's
// answer stands: it is saved once, among the referrals, with its answer,
// and is neither kept apart as no longer offered nor among those not shown.
func TestAKeptReferralTheAmendedAnswersStillFitIsSavedOnceWithItsAnswerNeverAsNoLongerOffered(t *testing.T) {
	old := saved(t, answers)
	if len(old.Recommendation.Referrals) <= FirstReferrals {
		t.Fatalf("the scenario needs more than %d referrals, has %d", FirstReferrals, len(old.Recommendation.Referrals))
	}
	// The referral after the first few was agreed for another reason.
	old.Recommendation.Referrals = slices.Clone(old.Recommendation.Referrals)
	still := &old.Recommendation.Referrals[FirstReferrals]
	still.Consent, still.Reason = questionnaire.Agreed, "an earlier reason: "+still.Reason
	o := options()
	o.Amend, o.AmendReason = &old, "access answers misheard"
	s := start(t, o)
	answerAll(t, s, old.Answers)
	if err := s.Assess(); err != nil {
		t.Fatal(err)
	}
	refs := s.Referrals()
	k := slices.IndexFunc(refs, func(f questionnaire.Referral) bool { return f.ProgrammeID == still.ProgrammeID })
	if k < FirstReferrals {
		t.Fatalf("the scenario needs %s among the referrals not shown; it is at %d", still.Name, k)
	}
	for i := range FirstReferrals {
		if refs[i].Consent == "" {
			_ = s.SetConsent(i, questionnaire.NotDiscussed)
		}
	}
	if slices.ContainsFunc(s.KeptReferrals(), func(f questionnaire.Referral) bool { return f.ProgrammeID == still.ProgrammeID }) {
		t.Errorf("the result says these answers no longer offer %s, which they still give", still.Name)
	}
	if got := s.EarlierAnswer(still.ProgrammeID); got != questionnaire.Agreed {
		t.Errorf("the answer %s stands with is %q, not agreed", still.Name, got)
	}
	r, err := s.Record()
	if err != nil {
		t.Fatal(err)
	}
	rec := r.Recommendation
	is := func(f questionnaire.Referral) bool { return f.ProgrammeID == still.ProgrammeID }
	if slices.ContainsFunc(rec.Kept, is) {
		t.Errorf("%s is saved as a referral these answers no longer offer: kept %+v", still.Name, rec.Kept)
	}
	if slices.ContainsFunc(rec.Unshown, is) {
		t.Errorf("%s, agreed, is saved as not shown or offered", still.Name)
	}
	if i := slices.IndexFunc(rec.Referrals, is); i < 0 || rec.Referrals[i].Consent != questionnaire.Agreed {
		t.Errorf("%s is not saved among the referrals as agreed: %+v", still.Name, rec.Referrals)
	}
}
