package assess

import (
	"testing"

	"digicheck/record"
)

// TestAReasonWhyNotNotConfirmedIsCarriedUntilTheOutcomesAreSet: a
// follow-up's reason why not, typed and not confirmed when the full screen
// stopped, is kept in the draft apart from the outcomes. Resumed, it is
// carried in every draft kept, never taken as the outcome's reason, and
// dropped once the outcomes are set (confirmed or changed).
func TestAReasonWhyNotNotConfirmedIsCarriedUntilTheOutcomesAreSet(t *testing.T) {
	t.Parallel()
	prev := saved(t, answers)
	o := options()
	o.FollowUp = &prev
	s := start(t, o)
	if err := s.SetPatient(prev.Patient, "Dr Ada Test", "Ward 5"); err != nil {
		t.Fatal(err)
	}
	agreed := s.OutcomeReferrals()[0].ProgrammeID
	if err := s.SetOutcomes([]record.ReferralOutcome{{ProgrammeID: agreed, Outcome: record.OutcomeNotTakenUp}}); err != nil {
		t.Fatal(err)
	}
	d, ok := s.Draft()
	if !ok {
		t.Fatal("nothing to keep")
	}
	d.UnconfirmedReasons = map[string]string{agreed: "bus too dear"}

	r, err := Resume(o, d)
	if err != nil {
		t.Fatal(err)
	}
	if why, ok := r.UnconfirmedReason(agreed); !ok || why != "bus too dear" {
		t.Fatalf("resumed, the reason not confirmed is %q, %v", why, ok)
	}
	if _, why, _ := r.Outcome(agreed); why != "" {
		t.Errorf("resumed, the reason not confirmed is taken as the outcome's: %q", why)
	}
	if again, _ := r.Draft(); again.UnconfirmedReasons[agreed] != "bus too dear" {
		t.Errorf("kept again before it was confirmed, the draft lost it: %v", again.UnconfirmedReasons)
	}
	if err := r.SetOutcomes([]record.ReferralOutcome{{ProgrammeID: agreed, Outcome: record.OutcomeNotTakenUp, Reason: "bus too dear"}}); err != nil {
		t.Fatal(err)
	}
	if _, ok := r.UnconfirmedReason(agreed); ok {
		t.Error("confirmed, it is still held as not confirmed")
	}
	if again, _ := r.Draft(); again.UnconfirmedReasons != nil || again.Outcomes[0].Reason != "bus too dear" {
		t.Errorf("confirmed, the draft holds outcomes %+v, unconfirmed reasons %v", again.Outcomes, again.UnconfirmedReasons)
	}
}
