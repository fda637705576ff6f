package main

import (
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// Damaged stores, item 6 of the last re-test (t15g fault 5): a draft that
// cannot be read was named by its patient, with "enter it again", in the
// plain prompts only until check had run; once check had seen the store,
// its note ("2 problem(s)") was all they said, so a screen reader's user
// never learnt whose assessment to enter again. Named after check too.
func TestPlainPromptsNameTheDraftNotListedAfterCheck(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "digicheck.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fu := testkit.Assessed(t, testkit.Included(nil))
	lost, err := record.ParsePatientID("401 023 2137")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i := range 3 {
		d := store.Draft{}
		d.Patient, d.Clinician = fu.Patient, "Nurse Bea"
		if i == 1 {
			d.Patient = lost
		}
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
	for _, checked := range []bool{false, true} {
		if checked {
			if _, _, err := runStoreCmd(t, path, (*app).checkCmd); err == nil {
				t.Fatal("check passed a store with a draft that cannot be read")
			}
		}
		out, _, _ := runStoreCmdIn(t, path, "q\n", newFromInput, "--drafts-from-input")
		said := strings.Join(strings.Fields(out), " ")
		if !strings.Contains(said, "(patient 401 023 2137) cannot be read and is not listed: enter it again") {
			t.Errorf("checked %v: the plain prompts do not say whose draft is not listed, and to enter it again:\n%s", checked, out)
		}
	}
}
