package main

import (
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/store"
)

// A backup of a store with a draft set aside as damaged said "drafts: 2.
// The copy passed its check." and nothing more: the nurse or QI lead
// reading it took both drafts for copied whole, and the one that could not
// be read was not entered again. Its summary says how many drafts were set
// aside, that they were not copied whole, and what to do.
func TestABackupsSummarySaysADraftWasSetAsideAsDamaged(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "digicheck.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fu := testkit.Assessed(t, testkit.Included(nil))
	var ids []string
	for range 2 {
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

	// Sound, the summary says nothing of drafts set aside.
	out, errs, err := runStoreCmd(t, path, (*app).backupCmd, t.TempDir())
	if err != nil || !strings.Contains(out, "drafts: 2. The copy passed its check.") {
		t.Fatalf("backup of a sound store = %v; want its summary as before:\n%s%s", err, out, errs)
	}

	testkit.Tamper(t, path, func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("drafts"))
		v := append([]byte(nil), b.Get([]byte(ids[1]))...)
		i := strings.Index(string(v), `"answers"`)
		v[i+len(`"answers"`)] = '!'
		return b.Put([]byte(ids[1]), v)
	})
	out, errs, err = runStoreCmd(t, path, (*app).backupCmd, t.TempDir())
	if err != nil {
		t.Fatalf("backup beside a damaged draft = %v; want it written:\n%s%s", err, out, errs)
	}
	said := strings.Join(strings.Fields(out), " ")
	if !strings.Contains(said, "drafts: 2, 1 of them damaged and set aside") {
		t.Errorf("the backup's summary does not say a draft was set aside as damaged:\n%s", out)
	}
	if !strings.Contains(said, "not copied whole") || !strings.Contains(said, "enter that assessment again") || !strings.Contains(said, "digicheck check") {
		t.Errorf("the backup's summary does not say the draft was not copied whole, and what to do:\n%s", out)
	}
	if !strings.Contains(said, "The copy passed its check.") {
		t.Errorf("the backup's summary no longer says the copy passed its check:\n%s", out)
	}
}
