package store

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"slices"
	"testing"

	"digicheck/record"

	bolt "go.etcd.io/bbolt"
)

// The budget's anchor (DESIGN.md) is "a bare bbolt transaction writing the
// same bytes" as a save. What a save's transaction writes is not written
// down here by hand: it is read from the store, before and after one real
// save, so the bare transaction follows any change to what a save writes.

// boltWrite is one change a transaction made to a bbolt file: a key put
// (its value; a new nested bucket has none), deleted, or a bucket's
// sequence set, in the bucket reached by path from the root.
type boltWrite struct {
	path     [][]byte
	key, val []byte
	bucket   bool // key names a nested bucket made by the transaction
	del      bool
	seq      bool // a sequence set: key is nil, val unused
	sequence uint64
}

// writeSet is what one transaction wrote, read from the file.
type writeSet []boltWrite

// pairs and size count what a writeSet writes: each key put, bucket made,
// key deleted or sequence set; and the bytes of their keys and values (a
// sequence as its 8 bytes).
func (ws writeSet) pairs() int { return len(ws) }

func (ws writeSet) size() int {
	n := 0
	for _, w := range ws {
		n += len(w.key) + len(w.val)
		if w.seq {
			n += 8
		}
	}
	return n
}

// snapEntry is a key of a file as a snapshot holds it: its value's length
// and hash, not the value (a 100,000-record store's values are too many
// to copy), or that it names a bucket, with that bucket's sequence.
type snapEntry struct {
	n      int
	sum    uint64
	bucket bool
	seq    uint64
}

var snapSeed = maphash.MakeSeed()

// snapKey is a key with the path of buckets it lies in, as one string
// (each part with its length first).
func snapKey(path [][]byte, key []byte) string {
	var b []byte
	for _, p := range append(slices.Clip(path), key) {
		n := len(p)
		b = append(b, byte(n>>24), byte(n>>16), byte(n>>8), byte(n))
		b = append(b, p...)
	}
	return string(b)
}

// walkBuckets calls fn for every key of every bucket in tx, nested buckets
// included, in order, with the path of buckets it lies in; for a nested
// bucket, fn is called with b set before its keys are walked. The root's
// buckets are keys of the empty path.
func walkBuckets(tx *bolt.Tx, fn func(path [][]byte, k, v []byte, b *bolt.Bucket) error) error {
	var walk func(path [][]byte, b *bolt.Bucket) error
	walk = func(path [][]byte, b *bolt.Bucket) error {
		return b.ForEach(func(k, v []byte) error {
			if v != nil {
				return fn(path, k, v, nil)
			}
			nb := b.Bucket(k)
			if err := fn(path, k, nil, nb); err != nil {
				return err
			}
			return walk(append(slices.Clip(path), k), nb)
		})
	}
	return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
		if err := fn(nil, name, nil, b); err != nil {
			return err
		}
		return walk([][]byte{name}, b)
	})
}

func entryOf(v []byte, b *bolt.Bucket) snapEntry {
	if b != nil {
		return snapEntry{bucket: true, seq: b.Sequence()}
	}
	return snapEntry{n: len(v), sum: maphash.Bytes(snapSeed, v)}
}

// snapshot reads every key of the file under tx.
func snapshot(tx *bolt.Tx) map[string]snapEntry {
	m := map[string]snapEntry{}
	_ = walkBuckets(tx, func(path [][]byte, k, v []byte, b *bolt.Bucket) error {
		m[snapKey(path, k)] = entryOf(v, b)
		return nil
	})
	return m
}

// changes reads the file under tx against before, a snapshot of it: what
// was put, made and set since, in the file's order, then what was
// deleted (by the snapshot's keys, so without its path: a save deletes
// nothing on the benchmark's store).
func changes(tx *bolt.Tx, before map[string]snapEntry) writeSet {
	var ws writeSet
	seen := map[string]bool{}
	_ = walkBuckets(tx, func(path [][]byte, k, v []byte, b *bolt.Bucket) error {
		sk := snapKey(path, k)
		seen[sk] = true
		old, had := before[sk]
		now := entryOf(v, b)
		p := make([][]byte, len(path))
		for i := range path {
			p[i] = bytes.Clone(path[i])
		}
		switch {
		case b != nil && !had:
			ws = append(ws, boltWrite{path: p, key: bytes.Clone(k), bucket: true})
			if now.seq != 0 {
				ws = append(ws, boltWrite{path: append(p, bytes.Clone(k)), seq: true, sequence: now.seq})
			}
		case b != nil:
			if old.seq != now.seq {
				ws = append(ws, boltWrite{path: append(p, bytes.Clone(k)), seq: true, sequence: now.seq})
			}
		case !had || old != now:
			ws = append(ws, boltWrite{path: p, key: bytes.Clone(k), val: bytes.Clone(v)})
		}
		return nil
	})
	for sk := range before {
		if !seen[sk] {
			ws = append(ws, boltWrite{key: []byte(sk), del: true})
		}
	}
	return ws
}

// withID is ws with every mention of the record id saved, as text (the
// records' keys, the patient index's) or as its 16 bytes (the facts'),
// in keys, paths and values, made id: what a save of the same record
// under id writes, byte for byte the same length. Its sequences (the
// store's counts) are set nth on from where the save left them, so each
// of a run of bare transactions changes them, as each save does.
func (ws writeSet) withID(saved, id record.ID, nth uint64) writeSet {
	swap := func(b []byte) []byte {
		b = bytes.ReplaceAll(b, []byte(saved.String()), []byte(id.String()))
		return bytes.ReplaceAll(b, saved[:], id[:])
	}
	out := make(writeSet, len(ws))
	for i, w := range ws {
		w.path = slices.Clone(w.path)
		for j := range w.path {
			w.path[j] = swap(w.path[j])
		}
		w.key, w.val = swap(w.key), swap(w.val)
		if w.seq {
			w.sequence += nth
		}
		out[i] = w
	}
	return out
}

// inOrder names the buckets the store fills in key order (fillInOrder):
// the bare transactions and the copies fill them as the store does.
func inOrder(top []byte) bool {
	return bytes.Equal(top, bucketRecords) || bytes.Equal(top, bucketSums) || bytes.Equal(top, bucketFacts)
}

// bucketAt returns the bucket path names under tx, making what is missing.
func bucketAt(tx *bolt.Tx, path [][]byte) (*bolt.Bucket, error) {
	b, err := tx.CreateBucketIfNotExists(path[0])
	if err != nil {
		return nil, err
	}
	for _, p := range path[1:] {
		if b, err = b.CreateBucketIfNotExists(p); err != nil {
			return nil, err
		}
	}
	if inOrder(path[0]) {
		b.FillPercent = fillInOrder
	}
	return b, nil
}

// apply writes ws in tx.
func (ws writeSet) apply(tx *bolt.Tx) error {
	for _, w := range ws {
		switch {
		case w.del:
			continue // see changes; none on the benchmark's store
		case w.seq:
			b, err := bucketAt(tx, w.path)
			if err != nil {
				return err
			}
			if err := b.SetSequence(w.sequence); err != nil {
				return err
			}
		case len(w.path) == 0:
			if _, err := tx.CreateBucketIfNotExists(w.key); err != nil {
				return err
			}
		default:
			b, err := bucketAt(tx, w.path)
			if err != nil {
				return err
			}
			if w.bucket {
				_, err = b.CreateBucketIfNotExists(w.key)
			} else {
				err = b.Put(w.key, w.val)
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// captureSave saves r in s and returns what the save's transaction wrote,
// read from the file before and after.
func captureSave(tb testing.TB, s *Store, r *record.Record) writeSet {
	tb.Helper()
	var before map[string]snapEntry
	if err := s.view(func(tx *bolt.Tx) error { before = snapshot(tx); return nil }); err != nil {
		tb.Fatal(err)
	}
	if err := s.Save(r); err != nil {
		tb.Fatal(err)
	}
	var ws writeSet
	if err := s.view(func(tx *bolt.Tx) error { ws = changes(tx, before); return nil }); err != nil {
		tb.Fatal(err)
	}
	return ws
}

// captureBare is what fn's transaction wrote to db, read as captureSave
// reads a save's.
func captureBare(tb testing.TB, db *bolt.DB, fn func()) writeSet {
	tb.Helper()
	var before map[string]snapEntry
	if err := db.View(func(tx *bolt.Tx) error { before = snapshot(tx); return nil }); err != nil {
		tb.Fatal(err)
	}
	fn()
	var ws writeSet
	if err := db.View(func(tx *bolt.Tx) error { ws = changes(tx, before); return nil }); err != nil {
		tb.Fatal(err)
	}
	return ws
}

// copyInto copies every bucket, key and sequence of the store at from
// into the bbolt file db, in transactions of at most batch keys, so a
// bare database holds what the store holds, in the same nesting, filled
// in the same order.
func copyInto(tb testing.TB, from string, db *bolt.DB, batch int) {
	tb.Helper()
	src, err := bolt.Open(from, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		tb.Fatal(err)
	}
	defer src.Close()
	err = src.View(func(rtx *bolt.Tx) error {
		var pending writeSet
		flush := func() error {
			err := db.Update(pending.apply)
			pending = pending[:0]
			return err
		}
		err := walkBuckets(rtx, func(path [][]byte, k, v []byte, b *bolt.Bucket) error {
			// The values stay mapped for as long as rtx is open.
			p := slices.Clone(path)
			if b != nil {
				pending = append(pending, boltWrite{path: p, key: k, bucket: true})
				if b.Sequence() != 0 {
					pending = append(pending, boltWrite{path: append(slices.Clone(p), k), seq: true, sequence: b.Sequence()})
				}
			} else {
				pending = append(pending, boltWrite{path: p, key: k, val: v})
			}
			if len(pending) >= batch {
				return flush()
			}
			return nil
		})
		if err != nil {
			return err
		}
		return flush()
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// The bare transaction the budget is measured against writes at least what
// a save writes: as many keys and as many bytes, in the same buckets.
func TestTheBareTransactionOfTheSaveBudgetWritesEveryKeyAndByteASaveWrites(t *testing.T) {
	s := openTemp(t)
	r := assessed(t, nhsPatient)
	for range 3 {
		r.ID = record.ID{}
		save(t, s, r)
	}
	db := bareOpen(t, t.TempDir()+"/bare.db")
	defer db.Close()
	copyInto(t, s.Path(), db, 1000)
	r.ID = record.ID{}
	saved := captureSave(t, s, &r)
	if saved.pairs() < 4 {
		t.Fatalf("a save was read as writing %d changes; it writes at least the record, its index entry and their counts", saved.pairs())
	}
	fresh, err := record.NewID()
	if err != nil {
		t.Fatal(err)
	}
	bare := captureBare(t, db, func() { bareUpdate(t, db, saved.withID(r.ID, fresh, 0)) })

	if bare.pairs() < saved.pairs() || bare.size() < saved.size() {
		t.Errorf("the bare transaction writes %d keys and %d bytes; a save writes %d keys and %d bytes:\nsave:\n%s\nbare:\n%s",
			bare.pairs(), bare.size(), saved.pairs(), saved.size(), saved, bare)
	}
	// In the same buckets.
	where := func(ws writeSet) map[string]int {
		m := map[string]int{}
		for _, w := range ws {
			m[string(bytes.Join(w.path, []byte("/")))]++
		}
		return m
	}
	if sw, bw := where(saved), where(bare); !mapsEqual(sw, bw) {
		t.Errorf("a save writes in the buckets %v, the bare transaction in %v", sw, bw)
	}
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// String lists ws, one write a line, for a test's failure.
func (ws writeSet) String() string {
	var b bytes.Buffer
	for _, w := range ws {
		b.WriteString("  ")
		b.Write(bytes.Join(w.path, []byte("/")))
		switch {
		case w.seq:
			b.WriteString(" sequence")
		case w.del:
			b.WriteString(" delete")
		case w.bucket:
			fmt.Fprintf(&b, " bucket %q", w.key)
		default:
			fmt.Fprintf(&b, " %q (%d bytes)", w.key, len(w.val))
		}
		b.WriteByte('\n')
	}
	return b.String()
}
