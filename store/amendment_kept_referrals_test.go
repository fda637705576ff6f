package store

import (
	"reflect"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
)

// An amendment's referrals kept from the version it corrects (agreed or
// declined there, no longer given by its answers) are saved and read back
// whole: the store's checks of a record against its answers and facts do
// not refuse them, and nothing of them is lost.
func TestAnAmendmentsKeptReferralsAreSavedAndReadBack(t *testing.T) {
	s := openTemp(t)
	a := save(t, s, assessed(t, nhsPatient))
	r := reassessed(t, a, testkit.Full(questionnaire.Answers{questionnaire.LinkWant: {questionnaire.No}}))
	r.Amends = a.ID
	r.Recommendation.Kept = []questionnaire.Referral{{ProgrammeID: "national-device-bank", Name: "National Device Bank (Good Things Foundation)",
		Barriers: []questionnaire.Domain{questionnaire.Access}, Reason: "Access: significant barrier", Contact: "Ask at the library", PatientLine: "A free device", Consent: questionnaire.Agreed}}
	if err := s.Amend(&r); err != nil {
		t.Fatalf("an amendment with a kept referral: %v", err)
	}
	got, err := s.Get(r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Recommendation.Kept, r.Recommendation.Kept) {
		t.Errorf("kept referrals read back as %+v, saved %+v", got.Recommendation.Kept, r.Recommendation.Kept)
	}
	if cur, err := s.Current(a.ID); err != nil || cur.ID != r.ID {
		t.Errorf("current version %s (%v), want the amendment", cur.ID, err)
	}
}
