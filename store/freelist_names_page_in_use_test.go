package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"digicheck/record"
)

// freeListStore is a store of a few hundred records on many pages, some of
// them freed by later saves, with an assessment to amend, one to void and
// a draft to keep: what a busy week leaves.
type freeListStore struct {
	s            *Store
	ids          []record.ID
	amend, voidr record.Record
	draft        Draft
}

// synth is an assessment of patient marked synthetic, as every record of
// a store filled by synthetic must be.
func synth(t *testing.T, patient string) record.Record {
	r := assessed(t, patient)
	r.Synthetic = true
	return r
}

func makeFreeListStore(t *testing.T) freeListStore {
	t.Helper()
	s := openTemp(t)
	r := synth(t, nhsPatient)
	var ids []record.ID
	for range 6 {
		rs := make([]record.Record, 50)
		for i := range rs {
			rs[i] = r
			rs[i].ID = record.ID(uuid.Must(uuid.NewV7()))
			ids = append(ids, rs[i].ID)
		}
		if err := s.SaveSynthetic(rs); err != nil {
			t.Fatal(err)
		}
	}
	old := synth(t, nhsPatient)
	old.Time = time.Now().Add(-24 * time.Hour).UTC()
	amend := save(t, s, old)
	voidr := save(t, s, synth(t, localPatient))
	ids = append(ids, amend.ID, voidr.ID)
	d := draftOf(t, nhsPatient)
	if err := s.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	return freeListStore{s: s, ids: ids, amend: amend, voidr: voidr, draft: d}
}

// freeListOf is the newest meta page of the file at path, the ids its
// free list names and where each lies in the file, read as bbolt lays
// them out.
func freeListOf(t *testing.T, path string) (m boltMeta, ids []uint64, offs []int64) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if m, err = chooseMeta(f, newestTx(t, f)); err != nil {
		t.Fatal(err)
	}
	ps := int64(m.pageSize)
	hdr := make([]byte, 24)
	if _, err := f.ReadAt(hdr, int64(m.freelist)*ps); err != nil {
		t.Fatal(err)
	}
	le := binary.LittleEndian
	count, at := int64(le.Uint16(hdr[10:])), int64(16)
	if count == 0xFFFF {
		count, at = int64(le.Uint64(hdr[16:])), 24
	}
	buf := make([]byte, 8*count)
	if _, err := f.ReadAt(buf, int64(m.freelist)*ps+at); err != nil {
		t.Fatal(err)
	}
	for i := range count {
		ids = append(ids, le.Uint64(buf[8*i:]))
		offs = append(offs, int64(m.freelist)*ps+at+8*i)
	}
	return m, ids, offs
}

// pageKind is what page id of a sound store is: bbolt leaves no page
// both unused and unlisted, so a page below the page count that is not
// free (nor a meta page) is in use; a leaf by its own header.
func pageKind(t *testing.T, path string, m boltMeta, free []uint64, id uint64) string {
	t.Helper()
	switch {
	case id < 2:
		return "meta"
	case id >= m.hwm:
		return "past the end"
	}
	for _, f := range free {
		if f == id {
			return "free already"
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if binary.LittleEndian.Uint16(b[int64(id)*int64(m.pageSize)+8:]) == flagLeaf {
		return "in use (leaf)"
	}
	return "in use"
}

func putID(t *testing.T, path string, off int64, id uint64) {
	t.Helper()
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], id)
	overwrite(t, path, off, b[:])
}

// The fault found: a bit of a free-list entry flipped (free page 103 read
// as 71, a leaf of three patients' assessments), and the next save let
// bbolt write its new page over the leaf, saying it had saved. Every write
// now refuses such a store before anything is written, in words that say
// why and what to run; reads go on, and check still says what it did.
func TestAFreeListEntryFlippedOntoALeafInUseStopsEveryWrite(t *testing.T) {
	fs := makeFreeListStore(t)
	path := fs.s.Path()
	m, free, offs := freeListOf(t, path)
	// One bit of one entry, landing on a leaf in use.
	at, target := -1, uint64(0)
	for i, id := range free {
		for bit := range 16 {
			if to := id ^ 1<<bit; pageKind(t, path, m, free, to) == "in use (leaf)" {
				at, target = i, to
				break
			}
		}
		if at >= 0 {
			break
		}
	}
	if at < 0 {
		t.Fatalf("no free-list entry (of %d) is one bit from a leaf in use", len(free))
	}
	putID(t, path, offs[at], target)
	before := fingerprint(t, path)

	amended := fs.amend
	amended.Amends = fs.amend.ID
	amended.Clinician = "Dr B. Mensah"
	writes := []struct {
		name string
		do   func(s *Store) error
	}{
		{"save", func(s *Store) error { r := synth(t, nhsPatient); return s.Save(&r) }},
		{"amend", func(s *Store) error { r := amended; return s.Amend(&r) }},
		{"void", func(s *Store) error {
			_, err := s.Void(fs.voidr.ID, Voiding{Reason: "entered for the wrong patient", Clinician: "x"})
			return err
		}},
		{"keep a draft", func(s *Store) error { d := fs.draft; return s.SaveDraft(&d) }},
		{"synthetic", func(s *Store) error {
			r := synth(t, nhsPatient)
			r.ID = record.ID(uuid.Must(uuid.NewV7()))
			return s.SaveSynthetic([]record.Record{r})
		}},
	}
	for _, w := range writes {
		// A new window each time, with no note beside the store: the
		// write itself must find the damage.
		if err := os.Remove(DamageNote(path)); err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		s, err := Open(path, Options{Timeout: 200 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		err = w.do(s)
		if !errors.Is(err, ErrDamaged) {
			t.Errorf("%s with a free list naming page %d, in use: %v; want it refused as damage", w.name, target, err)
			continue
		}
		for _, want := range []string{"written over", "digicheck check", fmt.Sprintf("page %d is in the freelist and in use", target)} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s refused in words without %q: %v", w.name, want, err)
			}
		}
		if fingerprint(t, path) != before {
			t.Fatalf("%s wrote to the store", w.name)
		}
		if _, err := os.Stat(DamageNote(path)); err != nil {
			t.Errorf("%s left no damage note: %v", w.name, err)
		}
	}

	s, err := Open(path, Options{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range fs.ids {
		if _, err := s.Get(id); err != nil {
			t.Fatalf("reading %s after the refusals: %v", id, err)
		}
	}
	rep, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(rep.Problems, "\n"), fmt.Sprintf("page %d is in the freelist and in use", target)) {
		t.Errorf("check's problems = %q; want page %d named in the freelist and in use", rep.Problems, target)
	}
}

// Each bit of a free-list entry, flipped: bbolt would give the page it
// then names to the next save. Where that page is in use (a leaf, a
// branch, the free list itself) the save would write over it; a meta page,
// a page past the end, or one free already (given out twice) would be
// written over too, or written where nothing reads it. A page neither in
// use nor listed would harm nothing, and a save must go ahead: a sound
// store has none, but the table says it. Every flip is a fresh copy.
func TestEachFlippedBitOfAFreeListEntryIsRefusedWhereTheSaveWouldWriteOverAPage(t *testing.T) {
	fs := makeFreeListStore(t)
	pristine, err := os.ReadFile(fs.s.Path())
	if err != nil {
		t.Fatal(err)
	}
	m, free, offs := freeListOf(t, fs.s.Path())
	if len(free) == 0 {
		t.Fatal("no free pages")
	}
	entry := len(free) / 2
	refuse := map[string]bool{"meta": true, "past the end": true, "free already": true, "in use": true, "in use (leaf)": true}
	kinds := map[string]int{}
	for bit := range 20 {
		to := free[entry] ^ 1<<bit
		kind := pageKind(t, fs.s.Path(), m, free, to)
		kinds[kind]++
		path := fmt.Sprintf("%s/bit%d.db", t.TempDir(), bit)
		if err := os.WriteFile(path, pristine, 0o600); err != nil {
			t.Fatal(err)
		}
		putID(t, path, offs[entry], to)
		before := fingerprint(t, path)
		s, err := Open(path, Options{Timeout: 200 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		r := synth(t, nhsPatient)
		err = s.Save(&r)
		switch {
		case refuse[kind] && !errors.Is(err, ErrDamaged):
			t.Errorf("bit %d: free page %d read as %d (%s): save = %v; want refused", bit, free[entry], to, kind, err)
		case refuse[kind] && fingerprint(t, path) != before:
			t.Errorf("bit %d: free page %d read as %d (%s): refused, but the store was written", bit, free[entry], to, kind)
		case !refuse[kind] && err != nil:
			t.Errorf("bit %d: free page %d read as %d (%s): save = %v; want it saved", bit, free[entry], to, kind, err)
		}
		if strings.HasPrefix(kind, "in use") && err != nil && !strings.Contains(err.Error(), "written over") {
			t.Errorf("bit %d: page %d in use: refused in words that do not say why: %v", bit, to, err)
		}
	}
	t.Logf("where the flips land: %v", kinds)
	if kinds["in use"]+kinds["in use (leaf)"] == 0 {
		t.Errorf("no flip landed on a page in use (%v): the table tests nothing new", kinds)
	}
	// The same store unflipped saves.
	r := synth(t, nhsPatient)
	if err := fs.s.Save(&r); err != nil {
		t.Errorf("save to the sound store: %v", err)
	}
}

// flipOntoInUse makes the free list of the file at path name a leaf in
// use, one entry changed, and says which.
func flipOntoInUse(t *testing.T, path string) uint64 {
	t.Helper()
	m, free, offs := freeListOf(t, path)
	for i, id := range free {
		for bit := range 16 {
			if to := id ^ 1<<bit; pageKind(t, path, m, free, to) == "in use (leaf)" {
				putID(t, path, offs[i], to)
				return to
			}
		}
	}
	t.Fatalf("no free-list entry (of %d) is one bit from a leaf in use", len(free))
	return 0
}

// The walk of every tree that proves a free list is made once a process,
// and remembered for the free list it proved; a save of the same process
// after its own finds its seal and walks nothing. The seal does not
// outlive what it proved: a flip in the free list after it, or a write by
// another program in between, is walked again and refused.
func TestTheRememberedFreeListIsWalkedAgainAfterAFlipOrAnotherWriter(t *testing.T) {
	t.Run("later saves of the process walk nothing", func(t *testing.T) {
		fs := makeFreeListStore(t)
		unsealFree(fs.s.Path())
		n := freeWalks.Load()
		for i := range 3 {
			r := synth(t, nhsPatient)
			if err := fs.s.Save(&r); err != nil {
				t.Fatal(err)
			}
			if got := freeWalks.Load() - n; got != 1 {
				t.Errorf("after %d saves, %d walks; want the first save's only", i+1, got)
			}
		}
		// Another window of the same process: the seal is the file's.
		other, err := Open(fs.s.Path(), Options{Timeout: 200 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		r := synth(t, nhsPatient)
		if err := other.Save(&r); err != nil {
			t.Fatal(err)
		}
		if got := freeWalks.Load() - n; got != 1 {
			t.Errorf("another window's save walked again (%d walks)", got)
		}
	})
	t.Run("a flip after the seal", func(t *testing.T) {
		fs := makeFreeListStore(t)
		r := synth(t, nhsPatient)
		if err := fs.s.Save(&r); err != nil { // sealed now
			t.Fatal(err)
		}
		target := flipOntoInUse(t, fs.s.Path())
		before := fingerprint(t, fs.s.Path())
		r = synth(t, nhsPatient)
		if err := fs.s.Save(&r); !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), fmt.Sprintf("page %d is in the freelist and in use", target)) {
			t.Errorf("save after page %d was flipped into the free list = %v; want refused, naming it", target, err)
		}
		if fingerprint(t, fs.s.Path()) != before {
			t.Error("the store was written")
		}
	})
	t.Run("another program writes in between", func(t *testing.T) {
		fs := makeFreeListStore(t)
		path := fs.s.Path()
		r := synth(t, nhsPatient)
		if err := fs.s.Save(&r); err != nil { // sealed now
			t.Fatal(err)
		}
		// Another program's bbolt commits a transaction of its own (a
		// new free list, unsealed), and then a bit of it flips.
		db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		err = db.Update(func(tx *bolt.Tx) error {
			return tx.Bucket(bucketMeta).Put([]byte("elsewhere"), []byte("x"))
		})
		if cerr := db.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			t.Fatal(err)
		}
		target := flipOntoInUse(t, path)
		before := fingerprint(t, path)
		n := freeWalks.Load()
		r = synth(t, nhsPatient)
		if err := fs.s.Save(&r); !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), fmt.Sprintf("page %d is in the freelist and in use", target)) {
			t.Errorf("save after another program's write and a flip onto page %d = %v; want refused, naming it", target, err)
		}
		if freeWalks.Load() == n {
			t.Error("the save after another program's write did not walk")
		}
		if fingerprint(t, path) != before {
			t.Error("the store was written")
		}
	})
}
