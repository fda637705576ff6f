package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store/facts"
)

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)) }

// damagedWritten runs on a copy of a store holding b what the commands
// run: Open; the drafts list; Check; then a save and a draft write. It reports a failure: a file Open refused that
// changed, or a write that succeeded, or changed the file, after Open or
// Check found the store damaged. Every step must also return: a crash or
// a hang fails the test run itself.
func damagedWritten(t testing.TB, dir string, i int, b []byte) bool {
	t.Helper()
	path := filepath.Join(dir, fmt.Sprintf("s%d.db", i))
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(DamageNote(path))
	defer os.Remove(path)
	before := fingerprint(t, path)
	s, err := Open(path, Options{Timeout: 200 * time.Millisecond})
	if err != nil {
		return fingerprint(t, path) != before
	}
	_, _ = s.ListDrafts(7 * 24 * time.Hour)
	rep, err := s.Check()
	damaged := err != nil || !rep.OK()
	if !damaged {
		return false
	}
	before = fingerprint(t, path)
	n := record.Record{Patient: record.PatientID{Kind: record.LocalID, Value: "RXH-1"}}
	serr := s.Save(&n)
	derr := s.SaveDraft(&Draft{Draft: assess.Draft{Clinician: "x"}})
	return serr == nil || derr == nil || fingerprint(t, path) != before
}

var (
	smallStoreOnce  sync.Once
	smallStoreBytes []byte
)

// smallStorePath is a real store with a few records of both kinds of
// patient, an amendment, a void and a draft: the bytes the fuzz targets
// damage. It is kept, not made afresh, so that a damaged input found once
// fails the same way again (a new store has new ids and times, and the
// same offsets would land elsewhere). DIGICHECK_NEW_SMALL_STORE=1 makes it
// again.
const smallStorePath = "testdata/small.db"

func smallStore(tb testing.TB) []byte {
	smallStoreOnce.Do(func() {
		if os.Getenv("DIGICHECK_NEW_SMALL_STORE") == "" {
			b, err := os.ReadFile(smallStorePath)
			if err == nil {
				smallStoreBytes = b
				return
			}
		}
		dir, err := os.MkdirTemp("", "digicheck-fuzz-*")
		if err != nil {
			tb.Fatal(err)
		}
		defer os.RemoveAll(dir)
		s, err := Open(filepath.Join(dir, "s.db"), Options{})
		if err != nil {
			tb.Fatal(err)
		}
		var first record.Record
		for i := range 4 {
			r := assessed(tb, nhsPatient)
			if i%2 == 1 {
				r = assessed(tb, localPatient)
			}
			r = save(tb, s, r)
			if i == 0 {
				first = r
			}
		}
		a := first
		a.Amends, a.AmendReason = first.ID, "typo"
		if err := s.Amend(&a); err != nil {
			tb.Fatal(err)
		}
		if _, err := s.Void(a.ID, Voiding{Reason: "wrong patient", Clinician: "x"}); err != nil {
			tb.Fatal(err)
		}
		if err := s.SaveDraft(&Draft{Draft: assess.Draft{Clinician: "Nurse Q", Answers: testkit.Full(nil)}}); err != nil {
			tb.Fatal(err)
		}
		smallStoreBytes, err = os.ReadFile(s.Path())
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(smallStorePath, smallStoreBytes, 0o600); err != nil {
			tb.Fatal(err)
		}
	})
	return bytes.Clone(smallStoreBytes)
}

// applyDamage reads damage as a list of (4-byte offset, 1-byte xor mask)
// pairs and applies each to b, offsets taken modulo its length.
func applyDamage(b, damage []byte) {
	for len(damage) >= 5 {
		off := int(binary.LittleEndian.Uint32(damage) % uint32(len(b)))
		b[off] ^= damage[4]
		damage = damage[5:]
	}
}

func damageSeeds(f *testing.F) {
	b := smallStore(f)
	ps := 4096
	if ms := metas(bytes.NewReader(b)); len(ms) > 0 {
		ps = int(ms[0].pageSize)
	}
	pair := func(off int, mask byte) []byte {
		var p [5]byte
		binary.LittleEndian.PutUint32(p[:], uint32(off))
		p[4] = mask
		return p[:]
	}
	f.Add([]byte{})                                           // the store as it is
	f.Add(pair(2*ps+15, 0x20))                                // 0x00 -> 0x20 in a page header's overflow count
	f.Add(pair(2*ps+8, 0x03))                                 // a page's kind
	f.Add(pair(3*ps+10, 0x40))                                // a page's element count
	f.Add(pair(ps+16+56, 0x01))                               // a meta page's high water mark
	f.Add(append(pair(16+32, 0x01), pair(ps+16+32, 0x01)...)) // both meta pages' root
	rng := newRand(7)
	for range 8 {
		var d []byte
		for range 16 {
			d = append(d, pair(rng.IntN(len(b)), byte(1)<<rng.IntN(8))...)
		}
		f.Add(d)
	}
}

// FuzzOpenDamagedStore: a store file damaged anywhere (bytes flipped in
// its pages) is opened, its drafts listed (what every assessment does
// first) and checked; a store check finds sound is then read as show,
// history, summary and export read it. Each must return, with a result or
// an error, never crash or hang, and a file Open refuses is left untouched.
//
// Reads of a damaged store that check has not seen are not part of it:
// bbolt follows the page ids and lengths it finds, and a damaged one deep
// in a bucket can send it outside its map (see the report of issue 14).
//
//	go test -run x -fuzz FuzzOpenDamagedStore -fuzztime 60s ./store/
func FuzzOpenDamagedStore(f *testing.F) {
	damageSeeds(f)
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, damage []byte) {
		b := smallStore(t)
		applyDamage(b, damage)
		path := filepath.Join(dir, "open.db")
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		defer os.Remove(DamageNote(path))
		before := fingerprint(t, path)
		s, err := Open(path, Options{Timeout: 200 * time.Millisecond})
		if err != nil {
			if fingerprint(t, path) != before {
				t.Fatalf("a refused file was changed: %v", err)
			}
			return
		}
		_, _ = s.ListDrafts(time.Hour)
		if rep, err := s.Check(); err != nil || !rep.OK() {
			return
		}
		for _, p := range []string{nhsPatient, localPatient} {
			id, _ := record.ParsePatientID(p)
			rs, _ := s.History(id)
			for _, r := range rs {
				_, _ = s.Get(r.ID)
				_, _ = s.Versions(r.ID)
				_, _ = s.Current(r.ID)
			}
			_, _ = s.Latest(id)
		}
		_ = s.Each(func(record.Record) error { return nil }, nil)
		_ = eachFact(s, func([]byte, facts.View, *facts.Names) error { return nil })
	})
}

// FuzzCheckDamagedStore: check, the command run when damage is suspected,
// finishes with a verdict on any damaged copy of a store, and a store it
// (or Open) finds damaged is never written afterwards.
//
//	go test -run x -fuzz FuzzCheckDamagedStore -fuzztime 60s ./store/
func FuzzCheckDamagedStore(f *testing.F) {
	damageSeeds(f)
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, damage []byte) {
		b := smallStore(t)
		applyDamage(b, damage)
		if damagedWritten(t, dir, 0, b) {
			t.Fatal("a store found damaged was written to")
		}
	})
}
