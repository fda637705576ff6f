package store

import (
	"errors"
	"os"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// damageDraftBytes breaks the JSON of the stored draft id, its page
// sound, as a flipped bit in its value does.
func damageDraftBytes(t *testing.T, path string, id record.ID) {
	t.Helper()
	testkit.Tamper(t, path, func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDrafts)
		v := append([]byte(nil), b.Get([]byte(id.String()))...)
		v[0] = '['
		return b.Put([]byte(id.String()), v)
	})
}

// One draft whose bytes were damaged (its page sound) made the whole
// store read-only: listing the drafts as an assessment began noted the
// store damaged, every save and draft after it was refused, check failed
// and left the note, and backups were refused; the only remedy offered
// was a restore, which a community nurse offline cannot make. A damaged
// draft is set aside: named (by id, and patient where it says one), not
// offered, and nothing else stops; saves, drafts, check and backups go
// on, and DiscardDamagedDrafts removes it.
func TestADamagedDraftIsSetAsideAndSavesAndBackupsGoOn(t *testing.T) {
	s := openTemp(t)
	save(t, s, assessed(t, nhsPatient))
	ids := keptDrafts(t, s, 3)
	damageDraftBytes(t, s.Path(), ids[1])
	s2, err := Open(s.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ls, err := s2.ListDrafts(0)
	if !errors.Is(err, ErrDraftDamaged) || errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), ids[1].String()) {
		t.Errorf("ListDrafts with one draft's bytes damaged = %v; want it set aside (ErrDraftDamaged, not ErrDamaged) and named", err)
	}
	if got := listed(t, ls); len(got) != 2 || !got[ids[0]] || !got[ids[2]] {
		t.Errorf("drafts listed %v; want the two sound ones", got)
	}
	if err := s2.Refused(); err != nil {
		t.Fatalf("after the damaged draft was listed, writes are refused: %v", err)
	}
	r := assessed(t, nhsPatient)
	if err := s2.Save(&r); err != nil {
		t.Errorf("Save beside a damaged draft = %v; want it saved", err)
	}
	d := draftOf(t, nhsPatient)
	if err := s2.SaveDraft(&d); err != nil {
		t.Errorf("SaveDraft beside a damaged draft = %v; want it kept", err)
	}
	rep, err := s2.Check()
	if err != nil || !rep.OK() {
		t.Errorf("check beside a damaged draft = %v:\n%s\nwant it sound, the draft set aside", err, rep)
	}
	if len(rep.SetAside) != 1 || !strings.Contains(rep.SetAside[0], ids[1].String()) || !strings.Contains(rep.String(), "--discard-damaged-drafts") {
		t.Errorf("check's report does not name the draft set aside, and how to discard it:\n%s", rep)
	}
	if _, err := os.Stat(DamageNote(s.Path())); err == nil {
		t.Errorf("a damage note was left beside the store")
	}
	if _, rep, err := s2.Backup(t.TempDir(), BackupOptions{}); err != nil {
		t.Errorf("backup beside a damaged draft = %v:\n%s", err, rep)
	}
	n, err := s2.DiscardDamagedDrafts()
	if err != nil || n != 1 {
		t.Fatalf("DiscardDamagedDrafts = %d, %v; want the one discarded", n, err)
	}
	ls, err = s2.ListDrafts(0)
	if got := listed(t, ls); err != nil || len(got) != 3 || got[ids[1]] {
		t.Errorf("after the discard, ListDrafts = %v, %v; want the three sound drafts and no error", got, err)
	}
	if rep, err := s2.Check(); err != nil || !rep.OK() || len(rep.SetAside) != 0 {
		t.Errorf("check after the discard = %v:\n%s", err, rep)
	}
}
