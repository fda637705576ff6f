package assess

import (
	"testing"

	"digicheck/questionnaire"
)

// TestReferralsShownThenHiddenAgainAreNotDiscussedNotUnshown: m showed
// every referral, one after the first few was agreed, and m hid the rest
// again: the record kept the referrals left unanswered apart as never
// shown ("8 more referrals were not shown, and are not offered" in the
// read-back, "not shown or offered" in the note), though they had been on
// screen. A referral the clinician showed and left unanswered was not
// discussed, whether the list was hidden again or not; one never shown is
// still kept apart. A show taken back at once (m typed as a word's letter,
// TakeBackShowAll) showed nothing.
func TestReferralsShownThenHiddenAgainAreNotDiscussedNotUnshown(t *testing.T) {
	for _, c := range []struct {
		name        string
		hide        func(s *Session)
		wantUnshown bool // the referrals after the first few, unanswered, kept apart
	}{
		{"shown, then hidden again", func(s *Session) { s.ShowAll(false) }, false},
		{"shown, and left shown", func(s *Session) {}, false},
		{"shown, then taken back as a word's letter", func(s *Session) { s.TakeBackShowAll() }, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := start(t, options())
			answerAll(t, s, answers)
			if err := s.Assess(); err != nil {
				t.Fatal(err)
			}
			refs := s.Referrals()
			if len(refs) <= FirstReferrals+1 {
				t.Fatalf("the scenario needs more than %d referrals, has %d", FirstReferrals+1, len(refs))
			}
			for i := range FirstReferrals {
				if err := s.SetConsent(i, questionnaire.Declined); err != nil {
					t.Fatal(err)
				}
			}
			s.ShowAll(true)
			agreed := refs[FirstReferrals].ProgrammeID
			if err := s.SetConsent(FirstReferrals, questionnaire.Agreed); err != nil {
				t.Fatal(err)
			}
			c.hide(s)
			r, err := s.Record()
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, f := range r.Recommendation.Referrals {
				got[f.ProgrammeID] = f.Consent
			}
			if got[agreed] != questionnaire.Agreed {
				t.Errorf("the referral agreed with the list shown is saved %q", got[agreed])
			}
			rest := refs[FirstReferrals+1:]
			if c.wantUnshown {
				if len(r.Recommendation.Unshown) != len(rest) {
					t.Errorf("%d referrals kept apart as never shown, want %d", len(r.Recommendation.Unshown), len(rest))
				}
				return
			}
			if len(r.Recommendation.Unshown) != 0 {
				t.Errorf("%d referrals that were shown are kept apart as never shown: %+v", len(r.Recommendation.Unshown), r.Recommendation.Unshown)
			}
			for _, f := range rest {
				if got[f.ProgrammeID] != questionnaire.NotDiscussed {
					t.Errorf("%s, shown and left unanswered, is saved %q, want not discussed", f.Name, got[f.ProgrammeID])
				}
			}
		})
	}
}
