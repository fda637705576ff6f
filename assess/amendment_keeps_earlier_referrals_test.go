package assess

import (
	"slices"
	"strings"
	"testing"

	"digicheck/questionnaire"
	"digicheck/record"
)

// An amendment that corrects an answer the referrals depend on (means-tested
// benefits, which the Device Bank and Databank ask for) must not lose the
// referrals the patient already agreed to or declined in the version it
// corrects: they were made, or refused, and a device may be in the
// patient's hands. The saved amendment keeps them, with their answers,
// apart from what the corrected answers offer, and its note (which replaces
// the earlier note) names them.
func TestAnAmendmentKeepsTheReferralsAgreedOrDeclinedThatItsAnswersNoLongerOffer(t *testing.T) {
	old := saved(t, answers)
	o := options()
	o.Amend, o.AmendReason = &old, "benefits wrong"
	s := start(t, o)
	if err := s.SetPatient(old.Patient, old.Clinician, old.Team); err != nil {
		t.Fatal(err)
	}
	a := old.Answers.Clone()
	a[questionnaire.LinkBenefits] = []string{questionnaire.No}
	for k := range s.Instrument().Sections {
		if err := s.SetSection(k, a); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Assess(); err != nil {
		t.Fatal(err)
	}
	for i := range min(len(s.Referrals()), FirstReferrals) {
		if s.Referrals()[i].Consent == "" {
			_ = s.SetConsent(i, questionnaire.NotDiscussed)
		}
	}
	now := s.Referrals()
	var gone []questionnaire.Referral
	for _, f := range old.Recommendation.Referrals {
		if (f.Consent == questionnaire.Agreed || f.Consent == questionnaire.Declined) &&
			!slices.ContainsFunc(now, func(n questionnaire.Referral) bool { return n.ProgrammeID == f.ProgrammeID }) {
			gone = append(gone, f)
		}
	}
	if !slices.ContainsFunc(gone, func(f questionnaire.Referral) bool { return f.Consent == questionnaire.Agreed }) {
		t.Fatalf("the scenario needs an agreed referral that no benefits no longer offers; gone: %+v", gone)
	}
	r, err := s.Record()
	if err != nil {
		t.Fatal(err)
	}
	note := record.NoteWith(r, record.NoteOptions{})
	for _, f := range gone {
		if want := f.Name + ": " + record.ConsentText(f.Consent); !strings.Contains(note, want) {
			t.Errorf("the amendment's note has no %q, answered in the version it replaces:\n%s", want, note)
		}
	}
}

// A referral an amendment kept was made: the follow-up of the amendment
// asks what became of it, as of any referral agreed, and a further
// amendment keeps it still.
func TestAReferralAnAmendmentKeptIsFollowedUpAndKeptByTheNextAmendment(t *testing.T) {
	old := saved(t, answers)
	amended := old
	amended.ID = record.MustParseID("01890000-0000-7000-8000-0000000000b1")
	amended.Status, amended.Amends = record.Amended, old.ID
	var agreed questionnaire.Referral
	for i, f := range amended.Recommendation.Referrals {
		if f.Consent == questionnaire.Agreed {
			agreed = f
			amended.Recommendation.Referrals = slices.Delete(slices.Clone(amended.Recommendation.Referrals), i, i+1)
			amended.Recommendation.Kept = []questionnaire.Referral{f}
			break
		}
	}
	if agreed.ProgrammeID == "" {
		t.Fatal("the scenario needs an agreed referral")
	}
	o := options()
	o.FollowUp = &amended
	fu := start(t, o)
	if !slices.ContainsFunc(fu.OutcomeReferrals(), func(f questionnaire.Referral) bool { return f.ProgrammeID == agreed.ProgrammeID }) {
		t.Errorf("the follow-up does not ask what became of %s, kept by the amendment: %+v", agreed.Name, fu.OutcomeReferrals())
	}
	o = options()
	o.Amend, o.AmendReason = &amended, "worry misheard"
	again := start(t, o)
	if err := again.SetPatient(amended.Patient, amended.Clinician, amended.Team); err != nil {
		t.Fatal(err)
	}
	a := amended.Answers.Clone()
	a[questionnaire.LinkBenefits] = []string{questionnaire.No}
	for k := range again.Instrument().Sections {
		if err := again.SetSection(k, a); err != nil {
			t.Fatal(err)
		}
	}
	if err := again.Assess(); err != nil {
		t.Fatal(err)
	}
	if slices.ContainsFunc(again.Referrals(), func(f questionnaire.Referral) bool { return f.ProgrammeID == agreed.ProgrammeID }) {
		// Given again by these answers: it must be with the answer kept.
		i := slices.IndexFunc(again.Referrals(), func(f questionnaire.Referral) bool { return f.ProgrammeID == agreed.ProgrammeID })
		if again.Referrals()[i].Consent != questionnaire.Agreed {
			t.Errorf("%s, kept as agreed, is offered again as %q", agreed.Name, again.Referrals()[i].Consent)
		}
	} else if !slices.ContainsFunc(again.KeptReferrals(), func(f questionnaire.Referral) bool {
		return f.ProgrammeID == agreed.ProgrammeID && f.Consent == questionnaire.Agreed
	}) {
		t.Errorf("the next amendment lost %s, kept as agreed: %+v", agreed.Name, again.KeptReferrals())
	}
}
