package store

import (
	"path/filepath"
	"testing"
)

// A new store made where one was kept is warned of again at each start
// while it holds nothing: a draft or an assessment saved in it ends that,
// and a draft discarded again leaves it holding nothing.
func TestAStoreHoldsNothingUntilADraftOrAnAssessmentIsSavedInIt(t *testing.T) {
	s := openTemp(t)
	if empty, err := s.HoldsNothing(); err != nil || !empty {
		t.Fatalf("a new store: HoldsNothing = %v, %v; want true", empty, err)
	}
	d := draftOf(t, nhsPatient)
	if err := s.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	if empty, err := s.HoldsNothing(); err != nil || empty {
		t.Errorf("a store with a draft: HoldsNothing = %v, %v; want false", empty, err)
	}
	if err := s.DiscardDraft(d.ID); err != nil {
		t.Fatal(err)
	}
	if empty, err := s.HoldsNothing(); err != nil || !empty {
		t.Errorf("a store whose only draft was discarded: HoldsNothing = %v, %v; want true", empty, err)
	}

	other, err := Open(filepath.Join(t.TempDir(), "s.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	save(t, other, assessed(t, nhsPatient))
	if empty, err := other.HoldsNothing(); err != nil || empty {
		t.Errorf("a store with an assessment: HoldsNothing = %v, %v; want false", empty, err)
	}
}
