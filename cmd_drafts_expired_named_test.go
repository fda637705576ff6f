package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// TestDraftsDiscardedAsExpiredAreNamedByPatient: drafts not worked on for
// the site's draft_expiry_days are discarded at the start, and were said
// only as "1 unfinished assessment(s) not worked on for 7 days were
// discarded": whose, and which, nobody could tell, and the bytes were
// gone. Now the patient of each, who started it and when it was last kept
// are said, and a draft kept since is not touched.
func TestDraftsDiscardedAsExpiredAreNamedByPatient(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "digicheck.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := testkit.Assessed(t, testkit.Included(nil))
	kept := store.Draft{}
	kept.Patient, kept.Clinician, kept.Team = r.Patient, "Nurse Kept", "Ward 7"
	kept.InstrumentVersion, kept.Section, kept.Answers = r.InstrumentVersion, "skills", r.Answers
	if err := st.SaveDraft(&kept); err != nil {
		t.Fatal(err)
	}
	if err := st.ReleaseDrafts(); err != nil {
		t.Fatal(err)
	}
	// Two drafts last kept 10 and 12 days ago, as a digicheck before
	// drafts carried their checksum kept them (their JSON alone), which
	// is read as ever.
	old := time.Now().UTC().Add(-10 * 24 * time.Hour)
	var gone []store.Draft
	for i, p := range []string{"999 010 0136", "RXH-4471"} {
		pid, err := record.ParsePatientID(p)
		if err != nil {
			t.Fatal(err)
		}
		d := store.Draft{}
		if d.ID, err = record.NewID(); err != nil {
			t.Fatal(err)
		}
		d.Patient, d.Clinician, d.Team = pid, "Dr Old "+string(rune('A'+i)), "Ward 7"
		d.InstrumentVersion, d.Section = r.InstrumentVersion, "access"
		d.Started, d.Saved = old.Add(-time.Duration(i)*48*time.Hour), old.Add(-time.Duration(i)*48*time.Hour)
		v, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		testkit.Tamper(t, path, func(tx *bolt.Tx) error {
			return tx.Bucket([]byte("drafts")).Put([]byte(d.ID.String()), v)
		})
		gone = append(gone, d)
	}

	_, errs, _ := execute(&app{settings: site.Settings{DB: path}}, newFromInput, "")
	for _, d := range gone {
		if !strings.Contains(errs, "patient "+d.Patient.String()+", started by "+d.Clinician+" on "+d.Started.Local().Format("2 Jan 2006")+", last kept "+d.Saved.Local().Format("2 Jan 2006 15:04")) {
			t.Errorf("the draft of patient %s discarded as expired is not named, with who started it and when it was last kept:\n%s", d.Patient, errs)
		}
	}
	if !strings.Contains(errs, "2 unfinished assessments not worked on for 7 days were discarded, as the site's settings say") {
		t.Errorf("the two drafts discarded are not said as such:\n%s", errs)
	}
	if strings.Contains(errs, kept.Patient.String()) {
		t.Errorf("the draft kept today, of patient %s, is named as discarded:\n%s", kept.Patient, errs)
	}
	ds, err := st.ListDrafts(0)
	if err != nil || len(ds) != 1 || ds[0].ID != kept.ID {
		t.Errorf("drafts left %v, %v; want the one kept today", ds, err)
	}
}
