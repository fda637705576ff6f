package store

import (
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
)

// garbleDraftsRoot overwrites the root page of the drafts bucket, which
// must be a page of its own, with random bytes whose kind is no page kind
// bbolt knows (0xd808, as a dd from /dev/urandom left it).
func garbleDraftsRoot(t *testing.T, s *Store) {
	t.Helper()
	var root, size int64
	if err := s.view(func(tx *bolt.Tx) error {
		root, size = int64(tx.Bucket(bucketDrafts).Root()), int64(tx.DB().Info().PageSize)
		return nil
	}); err != nil || root == 0 {
		t.Fatalf("the drafts have no page of their own (%v)", err)
	}
	page := make([]byte, size)
	r := rand.New(rand.NewPCG(12, 12))
	for i := range page {
		page[i] = byte(r.Uint32())
	}
	binary.LittleEndian.PutUint16(page[8:], 0xd808)
	f, err := os.OpenFile(s.Path(), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(page, root*size); err != nil {
		t.Fatal(err)
	}
}

// Damaged stores: random bytes over the one page that held a store's two
// drafts (its kind no page kind at all) lost both drafts without a word:
// check passed with "Drafts: 0", no note was left, and the store went on
// saving. A page of no valid kind is damage wherever it lies: check fails
// naming it, and the drafts it held are said lost, as for other damage
// to the pages of drafts that sets nothing aside.
func TestRandomBytesOverTheDraftsRootPageAreDamageThatCheckNames(t *testing.T) {
	s := openTemp(t)
	for range 3 {
		save(t, s, assessed(t, nhsPatient))
	}
	// Two drafts with every answer given: too big to be kept inline in
	// the root page, so on a page of their own.
	for i := range 2 {
		d := draftOf(t, nhsNumberFor(i))
		d.Answers = testkit.Full(nil)
		if err := s.SaveDraft(&d); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.ReleaseDrafts(); err != nil {
		t.Fatal(err)
	}
	garbleDraftsRoot(t, s)

	s2, err := Open(s.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := s2.Check()
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK() {
		t.Fatalf("check passes a store whose drafts' page is random bytes:\n%s", rep)
	}
	text := rep.String()
	for _, w := range []string{"unfinished assessments kept as drafts", "is lost from this store", "enter that assessment again"} {
		if !strings.Contains(text, w) {
			t.Errorf("check does not say %q of the drafts lost:\n%s", w, text)
		}
	}
	if _, err := os.Stat(DamageNote(s.Path())); err != nil {
		t.Errorf("check left no damage note: %v", err)
	}
	if _, err := s2.ListDrafts(0); err == nil || !(errors.Is(err, ErrDamaged) || errors.Is(err, ErrDraftDamaged)) {
		t.Errorf("ListDrafts on the store = %v; want the damage said", err)
	}
}
