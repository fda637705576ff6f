package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// nhsNumberFor is a valid NHS number (its check digit right) made from i.
func nhsNumberFor(i int) string {
	for n := 900000000 + i*7; ; n++ {
		s := fmt.Sprintf("%09d", n)
		sum := 0
		for j := range 9 {
			sum += int(s[j]-'0') * (10 - j)
		}
		if c := 11 - sum%11; c != 10 {
			return s + fmt.Sprint(c%11)
		}
	}
}

// draftsOfPatients saves n sound drafts, each of its own patient, let go
// of, and returns them by id.
func draftsOfPatients(t *testing.T, s *Store, n int) map[record.ID]Draft {
	t.Helper()
	out := map[record.ID]Draft{}
	for i := range n {
		d := draftOf(t, nhsNumberFor(i))
		if err := s.SaveDraft(&d); err != nil {
			t.Fatal(err)
		}
		out[d.ID] = d
	}
	if err := s.ReleaseDrafts(); err != nil {
		t.Fatal(err)
	}
	return out
}

// zeroDraftsBranch zeroes the root page of the drafts bucket, which must
// be a branch page: the page that leads to every page of drafts.
func zeroDraftsBranch(t *testing.T, s *Store) {
	t.Helper()
	var root, size int64
	if err := s.view(func(tx *bolt.Tx) error {
		root, size = int64(tx.Bucket(bucketDrafts).Root()), int64(tx.DB().Info().PageSize)
		return nil
	}); err != nil || root == 0 {
		t.Fatalf("the drafts have no page of their own (%v)", err)
	}
	f, err := os.OpenFile(s.Path(), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	page := make([]byte, size)
	if _, err := f.ReadAt(page, root*size); err != nil {
		t.Fatal(err)
	}
	if page[8] != flagBranch || binary.LittleEndian.Uint16(page[10:]) < 2 {
		t.Fatalf("the drafts' root page %d is not a branch of several pages: save more drafts", root)
	}
	if _, err := f.WriteAt(make([]byte, size), root*size); err != nil {
		t.Fatal(err)
	}
}

// Damaged stores, fault 3: the page that leads to the drafts zeroed, the
// pages of drafts themselves sound. No draft was offered, check said
// "Drafts: 0", and nobody was told how many were lost or whose. Drafts are
// read from their own pages, as records are: every sound draft is
// offered, and check counts them. Since the damaged pages of drafts are
// set aside when nothing else is damaged (draftpages.go), the drafts read
// from them are kept in a bucket of their own: nothing is lost, so
// nothing is said, and check passes.
func TestSoundDraftsUnderADamagedDraftsBranchAreOffered(t *testing.T) {
	s := openTemp(t)
	for range 5 {
		save(t, s, assessed(t, nhsPatient))
	}
	want := draftsOfPatients(t, s, 40)
	zeroDraftsBranch(t, s)
	before := fingerprint(t, s.Path())

	s2, err := Open(s.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The start discards expired drafts first: a damaged store is
	// written no more, and that is no error of its own to say.
	if gone, err := s2.ExpireDrafts(time.Hour); err != nil || len(gone) != 0 {
		t.Errorf("ExpireDrafts = %d, %v; want nothing discarded, and no error", len(gone), err)
	}
	ls, err := s2.ListDrafts(0)
	if err != nil {
		t.Errorf("ListDrafts = %v; want every draft kept, and nothing to say", err)
	}
	got := listed(t, ls)
	for id, d := range want {
		if !got[id] {
			t.Errorf("sound draft %s of patient %s is not offered (%d of %d are)", id, d.Patient, len(got), len(want))
		}
	}
	for _, e := range ls {
		if w, ok := want[e.ID]; ok && e.Patient != w.Patient {
			t.Errorf("draft %s offered for patient %s; it was kept for %s", e.ID, e.Patient, w.Patient)
		}
	}
	if len(ls) != len(want) {
		t.Errorf("%d drafts offered; want the %d kept, each once", len(ls), len(want))
	}
	if fingerprint(t, s.Path()) == before {
		t.Errorf("the damaged pages of drafts were not set aside")
	}

	rep, err := s2.Check()
	if err != nil {
		t.Fatal(err)
	}
	if rep.Drafts != len(want) || !rep.OK() {
		t.Errorf("check counts %d drafts, OK %v; want the %d read from their own pages, kept, and the store passed:\n%s", rep.Drafts, rep.OK(), len(want), rep)
	}
}

// And a draft on such a page that cannot be read is named by its
// patient's number where that can be read, with what to do; the others
// are offered.
func TestADamagedDraftUnderADamagedDraftsBranchIsNamedByPatient(t *testing.T) {
	s := openTemp(t)
	want := draftsOfPatients(t, s, 40)
	var bad record.ID
	for id := range want {
		bad = id
		break
	}
	badPatient := want[bad].Patient
	testkit.Tamper(t, s.Path(), func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDrafts)
		v := append([]byte(nil), b.Get([]byte(bad.String()))...)
		// The answers' JSON broken, the patient's number intact.
		i := strings.Index(string(v), `"answers"`)
		v[i+len(`"answers"`)] = '!'
		return b.Put([]byte(bad.String()), v)
	})
	zeroDraftsBranch(t, s)
	s2, err := Open(s.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ls, err := s2.ListDrafts(0)
	if !errors.Is(err, ErrDraftDamaged) || errors.Is(err, ErrDamaged) {
		t.Errorf("ListDrafts = %v; want it to say the draft that cannot be read is set aside", err)
	}
	if got := listed(t, ls); got[bad] || len(got) != len(want)-1 {
		t.Errorf("%d drafts offered, the damaged one %v; want the %d sound ones only", len(got), got[bad], len(want)-1)
	}
	rep, err := s2.Check()
	if err != nil {
		t.Fatal(err)
	}
	text := rep.String()
	if !strings.Contains(text, badPatient.String()) {
		t.Errorf("check does not name the patient (%s) of the draft it could not read:\n%s", badPatient, text)
	}
	if !strings.Contains(text, "enter that assessment again") {
		t.Errorf("check does not say what to do about the draft it could not read:\n%s", text)
	}
}
