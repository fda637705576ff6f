package main

import (
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/store"
)

// Damaged stores, fault 8: a draft that cannot be read was left off the
// list of drafts, and the box above the list said only that the store was
// damaged: nothing said an assessment was missing from it, or whose. The
// box says whose, and to enter it again.
func TestTheDraftsBoxSaysWhichDraftIsNotListed(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "digicheck.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fu := testkit.Assessed(t, testkit.Included(nil))
	var ids []string
	for range 3 {
		d := store.Draft{}
		d.Patient, d.Clinician = fu.Patient, "Nurse Bea"
		d.InstrumentVersion, d.Section, d.Answers = fu.InstrumentVersion, "skills", fu.Answers
		if err := st.SaveDraft(&d); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, d.ID.String())
	}
	if err := st.ReleaseDrafts(); err != nil {
		t.Fatal(err)
	}
	testkit.Tamper(t, path, func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("drafts"))
		v := append([]byte(nil), b.Get([]byte(ids[1]))...)
		i := strings.Index(string(v), `"answers"`)
		v[i+len(`"answers"`)] = '!'
		return b.Put([]byte(ids[1]), v)
	})
	st, err = store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ls, lerr := st.ListDrafts(0)
	if len(ls) != 2 || lerr == nil {
		t.Fatalf("ListDrafts = %d, %v; want the 2 sound drafts, and the damage said", len(ls), lerr)
	}
	if warn, _ := storeWarning(st, st.SyntheticData); warn != "" {
		t.Errorf("a store whose one damaged draft is set aside is warned of: %s", warn)
	}
	got := setAsideWords(lerr)
	if !strings.Contains(got, "patient "+fu.Patient.String()) || !strings.Contains(got, "enter it again") || !strings.Contains(got, "--discard-damaged-drafts") {
		t.Errorf("the box says %q of the draft that cannot be read; want its patient, %s, to enter it again, and how to remove it", got, fu.Patient)
	}
}
