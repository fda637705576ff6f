package store

import (
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// TestAVoidCarriesItsOwnReasonNotTheAmendments: a void of an amendment
// kept the amendment's reason (a keep-mine reason, "B offline"), and show,
// history and push --conflicts gave it as the void's. The void saved
// carries only its own reason.
func TestAVoidCarriesItsOwnReasonNotTheAmendments(t *testing.T) {
	s := openTemp(t)
	first := save(t, s, testkit.Assessed(t, confidentAnswers()))
	am := reassessed(t, first, confidentAnswers())
	am.Amends, am.AmendReason = first.ID, "B offline"
	if err := s.Amend(&am); err != nil {
		t.Fatal(err)
	}
	v, err := s.Void(am.ID, Voiding{Reason: "wrong patient", Clinician: "Ward Sister Wu"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(v.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []record.Record{v, got} {
		if r.AmendReason != "" || r.VoidReason != "wrong patient" || r.Status != record.EnteredInError {
			t.Errorf("the void carries amend reason %q and void reason %q (%s); want only its own, %q", r.AmendReason, r.VoidReason, r.Status, "wrong patient")
		}
	}
	if a, err := s.Get(am.ID); err != nil || a.AmendReason != "B offline" {
		t.Errorf("the amendment lost its own reason: %q, %v", a.AmendReason, err)
	}
}
