package store

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// damagedDraftPages is a store of five records and forty drafts, each of
// its own patient, one of them (bad, of patient badPatient) with its
// answers' JSON broken, and the page that leads to every page of drafts
// zeroed: the pages of drafts are damaged, nothing else is. want are the
// sound drafts.
func damagedDraftPages(t *testing.T) (path string, want map[record.ID]Draft, bad record.ID, badPatient record.PatientID) {
	t.Helper()
	s := openTemp(t)
	for range 5 {
		save(t, s, assessed(t, nhsPatient))
	}
	want = draftsOfPatients(t, s, 40)
	for id := range want {
		bad = id
		break
	}
	badPatient = want[bad].Patient
	delete(want, bad)
	testkit.Tamper(t, s.Path(), func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDrafts)
		v := append([]byte(nil), b.Get([]byte(bad.String()))...)
		i := strings.Index(string(v), `"answers"`)
		v[i+len(`"answers"`)] = '!'
		return b.Put([]byte(bad.String()), v)
	})
	zeroDraftsBranch(t, s)
	return s.Path(), want, bad, badPatient
}

// Damaged stores, fault 1 of this round: damage to the pages that hold
// the drafts (the page that leads to them zeroed) made the whole store
// read-only: listing the drafts noted it damaged, every save, draft and
// backup was refused, and check failed, though every record was sound. A
// clinician offline could save no assessment at all. The damaged pages
// are now set aside, kept in the file as they are: the drafts read from
// their own pages are kept and offered, the one that cannot be read is
// named by its patient with what to do, and the store goes on saving
// assessments, drafts and backups; check passes, naming the draft under
// SET ASIDE, and check --discard-damaged-drafts wipes it.
func TestDamagedPagesOfDraftsAreSetAsideAndTheStoreGoesOnSaving(t *testing.T) {
	path, want, bad, badPatient := damagedDraftPages(t)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ls, err := s.ListDrafts(0)
	if errors.Is(err, ErrDamaged) || !errors.Is(err, ErrDraftDamaged) {
		t.Fatalf("ListDrafts = %v; want the draft that cannot be read set aside, not the store damaged", err)
	}
	for _, w := range []string{badPatient.String(), "enter that assessment again", "assessments are saved and backed up as before"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("ListDrafts does not say %q:\n%v", w, err)
		}
	}
	var dn *DraftsNotOffered
	if !errors.As(err, &dn) || dn.N != 1 || len(dn.Patients) != 1 || dn.Patients[0] != badPatient {
		t.Errorf("ListDrafts' error does not name the one draft not offered, of patient %s: %#v", badPatient, dn)
	}
	got := listed(t, ls)
	if len(ls) != len(want) || got[bad] {
		t.Errorf("%d drafts offered (the damaged one: %v); want the %d sound ones", len(ls), got[bad], len(want))
	}
	for id := range want {
		if !got[id] {
			t.Errorf("sound draft %s is not offered", id)
		}
	}
	if err := s.Refused(); err != nil {
		t.Fatalf("the store refuses writes: %v", err)
	}

	// A new assessment is saved, a new draft kept, and a sound draft
	// resumed and saved.
	save(t, s, assessed(t, nhsPatient))
	nd := draftOf(t, nhsNumberFor(77))
	if err := s.SaveDraft(&nd); err != nil {
		t.Fatalf("SaveDraft beside damaged pages of drafts: %v", err)
	}
	var resumed record.ID
	for id := range want {
		resumed = id
		break
	}
	d, err := s.ClaimDraft(resumed)
	if err != nil {
		t.Fatalf("ClaimDraft of a sound draft read from its own page: %v", err)
	}
	r := assessed(t, d.Patient.Value)
	r.ID = d.ID
	save(t, s, r)
	if _, err := os.Stat(DamageNote(path)); err == nil {
		t.Errorf("a damage note was left beside the store")
	}

	rep, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		t.Fatalf("check fails a store whose damaged pages of drafts are set aside:\n%s", rep)
	}
	if rep.Records != 7 {
		t.Errorf("check counts %d records; want 7:\n%s", rep.Records, rep)
	}
	if len(rep.SetAside) != 1 || !strings.Contains(rep.SetAside[0], badPatient.String()) {
		t.Errorf("check does not name the draft set aside, of patient %s:\n%s", badPatient, rep)
	}
	if rep.Drafts != len(want)+1 {
		t.Errorf("check counts %d drafts; want the %d kept and the one set aside:\n%s", rep.Drafts, len(want)+1, rep)
	}
	if _, _, err := s.Backup(t.TempDir(), BackupOptions{}); err != nil {
		t.Errorf("backup beside damaged pages of drafts set aside: %v", err)
	}

	// Another window, opened afresh, offers the same and names the same.
	s2, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ls, err = s2.ListDrafts(0)
	if !errors.Is(err, ErrDraftDamaged) || !strings.Contains(err.Error(), badPatient.String()) {
		t.Errorf("ListDrafts again = %v; want the draft set aside named", err)
	}
	if got := listed(t, ls); len(ls) != len(want) || got[resumed] || !got[nd.ID] {
		t.Errorf("%d drafts offered again; want the %d left and the new one", len(ls), len(want))
	}

	n, err := s2.DiscardDamagedDrafts()
	if err != nil || n != 1 {
		t.Fatalf("DiscardDamagedDrafts = %d, %v; want the one set aside", n, err)
	}
	if _, err := s2.ListDrafts(0); err != nil {
		t.Errorf("ListDrafts after the discard = %v; want nothing said", err)
	}
	rep, err = s2.Check()
	if err != nil || !rep.OK() || len(rep.SetAside) != 0 {
		t.Errorf("check after the discard = %v:\n%s", err, rep)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte(bad.String())) {
		t.Errorf("the discarded draft's bytes are still in the file")
	}
}

// And a check made before any write (a nightly check) failed the store
// and left its note, so no write could ever set the pages aside: it now
// passes, naming the draft that cannot be read, and the first save after
// it sets the pages aside and is written.
func TestACheckBeforeAnyWriteDoesNotMakeDamagedPagesOfDraftsStopSaves(t *testing.T) {
	path, want, _, badPatient := damagedDraftPages(t)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	before := fingerprint(t, path)
	rep, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || len(rep.SetAside) != 1 || !strings.Contains(rep.SetAside[0], badPatient.String()) {
		t.Fatalf("check of a store whose pages of drafts alone are damaged = OK %v, %d set aside; want it passed, the draft that cannot be read named:\n%s", rep.OK(), len(rep.SetAside), rep)
	}
	if rep.Drafts != len(want)+1 || rep.Records != 5 {
		t.Errorf("check counts %d drafts and %d records; want %d and 5:\n%s", rep.Drafts, rep.Records, len(want)+1, rep)
	}
	if fingerprint(t, path) != before {
		t.Errorf("check changed the store")
	}
	if _, err := os.Stat(DamageNote(path)); err == nil {
		t.Errorf("check left a damage note")
	}
	save(t, s, assessed(t, nhsPatient))
	ls, err := s.ListDrafts(0)
	if !errors.Is(err, ErrDraftDamaged) || len(ls) != len(want) {
		t.Errorf("ListDrafts after the save = %d, %v; want the %d sound drafts and the one set aside said", len(ls), err, len(want))
	}
}

// At the boundary: damaged pages of drafts beside any other damage (here
// the records' page zeroed) are damage of the store, as before: nothing
// is set aside, nothing written, and saves are refused.
func TestDamagedPagesOfDraftsBesideOtherDamageAreNotSetAside(t *testing.T) {
	path, _, _, _ := damagedDraftPages(t)
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var root, size int64
	_ = db.View(func(tx *bolt.Tx) error {
		root, size = int64(tx.Bucket(bucketRecords).Root()), int64(tx.DB().Info().PageSize)
		return nil
	})
	db.Close()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(make([]byte, size), root*size); err != nil {
		t.Fatal(err)
	}
	f.Close()
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	before := fingerprint(t, path)
	if _, err := s.ListDrafts(0); !errors.Is(err, ErrDamaged) {
		t.Errorf("ListDrafts = %v; want the store damaged", err)
	}
	r := assessed(t, nhsPatient)
	if err := s.Save(&r); !errors.Is(err, ErrDamaged) {
		t.Errorf("Save = %v; want it refused", err)
	}
	if fingerprint(t, path) != before {
		t.Errorf("the store was written")
	}
	os.Remove(DamageNote(path))
	if rep, err := s.Check(); err == nil && rep.OK() {
		t.Errorf("check passes a store whose records' page is zeroed:\n%s", rep)
	}
}
