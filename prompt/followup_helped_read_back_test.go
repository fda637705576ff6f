package prompt

import (
	"fmt"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
)

// TestTheReadBackSaysAProgrammeThatHelpedIsNotOfferedAgain: a follow-up
// does not offer again a programme it records as having helped
// (assess.Session.Assess). The read-back before the save says so, by name,
// and does not count it among the referrals not gone through with the
// patient, which a clinician would take for one left unasked.
func TestTheReadBackSaysAProgrammeThatHelpedIsNotOfferedAgain(t *testing.T) {
	o := assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Clinician: "jsmith", Team: "Ward 5"}
	s := assess.Start(o)
	if err := s.SetPatient(record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}, "jsmith", "Ward 5"); err != nil {
		t.Fatal(err)
	}
	for k := range s.Instrument().Sections {
		if err := s.SetSection(k, scriptAnswers); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Assess(); err != nil {
		t.Fatal(err)
	}
	for i := range s.Shown() {
		_ = s.SetConsent(i, questionnaire.Agreed)
	}
	prev, err := s.Record()
	if err != nil {
		t.Fatal(err)
	}
	prev.ID = record.MustParseID("0190a1b2-0000-7000-8000-0000000000d2")
	helped := prev.Recommendation.Referrals[0]

	o.FollowUp = &prev
	s = assess.Start(o)
	if err := s.SetPatient(prev.Patient, "jsmith", "Ward 5"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetOutcomes([]record.ReferralOutcome{{ProgrammeID: helped.ProgrammeID, Outcome: record.OutcomeHelped}}); err != nil {
		t.Fatal(err)
	}
	for k := range s.Instrument().Sections {
		if err := s.SetSection(k, scriptAnswers); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Assess(); err != nil {
		t.Fatal(err)
	}
	for i := range s.Shown() {
		_ = s.SetConsent(i, questionnaire.Declined)
	}
	r, err := s.Record()
	if err != nil {
		t.Fatal(err)
	}
	back := readBack(s, r)
	if want := "\n  " + helped.Name + ": not offered again, as it helped."; !strings.Contains(back, want) {
		t.Errorf("the read-back does not say %q:\n%s", want, back)
	}
	notShown := len(r.Recommendation.Unshown) - 1 // all but the one that helped
	count := func(n int) string {
		switch n {
		case 0:
			return ""
		case 1:
			return "1 more referral was not gone through"
		}
		return fmt.Sprintf("%d more referrals were not gone through", n)
	}
	if want := count(notShown); want != "" && !strings.Contains(back, want) || want == "" && strings.Contains(back, "not gone through") {
		t.Errorf("the read-back does not count the %d referrals not shown (%q):\n%s", notShown, want, back)
	}
	if wrong := count(notShown + 1); strings.Contains(back, wrong) {
		t.Errorf("the read-back counts %s among the referrals not gone through (%q):\n%s", helped.Name, wrong, back)
	}
}
