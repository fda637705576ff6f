package store

import (
	"testing"

	"digicheck/record"
)

// TestAVersionOfASyntheticRecordIsSynthetic: in a store of synthetic test
// data (digicheck synthetic, or copies of synthetic records read from a
// test server), an amendment or a follow-up is made as every front end
// makes one, from the answers, without the synthetic mark. The store
// refused it as a real record in a synthetic store, and the full screen
// said only "Not saved: the store did not save it", with no reason. A
// version of a synthetic assessment, and a follow-up of one, is of the
// same made-up patient: saved, and marked synthetic.
func TestAVersionOfASyntheticRecordIsSynthetic(t *testing.T) {
	s := openTemp(t)
	first := assessed(t, "9990000018")
	first.Synthetic = true
	batch := []record.Record{first}
	if err := s.SaveSynthetic(batch); err != nil {
		t.Fatal(err)
	}
	first = batch[0]
	am := first
	am.ID, am.Amends, am.AmendReason, am.Synthetic = record.ID{}, first.ID, "age was wrong", false
	if err := s.Amend(&am); err != nil {
		t.Fatalf("amendment of a synthetic record in a synthetic store: %v", err)
	}
	fu := assessed(t, "9990000018")
	fu.FollowsUp = am.ID
	if err := s.Save(&fu); err != nil {
		t.Fatalf("follow-up of a synthetic record in a synthetic store: %v", err)
	}
	for _, id := range []record.ID{am.ID, fu.ID} {
		got, err := s.Get(id)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Synthetic {
			t.Errorf("record %s, made on a synthetic one, is stored as real", id)
		}
	}
	// A record of a new patient is still refused, saying why.
	r := assessed(t, nhsPatient)
	if err := s.Save(&r); err == nil {
		t.Error("a real assessment was saved in a synthetic store")
	}
}
