package store

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"digicheck/record"
)

// A save's check of the patient index reads its pages as the file holds
// them (rawCursor) rather than through bbolt's map; it must gather the
// very entries bbolt's cursor gathers, for every patient and for numbers
// filed before, between and after them all, over trees of several levels,
// with entries of earlier builds (no check) among them.
func TestASavesIndexCheckReadFromTheFileGathersTheEntriesBboltsCursorGathers(t *testing.T) {
	s := openTemp(t)
	rng := rand.New(rand.NewPCG(15, 19))
	base := assessed(t, nhsPatient)
	base.Synthetic = true
	var rs []record.Record
	var pids []record.PatientID
	for p := range 120 {
		pid, err := record.ParsePatientID(fmt.Sprintf("RXH-%05d", 10*p+5))
		if err != nil {
			t.Fatal(err)
		}
		pids = append(pids, pid)
		n := rng.IntN(12)
		if p == 60 {
			n = 900 // a long history, over many leaves
		}
		for range n {
			r := base
			r.Patient = pid
			r.ID = record.ID(uuid.Must(uuid.NewV7()))
			rs = append(rs, r)
		}
	}
	rs = append(rs, func() []record.Record { // and the benchmark's patient
		out := make([]record.Record, 700)
		for i := range out {
			out[i] = base
			out[i].ID = record.ID(uuid.Must(uuid.NewV7()))
		}
		return out
	}()...)
	for i := 0; i < len(rs); i += 1000 {
		if err := s.SaveSynthetic(rs[i:min(i+1000, len(rs))]); err != nil {
			t.Fatal(err)
		}
	}
	// Some entries as an earlier build wrote them: no check.
	err := s.update(func(tx *bolt.Tx) error {
		pats := tx.Bucket(bucketPatients)
		var old [][]byte
		_ = pats.ForEach(func(k, _ []byte) error {
			if rng.IntN(7) == 0 {
				old = append(old, bytes.Clone(k))
			}
			return nil
		})
		for _, k := range old {
			if err := pats.Put(k, []byte{}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	var prefixes [][]byte
	for _, pid := range pids {
		prefixes = append(prefixes, patientPrefix(pid))
	}
	prefixes = append(prefixes, patientPrefix(base.Patient))
	for _, v := range []string{"RXH-00000", "RXH-00057", "RXH-00600", "RXH-00607", "RXH-99999", "AAA-1", "ZZZ-9"} {
		pid, err := record.ParsePatientID(v)
		if err != nil {
			t.Fatal(err)
		}
		prefixes = append(prefixes, patientPrefix(pid))
	}
	for _, kind := range []string{"", "a", "zzzz"} {
		prefixes = append(prefixes, []byte(kind+"\x00x\x00"))
	}

	err = s.runTx(false, nil, func(tx *bolt.Tx, at *txFile) error {
		pats := tx.Bucket(bucketPatients)
		if pats.Root() == 0 {
			t.Fatal("the patient index is inline: no tree to walk")
		}
		mapped := at.pages(tx)
		if _, ok := mapped.(mappedFile); !ok {
			t.Fatal("the transaction's pages are not bbolt's map")
		}
		depth := 0
		for _, p := range prefixes {
			for _, trust := range []bool{false, true} {
				want := gatherAround(pats.Cursor(), p, trust)
				for name, r := range map[string]io.ReaderAt{"the file": at.f, "the map": mapped} {
					c := rawCursor{m: at.meta, root: uint64(pats.Root()), read: func(uint64) io.ReaderAt { return r }}
					got := gatherAround(&c, p, trust)
					if c.bad {
						t.Fatalf("%q: the index's pages read from %s were taken for damaged", p, name)
					}
					if !slices.EqualFunc(got, want, bytes.Equal) {
						t.Errorf("%q (trust %v): read from %s, gathered\n%q\nwhere bbolt's cursor gathers\n%q", p, trust, name, got, want)
					}
					depth = max(depth, len(c.stack))
				}
			}
			// And as a save gathers them, the path to its entry through
			// the map, the rest from the file.
			id := record.ID(uuid.Must(uuid.NewV7()))
			pkey := append(bytes.Clone(p), id.String()...)
			got, ok := gatherFromFile(tx, at, pats, pkey, p)
			if want := gatherAround(pats.Cursor(), p, true); !ok || !slices.EqualFunc(got, want, bytes.Equal) {
				t.Errorf("%q: a save gathered (%v)\n%q\nwhere bbolt's cursor gathers\n%q", p, ok, got, want)
			}
		}
		if depth < 3 {
			t.Errorf("the index's tree was %d levels deep; the test wants at least 3", depth)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A page of the index that is not as bbolt wrote it is left to bbolt's
// cursor, whose reading the checks of a damaged index are made for: the
// file's reading gives up rather than read on.
func TestASavesIndexCheckReadFromTheFileGivesUpAtADamagedPage(t *testing.T) {
	s := openTemp(t)
	r := assessed(t, nhsPatient)
	r.Synthetic = true
	rs := make([]record.Record, 600)
	for i := range rs {
		rs[i] = r
		rs[i].ID = record.ID(uuid.Must(uuid.NewV7()))
	}
	if err := s.SaveSynthetic(rs); err != nil {
		t.Fatal(err)
	}
	err := s.runTx(false, nil, func(tx *bolt.Tx, at *txFile) error {
		pats := tx.Bucket(bucketPatients)
		ps := int64(at.meta.pageSize)
		root := uint64(pats.Root())
		// The first leaf, as the file holds it, with two keys swapped
		// in order (a flipped bit in a key's first byte).
		c := rawCursor{m: at.meta, root: root, read: func(uint64) io.ReaderAt { return at.f }}
		if k, _ := c.Seek(patientPrefix(r.Patient)); k == nil || c.bad {
			t.Fatal("no entry found")
		}
		leaf := c.stack[len(c.stack)-1]
		buf := make([]byte, ps)
		if _, err := at.f.ReadAt(buf, int64(leaf.id)*ps); err != nil {
			t.Fatal(err)
		}
		buf[leaf.es[1].start] ^= 0x80
		damagedFile := readerWith{at.f, int64(leaf.id) * ps, buf}
		d := rawCursor{m: at.meta, root: root, read: func(uint64) io.ReaderAt { return damagedFile }}
		gatherAround(&d, patientPrefix(r.Patient), false)
		if !d.bad {
			t.Error("a leaf with its keys out of order was read on")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// readerWith reads r with the bytes page in place at off.
type readerWith struct {
	r    io.ReaderAt
	off  int64
	page []byte
}

func (w readerWith) ReadAt(p []byte, off int64) (int, error) {
	n, err := w.r.ReadAt(p, off)
	for i := range p[:n] {
		if at := off + int64(i) - w.off; at >= 0 && at < int64(len(w.page)) {
			p[i] = w.page[at]
		}
	}
	return n, err
}
