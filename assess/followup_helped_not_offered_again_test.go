package assess

import (
	"slices"
	"strings"
	"testing"

	"digicheck/questionnaire"
	"digicheck/record"
)

// TestAFollowUpDoesNotOfferAgainAProgrammeThePatientSaysHelped: a follow-up
// recorded switchover help as "attended, and it helped", and then offered
// it again as a new referral, to be agreed or declined once more. A
// programme this follow-up records as having helped is not offered again:
// it is kept among the referrals not offered (so the record still holds
// every referral its answers give, and verifies), never asked, and the
// others take its place among the first few. One the patient went to
// without saying it helped (too soon to say), one not taken up, or one
// with nothing recorded of it, is offered as before: the patient may still
// need it.
func TestAFollowUpDoesNotOfferAgainAProgrammeThePatientSaysHelped(t *testing.T) {
	const switchover = "digital-phone-switchover"
	o := options()
	o.Instrument = questionnaire.V2
	s := start(t, o)
	answerAll(t, s, carersPatient)
	if err := s.Assess(); err != nil {
		t.Fatal(err)
	}
	for i, f := range s.Referrals() {
		consent := questionnaire.Declined
		if f.ProgrammeID == switchover {
			consent = questionnaire.Agreed
		}
		if err := s.SetConsent(i, consent); err != nil {
			t.Fatal(err)
		}
	}
	prev, err := s.Record()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(prev.Recommendation.Referrals, func(f questionnaire.Referral) bool { return f.ProgrammeID == switchover }) {
		t.Fatalf("the scenario needs switchover help agreed: %+v", prev.Recommendation.Referrals)
	}
	prev.ID = record.MustParseID("01890000-0000-7000-8000-0000000000d1")
	for _, tc := range []struct {
		name    string
		outcome record.ReferralOutcome // nothing recorded where Outcome is ""
		offered bool
	}{
		{"attended, and it helped", record.ReferralOutcome{ProgrammeID: switchover, Outcome: record.OutcomeHelped}, false},
		{"attended, too soon to say whether it helped", record.ReferralOutcome{ProgrammeID: switchover, Outcome: record.OutcomeAttended}, true},
		{"not taken up", record.ReferralOutcome{ProgrammeID: switchover, Outcome: record.OutcomeNotTakenUp, Reason: "no transport"}, true},
		{"nothing recorded of it", record.ReferralOutcome{}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := options()
			o.Instrument = questionnaire.V2
			o.FollowUp = &prev
			s := start(t, o)
			if tc.outcome.Outcome != "" {
				if err := s.SetOutcomes([]record.ReferralOutcome{tc.outcome}); err != nil {
					t.Fatal(err)
				}
			}
			answerAll(t, s, carersPatient)
			if err := s.Assess(); err != nil {
				t.Fatal(err)
			}
			offered := slices.ContainsFunc(s.Referrals(), func(f questionnaire.Referral) bool { return f.ProgrammeID == switchover })
			if offered != tc.offered {
				t.Fatalf("switchover help offered %v, want %v: %+v", offered, tc.offered, s.Referrals())
			}
			for i := range s.Shown() {
				if err := s.SetConsent(i, questionnaire.NotDiscussed); err != nil {
					t.Fatal(err)
				}
			}
			r, err := s.Record()
			if err != nil {
				t.Fatal(err)
			}
			rec := r.Recommendation
			inReferrals := slices.ContainsFunc(rec.Referrals, func(f questionnaire.Referral) bool { return f.ProgrammeID == switchover })
			inUnshown := slices.ContainsFunc(rec.Unshown, func(f questionnaire.Referral) bool { return f.ProgrammeID == switchover })
			if inReferrals != tc.offered || inUnshown == tc.offered {
				t.Errorf("saved among the referrals %v, among those not offered %v; offered should be %v", inReferrals, inUnshown, tc.offered)
			}
			dir := questionnaire.National
			if err := record.Verify(&r, questionnaire.V2, &dir); err != nil {
				t.Errorf("the follow-up does not verify: %v", err)
			}
			// The note says it once, as what it is: not a referral
			// left unasked.
			note := record.NoteWith(r, record.NoteOptions{})
			again := strings.Contains(note, "Not offered again, as it helped: Digital phone switchover help.")
			unasked := strings.Contains(note, "not gone through or offered: Digital phone switchover help")
			if again == tc.offered || unasked {
				t.Errorf("the note says it was not offered again, as it helped: %v; not gone through: %v:\n%s", again, unasked, note)
			}
		})
	}
}
