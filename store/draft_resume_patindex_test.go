package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"testing"
)

// Damaged stores (H27), fault 3 of a re-test: the draft of a patient whose
// index entry was filed under another number, no check run. Resuming it
// wrote this window's hold into the damaged store, and discard deleted it
// there, though a new assessment of that patient finds the damage before
// anything is written. Taking or discarding a patient's draft reads that
// patient's entries first: both are refused as damaged, and the file is as
// it was.
func TestResumingOrDiscardingTheDraftOfAPatientWhoseIndexEntryIsDamagedWritesNothing(t *testing.T) {
	s := openTemp(t)
	for i := range 6 {
		save(t, s, assessed(t, fmt.Sprintf("RXH-%05d", 10000+i)))
	}
	r := save(t, s, assessed(t, nhsPatient))
	for i := range 6 {
		save(t, s, assessed(t, fmt.Sprintf("RXH-%05d", 20000+i)))
	}
	d := draftOf(t, nhsPatient)
	if err := s.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	if err := s.ReleaseDrafts(); err != nil {
		t.Fatal(err)
	}
	flipPatientEntry(t, s.Path(), r)
	before := fingerprint(t, s.Path())

	for _, step := range []struct {
		name string
		do   func(*Store) error
	}{
		{"resuming", func(s *Store) error { _, err := s.ClaimDraft(d.ID); return err }},
		{"discarding", func(s *Store) error { return s.DiscardDraft(d.ID) }},
	} {
		s2, err := Open(s.Path(), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := step.do(s2); !errors.Is(err, ErrDamaged) {
			t.Errorf("%s the draft of the patient whose index entry is damaged = %v; want it refused as damaged", step.name, err)
		}
		if fingerprint(t, s.Path()) != before {
			t.Fatalf("%s the draft wrote to the damaged store", step.name)
		}
		// The next step reads the store afresh, as another run would.
		if err := os.Remove(DamageNote(s.Path())); err != nil && !errors.Is(err, fs.ErrNotExist) {
			t.Fatal(err)
		}
	}
}
