package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// amendedStore is a store holding an assessment, its amendment and, of
// another patient, an assessment and its void: two links between
// versions, each with its check. It returns the path and the ids of the
// amendment and the void (the links' keys).
func amendedStore(t *testing.T) (path string, keys [][]byte) {
	t.Helper()
	s := openTemp(t)
	a := save(t, s, assessed(t, nhsPatient))
	a2 := amend(t, s, a)
	b := save(t, s, assessed(t, localPatient))
	vb := void(t, s, b.ID)
	for _, id := range []record.ID{a2.ID, vb.ID} {
		keys = append(keys, bytes.Clone(id[:]))
	}
	if rep, err := s.Check(); err != nil || !rep.OK() {
		t.Fatalf("the sound store: %v\n%s", err, rep)
	}
	return s.Path(), keys
}

// linksRead is what FactLinks and check make of a copy of the store at
// path, with tamper done to it.
func linksRead(t *testing.T, path string, tamper func(tx *bolt.Tx) error) (read error, checked Report) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(t.TempDir(), "tampered.db")
	if err := os.WriteFile(copyPath, b, 0o600); err != nil {
		t.Fatal(err)
	}
	testkit.Tamper(t, copyPath, tamper)
	s, err := Open(copyPath, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, read = s.FactLinks()
	rep, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	return read, rep
}

// Damaged stores: one bit flipped in the key under which a link's check
// is kept (factMeta, "link\x00" and the link's key) would make the link
// read as one an earlier build wrote, without a check, and a second
// flipped bit in its value would then be counted by summary. A check
// lost, moved to a key of no link, or taken out of the checks altogether
// (a bit of its prefix flipped), is a finding for summary and check;
// links an earlier build wrote, without any check or count, read as
// before.
func TestALinkThatLostItsCheckIsNotReadAsAnEarlierBuilds(t *testing.T) {
	t.Parallel()
	path, keys := amendedStore(t)
	meta := func(tx *bolt.Tx) *bolt.Bucket { return tx.Bucket(bucketFactMeta) }
	move := func(k []byte, to func([]byte) []byte) func(tx *bolt.Tx) error {
		return func(tx *bolt.Tx) error {
			ck := linkCheckKey(k)
			v := bytes.Clone(meta(tx).Get(ck))
			if v == nil {
				return fmt.Errorf("no check of the link of %x", k)
			}
			if err := meta(tx).Delete(ck); err != nil {
				return err
			}
			if nk := to(bytes.Clone(ck)); nk != nil {
				return meta(tx).Put(nk, v)
			}
			return nil
		}
	}
	for _, c := range []struct {
		what   string
		tamper func(tx *bolt.Tx) error
		fault  bool
	}{
		{"the first link's check lost", move(keys[0], func([]byte) []byte { return nil }), true},
		{"the last link's check lost", move(keys[1], func([]byte) []byte { return nil }), true},
		{"a bit of a check's key flipped in the link's id", move(keys[0], func(k []byte) []byte { k[len(k)-1] ^= 1; return k }), true},
		{"a bit of a check's key flipped in its prefix", move(keys[1], func(k []byte) []byte { k[0] ^= 4; return k }), true},
		{"the number of checks lost", func(tx *bolt.Tx) error { return meta(tx).Delete(keyLinkChecks) }, true},
		{"a bit of a link's key flipped", func(tx *bolt.Tx) error {
			lb := tx.Bucket(bucketFactLinks)
			v := bytes.Clone(lb.Get(keys[0]))
			nk := bytes.Clone(keys[0])
			nk[15] ^= 1
			if err := lb.Delete(keys[0]); err != nil {
				return err
			}
			return lb.Put(nk, v)
		}, true},
		{"every check and their number gone: an earlier build's store", func(tx *bolt.Tx) error {
			for _, k := range keys {
				if err := meta(tx).Delete(linkCheckKey(k)); err != nil {
					return err
				}
			}
			return meta(tx).Delete(keyLinkChecks)
		}, false},
	} {
		read, rep := linksRead(t, path, c.tamper)
		switch {
		case c.fault && !errors.Is(read, ErrDamaged):
			t.Errorf("%s: FactLinks = %v; want the links called damaged", c.what, read)
		case c.fault && rep.OK():
			t.Errorf("%s: check finds nothing:\n%s", c.what, rep)
		case !c.fault && (read != nil || !rep.OK()):
			t.Errorf("%s: FactLinks = %v, check:\n%s\nwant them read as before", c.what, read, rep)
		}
	}
}

// Every bit of a link's check, and of the number of links with one,
// flipped on its own, is a finding: a check that vouched for a damaged
// link, or a number moved past a lost check, would let a link pass.
func TestEveryBitOfALinksCheckFlippedIsFound(t *testing.T) {
	t.Parallel()
	path, keys := amendedStore(t)
	for _, key := range [][]byte{linkCheckKey(keys[0]), keyLinkChecks} {
		var v []byte
		_, _ = linksRead(t, path, func(tx *bolt.Tx) error {
			v = bytes.Clone(tx.Bucket(bucketFactMeta).Get(key))
			return nil
		})
		if len(v) == 0 {
			t.Fatalf("nothing kept under %q", key)
		}
		for bit := range 8 * len(v) {
			flipped := bytes.Clone(v)
			flipped[bit/8] ^= 1 << (bit % 8)
			read, rep := linksRead(t, path, func(tx *bolt.Tx) error { return tx.Bucket(bucketFactMeta).Put(key, flipped) })
			if !errors.Is(read, ErrDamaged) || rep.OK() {
				t.Errorf("bit %d of %q flipped (%x -> %x): FactLinks = %v, check OK %v; want both to find it", bit, key, v, flipped, read, rep.OK())
			}
		}
	}
}
