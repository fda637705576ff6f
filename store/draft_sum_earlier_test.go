package store

import (
	"encoding/json"
	"strconv"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// earlierDraft keeps d in the store at path as a digicheck before drafts
// carried their checksum kept it: its JSON alone.
func earlierDraft(t *testing.T, path string, d Draft) {
	t.Helper()
	v, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	testkit.Tamper(t, path, func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketDrafts)
		if err != nil {
			return err
		}
		return b.Put([]byte(d.ID.String()), v)
	})
}

// TestADraftKeptBeforeDraftsCarriedTheirSumIsOfferedAndResumed: a draft an
// earlier digicheck kept, its JSON alone, is offered, checks sound, expires
// as before, and is kept with its checksum from the first time it is
// resumed.
func TestADraftKeptBeforeDraftsCarriedTheirSumIsOfferedAndResumed(t *testing.T) {
	s := openTemp(t)
	now := time.Now().UTC()
	var ds []Draft
	for i, age := range []time.Duration{time.Hour, 10 * 24 * time.Hour} {
		d := draftOf(t, nhsPatient)
		id, err := record.NewID()
		if err != nil {
			t.Fatal(err)
		}
		d.ID, d.Started, d.Saved, d.Login = id, now.Add(-age), now.Add(-age), "nurse"+strconv.Itoa(i)
		earlierDraft(t, s.Path(), d)
		ds = append(ds, d)
	}
	fresh, old := ds[0], ds[1]

	rep, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || rep.Drafts != 2 || len(rep.SetAside) != 0 {
		t.Errorf("check of a store with two drafts an earlier digicheck kept:\n%s", rep)
	}
	gone, err := s.ExpireDrafts(7 * 24 * time.Hour)
	if err != nil || len(gone) != 1 || gone[0].ID != old.ID {
		t.Fatalf("ExpireDrafts = %v, %v; want the earlier digicheck's draft of 10 days ago discarded, as before", gone, err)
	}
	ls, err := s.ListDrafts(7 * 24 * time.Hour)
	if err != nil || len(ls) != 1 || ls[0].ID != fresh.ID || ls[0].Patient != fresh.Patient || len(ls[0].Answers) != len(fresh.Answers) || ls[0].Login != fresh.Login {
		t.Fatalf("ListDrafts = %+v, %v; want the earlier digicheck's draft of an hour ago offered as it was kept", ls, err)
	}
	if _, err := s.ClaimDraft(fresh.ID); err != nil {
		t.Fatalf("resuming the earlier digicheck's draft: %v", err)
	}
	var stored []byte
	testkit.Tamper(t, s.Path(), func(tx *bolt.Tx) error {
		stored = append([]byte(nil), tx.Bucket(bucketDrafts).Get([]byte(fresh.ID.String()))...)
		return nil
	})
	if len(stored) == 0 || stored[0] != draftSummed {
		t.Fatalf("the resumed draft is stored as %q...; want it kept with its checksum from now on", stored[:min(len(stored), 8)])
	}
	if _, err := draftJSON(stored); err != nil {
		t.Errorf("the resumed draft's checksum: %v", err)
	}
}

// TestKeepingADraftRaisesTheSchema: an earlier digicheck reads a draft
// that carries its checksum as damaged (not offered, and removed by its
// check --discard-damaged-drafts), so a store that keeps one is refused by
// it as newer.
func TestKeepingADraftRaisesTheSchema(t *testing.T) {
	s := openTemp(t)
	setMeta(t, s.Path(), "schema", strconv.Itoa(schemaCounted))
	d := draftOf(t, nhsPatient)
	if err := s.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	if v := schemaOf(t, s.Path()); v != strconv.Itoa(schemaSummedDrafts) || schemaSummedDrafts <= schemaCounted {
		t.Errorf("schema %q after a draft was kept, want %d, above the %d of the digicheck before", v, schemaSummedDrafts, schemaCounted)
	}
}
