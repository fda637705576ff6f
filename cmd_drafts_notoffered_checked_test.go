package main

import (
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// Damaged stores, item 6 of the last re-test (t15g fault 5): a draft that
// cannot be read was named by its patient, with "enter it again", in the
// plain prompts only until check had run; once check had seen the store,
// its note ("2 problem(s)") was all they said, so a screen reader's user
// never learnt whose assessment to enter again. Named after check too.
//
// And one damaged draft made the whole store read-only: check failed and
// left its note, saves and backups were refused, and the only remedy
// offered was a restore, which a community nurse offline cannot make. A
// draft whose own bytes are damaged is set aside: check passes, naming it
// under SET ASIDE, assessments are saved and backed up, and check
// --discard-damaged-drafts removes it and nothing else.
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
			out, _, err := runStoreCmd(t, path, (*app).checkCmd)
			if err != nil || !strings.Contains(out, "SET ASIDE: 1 unfinished assessment") || !strings.Contains(out, ids[1]) {
				t.Fatalf("check of a store whose one draft is damaged = %v; want it sound, the draft set aside and named:\n%s", err, out)
			}
		}
		out, errs, _ := runStoreCmdIn(t, path, "q\n", newFromInput, "--drafts-from-input")
		said := strings.Join(strings.Fields(out+errs), " ")
		if !strings.Contains(said, "(patient 401 023 2137) cannot be read and is not listed: enter it again") || !strings.Contains(said, "--discard-damaged-drafts") {
			t.Errorf("checked %v: the plain prompts do not say whose draft is not listed, to enter it again, and how to remove it:\n%s", checked, out+errs)
		}
		if strings.Contains(said, "cannot be saved in the store") {
			t.Errorf("checked %v: the plain prompts say the store cannot save:\n%s", checked, said)
		}
	}
	// The assessment is saved in the store, and a backup written.
	a := testkit.V2(testkit.Included(questionnaire.Answers{
		questionnaire.LinkTasks: {questionnaire.TaskText}, questionnaire.LinkChoice: {string(questionnaire.RouteApp)},
	}))
	res, err := questionnaire.Current.Assess(a, questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	lines := append(append(pipedPatient, pipedAccess...), pipedRest...)
	lines = append(lines, declineShown(len(res.Recommendation.Referrals))...)
	lines = append(lines, "1", "2") // save; no other assessment
	out, err := runNewPiped(t, path, strings.Join(lines, "\n")+"\n")
	if err != nil || !strings.Contains(out, "Saved 1 assessment(s)") {
		t.Errorf("an assessment beside a damaged draft = %v; want it saved in the store:\n%s", err, out)
	}
	if out, errs, err := runStoreCmd(t, path, (*app).backupCmd, t.TempDir()); err != nil {
		t.Errorf("backup beside a damaged draft = %v; want it written:\n%s%s", err, out, errs)
	}
	out, _, err = runStoreCmd(t, path, (*app).checkCmd, "--discard-damaged-drafts")
	if err != nil || !strings.Contains(out, "Discarded 1 unfinished assessment(s)") || strings.Contains(out, "SET ASIDE") || !strings.Contains(out, "Drafts: 2") {
		t.Errorf("check --discard-damaged-drafts = %v; want the damaged draft discarded and the two sound ones kept:\n%s", err, out)
	}
}
