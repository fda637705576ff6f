package assess

import (
	"testing"

	"digicheck/questionnaire"
	"digicheck/record"
)

// carersPatient is a patient on a landline only, who cannot get online and
// does not want to, whose carer answers for them and does most things for
// them, with the optional section skipped: the network's centres and
// switchover help are offered, and answering "75 or over" opens Age UK
// between them.
var carersPatient = questionnaire.Answers{
	questionnaire.LinkDevices: {questionnaire.DevLandline}, questionnaire.LinkInternet: {questionnaire.NetNone},
	questionnaire.LinkAfford: {"never"}, questionnaire.LinkTelecare: {questionnaire.No},
	questionnaire.LinkTasks: {questionnaire.TaskNone}, questionnaire.LinkHelp: {questionnaire.HelpCarer},
	questionnaire.LinkNHSApp: {questionnaire.AppNo}, questionnaire.LinkTechAccess: {questionnaire.TechHearing, questionnaire.TechMemory},
	questionnaire.LinkWant: {questionnaire.No}, questionnaire.LinkWorry: {"very"}, questionnaire.LinkBadExperience: {"put-off"},
	questionnaire.LinkCommNeeds: {questionnaire.NeedVerbal}, questionnaire.LinkReadingHelp: {questionnaire.ReadAlways},
	questionnaire.LinkContactNeeds: {questionnaire.ContactCarer}, questionnaire.LinkContactAvoid: {questionnaire.AvoidNone},
	questionnaire.LinkChoice: {string(questionnaire.RouteCarer)}, questionnaire.LinkRespondent: {questionnaire.RespondentCarer},
}

// TestAnAmendmentThatOpensAnotherReferralKeepsTheAnswersToTheReferralsItStillGivesForTheSameReason:
// an amendment that answered the optional section skipped before ("75 or
// over") opened Age UK among the referrals. The network's centres and
// switchover help came out for the same reasons as before, but each
// reason's place ("Ranked 1 of 2" now "Ranked 1 of 3") had changed, and
// the carer's answers to them were dropped: both front ends asked each
// afresh, and the plain prompts refused an empty line. The place among the
// others is not a reason: the answers given stand; only the new referral
// is asked.
func TestAnAmendmentThatOpensAnotherReferralKeepsTheAnswersToTheReferralsItStillGivesForTheSameReason(t *testing.T) {
	o := options()
	o.Instrument = questionnaire.V2
	s := start(t, o)
	answerAll(t, s, carersPatient)
	if err := s.Assess(); err != nil {
		t.Fatal(err)
	}
	given := []string{questionnaire.Declined, questionnaire.Agreed, questionnaire.NotDiscussed}
	was := map[string]string{} // answer by programme
	for i, f := range s.Referrals() {
		if err := s.SetConsent(i, given[i%len(given)]); err != nil {
			t.Fatal(err)
		}
		was[f.ProgrammeID] = given[i%len(given)]
	}
	old, err := s.Record()
	if err != nil {
		t.Fatal(err)
	}
	old.ID = record.MustParseID("01890000-0000-7000-8000-0000000000c1")

	o.Amend, o.AmendReason = &old, "age and disability were asked"
	s = start(t, o)
	a := carersPatient.Clone()
	a[questionnaire.LinkAgeBand] = []string{"75+"}
	a[questionnaire.LinkDisability] = []string{questionnaire.Yes}
	answerAll(t, s, a)
	if err := s.Assess(); err != nil {
		t.Fatal(err)
	}
	moved, opened := 0, 0
	for _, f := range s.Referrals() {
		w, ok := was[f.ProgrammeID]
		if !ok {
			opened++
			if f.Consent != "" {
				t.Errorf("%s, opened by the amendment, has the answer %q: never asked", f.ProgrammeID, f.Consent)
			}
			continue
		}
		for _, g := range old.Recommendation.Referrals {
			if g.ProgrammeID == f.ProgrammeID && g.Reason != f.Reason {
				moved++
			}
		}
		if f.Consent != w {
			t.Errorf("%s: answer %q after the amendment, was %q (reason now %q)", f.ProgrammeID, f.Consent, w, f.Reason)
		}
	}
	if opened == 0 || moved == 0 || len(was) < 2 {
		t.Fatalf("the scenario needs a referral opened (%d) and others whose place moved (%d) among %d answered", opened, moved, len(was))
	}
}
