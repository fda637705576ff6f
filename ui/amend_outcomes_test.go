package ui

import (
	"testing"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// savedFollowUp saves a follow-up of prev whose earlier referrals all
// "attended".
func savedFollowUp(t *testing.T, st *store.Store, prev record.Record) record.Record {
	t.Helper()
	ins, ok := questionnaire.Lookup(prev.InstrumentVersion)
	if !ok {
		t.Fatalf("no instrument %q", prev.InstrumentVersion)
	}
	s := assess.Start(assess.Options{Instrument: ins, FollowUp: &prev, Directory: questionnaire.National, Clinician: prev.Clinician, Team: prev.Team})
	if err := s.SetPatient(prev.Patient, prev.Clinician, prev.Team); err != nil {
		t.Fatal(err)
	}
	var said []record.ReferralOutcome
	for _, f := range agreed(prev) {
		said = append(said, record.ReferralOutcome{ProgrammeID: f.ProgrammeID, Outcome: record.OutcomeAttended})
	}
	if err := s.SetOutcomes(said); err != nil {
		t.Fatal(err)
	}
	for k := range s.Instrument().Sections {
		if err := s.SetSection(k, prev.Answers); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Assess(); err != nil {
		t.Fatal(err)
	}
	s.ShowAll(true)
	for i := range s.Referrals() {
		if err := s.SetConsent(i, questionnaire.Declined); err != nil {
			t.Fatal(err)
		}
	}
	r, err := s.Record()
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Save(&r); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestAnAmendmentOfAFollowUpCorrectsWhatBecameOfTheEarlierReferrals: an
// outcome recorded wrongly in a follow-up ("attended" for "attended, and
// it helped") is corrected by amending it, from the review's "o  Earlier"
// with what was said chosen, and the change since the assessment followed
// up is shown as the follow-up showed it. (The row had no key, o did
// nothing, and only a void could correct it.)
func TestAnAmendmentOfAFollowUpCorrectsWhatBecameOfTheEarlierReferrals(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	prev := savedScenario(t, st)
	refs := agreed(prev)
	if len(refs) < 2 {
		t.Fatalf("the scenario agreed %d referrals, want at least 2", len(refs))
	}
	fu := savedFollowUp(t, st, prev)

	o := withStore(testOptions(nil), st)
	o.Clinician, o.Team = fu.Clinician, fu.Team
	o.Amend, o.AmendReason, o.Earlier = &fu, "outcome misheard", &prev
	d := newDriver(t, o, 80, 24)
	d.waitFor("Amend assessment", "Clinician")
	d.press("enter", "tab", "enter") // the clinician given; the record's team, by Tab
	d.waitFor("Amendment · Review", "o  Earlier")
	d.press("o")
	d.waitFor("Earlier referrals")
	d.press("2") // the first: attended, and it helped
	for range refs[1:] {
		d.press("enter") // the rest kept as said
	}
	d.waitFor("Amendment · Review")
	readReviewDown(d)
	d.press("enter")
	d.waitFor("Amendment · Result", "Change since")
	saveReadBack(d)
	d.waitFor("Saved ·")

	r, err := st.Current(fu.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Amends != fu.ID || r.FollowsUp != prev.ID || len(r.Outcomes) != len(refs) {
		t.Fatalf("the amendment amends %s, follows up %s, with %d outcomes", r.Amends, r.FollowsUp, len(r.Outcomes))
	}
	if r.Outcomes[0].Outcome != record.OutcomeHelped {
		t.Errorf("the first referral's outcome is %q, want it corrected to %q", r.Outcomes[0].Outcome, record.OutcomeHelped)
	}
	for _, oc := range r.Outcomes[1:] {
		if oc.Outcome != record.OutcomeAttended {
			t.Errorf("%s: outcome %q, want %q as said before", oc.ProgrammeID, oc.Outcome, record.OutcomeAttended)
		}
	}
}
