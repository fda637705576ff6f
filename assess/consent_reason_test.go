package assess

import (
	"testing"

	"digicheck/questionnaire"
)

// TestAnAmendmentAsksAgainAReferralWhoseReasonChanged: an amendment that
// changed "wants to go online" to "does not want to go online" moved NHS
// App help to another place for another reason and kept the "agreed" the
// patient gave for the first one. A referral whose reason is unchanged
// keeps the answer recorded; one whose reason changed is asked again.
func TestAnAmendmentAsksAgainAReferralWhoseReasonChanged(t *testing.T) {
	old := saved(t, answers)
	changed := answers.Clone()
	changed[questionnaire.LinkWant] = []string{questionnaire.No}
	after, err := questionnaire.V1.Assess(changed, questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	was := map[string]questionnaire.Referral{}
	for _, f := range old.Recommendation.Referrals {
		was[f.ProgrammeID] = f
	}
	var same, moved int
	for _, f := range after.Recommendation.Referrals {
		if w, ok := was[f.ProgrammeID]; ok && w.Consent != "" {
			if questionnaire.SameGrounds(w.Reason, f.Reason) {
				same++
			} else {
				moved++
			}
		}
	}
	if same == 0 || moved == 0 {
		t.Fatalf("the change keeps %d reasons and changes %d: the test needs both", same, moved)
	}
	o := options()
	o.Amend, o.AmendReason = &old, "wish to go online was misheard"
	s := start(t, o)
	for k := range s.Instrument().Sections {
		if err := s.SetSection(k, changed); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Assess(); err != nil {
		t.Fatal(err)
	}
	if !equalReasons(s.Referrals(), after.Recommendation.Referrals) {
		t.Fatal("the amendment's referrals are not those of the changed answers")
	}
	for _, f := range s.Referrals() {
		w, ok := was[f.ProgrammeID]
		if !ok {
			continue
		}
		want := w.Consent
		if !questionnaire.SameGrounds(w.Reason, f.Reason) {
			want = ""
		}
		if f.Consent != want {
			t.Errorf("referral %s (reason %q, was %q): answer %q, want %q", f.ProgrammeID, f.Reason, w.Reason, f.Consent, want)
		}
	}
}

func equalReasons(a, b []questionnaire.Referral) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].ProgrammeID != b[i].ProgrammeID || a[i].Reason != b[i].Reason {
			return false
		}
	}
	return true
}
