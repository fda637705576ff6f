package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"digicheck/facts"
	"digicheck/record"
)

// Facts. Beside each record the store keeps its facts (package facts): the
// record reduced to numbers and short codes in a fixed layout, written by
// Save in the same transaction as the record, so the two never disagree. A
// summary or a flat export reads the facts bucket alone, a few dozen bytes
// per record, instead of decoding every record's JSON.
//
// The facts buckets are made by the first Save that needs them. A store
// that already held records then (made by an earlier digicheck) is marked
// pending until BackfillFacts has written facts for them all; meanwhile
// EachFact works the missing facts out from the records as it goes.
//
// The store also remembers whether it holds real or synthetic records, and
// refuses to mix them: generated test data in a real store would be
// counted as patients, and a real patient in a test store would be
// handled as test data.
var (
	bucketFacts     = []byte("facts")     // 16-byte record id -> facts.Encode
	bucketFactNames = []byte("factNames") // name -> its 4-byte number, numbered by the bucket's sequence
	bucketFactMeta  = []byte("factMeta")
	// bucketFactLinks indexes supersession for summaries: the id of each
	// record that amends or voids another (16 bytes) -> the id it
	// supersedes. A summary reads it first, a few bytes per amendment, and
	// then counts every fact in one pass.
	bucketFactLinks = []byte("factLinks")

	keyData    = []byte("data")    // dataReal or dataSynthetic
	keyPending = []byte("pending") // present while some records may have no facts

	dataReal      = []byte("real")
	dataSynthetic = []byte("synthetic")
)

// ErrMixedData is returned for a save that would put a synthetic record in
// a store of real ones, or a real record in a store of synthetic ones.
var ErrMixedData = errors.New("synthetic and real records mixed")

// maxFactBytes bounds one record's facts (a few dozen bytes, a few
// hundred with many referrals): a longer value is damage, refused before
// it is copied.
const maxFactBytes = 64 << 10

// Chunk sizes; variables so that tests can make them small.
var (
	// factChunk is how many facts EachFact reads in one read transaction:
	// about 8 MB, a few milliseconds, so a long summary holds the file for
	// moments at a time and a clinician's save never waits long.
	factChunk = 1 << 16
	// recordChunk is how many records a chunked read decodes in one read
	// transaction, and backfillChunk how many a backfill writes facts for
	// in one write transaction: tens of milliseconds each.
	recordChunk   = 1 << 10
	backfillChunk = 1 << 11
)

// putFacts writes r's facts inside the transaction that saves r. It runs
// after r is complete (its links checked and its Change filled in), and
// refuses a record facts cannot hold, which no valid assessment is, or one
// that would mix synthetic and real records.
func putFacts(tx *bolt.Tx, r *record.Record) error {
	f, err := facts.FromRecord(r)
	if err != nil {
		return &Error{ErrInvalidRecord, "cannot save the record: " + err.Error(), err}
	}
	fb, nb, mb, err := factBuckets(tx, recordKey(r.ID))
	if err != nil {
		return err
	}
	if err := checkData(mb, r, false); err != nil {
		return err
	}
	val, err := facts.Encode(nil, &f, interner(nb))
	if err != nil {
		return &Error{ErrInvalidRecord, "cannot save the record: " + err.Error(), err}
	}
	if err := putLink(tx, &f); err != nil {
		return err
	}
	return fb.Put(f.ID[:], val)
}

// putLink indexes the record f supersedes, if any. A store whose facts
// were made before links were kept has no links bucket until
// BackfillFacts builds it whole; until then nothing is added to it, so a
// links bucket is always complete.
func putLink(tx *bolt.Tx, f *facts.Fact) error {
	lb := tx.Bucket(bucketFactLinks)
	if f.Amends == uuid.Nil || lb == nil {
		return nil
	}
	return lb.Put(f.ID[:], f.Amends[:])
}

// linksMissing reports whether the store has facts but no links bucket.
func linksMissing(tx *bolt.Tx) bool {
	return tx.Bucket(bucketFacts) != nil && tx.Bucket(bucketFactLinks) == nil
}

// buildLinks makes the links bucket from the facts, in one transaction so
// that no amendment saved meanwhile is left out.
func (s *Store) buildLinks() error {
	return s.update(func(tx *bolt.Tx) error {
		if !linksMissing(tx) {
			return nil
		}
		lb, err := tx.CreateBucket(bucketFactLinks)
		if err != nil {
			return err
		}
		names := tx.Bucket(bucketFactNames)
		n := 0
		if names != nil {
			n = int(names.Sequence()) + 1
		}
		return tx.Bucket(bucketFacts).ForEach(func(k, v []byte) error {
			fv := facts.View(v)
			if len(k) != 16 || fv.Check(n) != nil {
				return damaged(s.path, fmt.Sprintf("the facts of record %x are unreadable", k), nil)
			}
			if a := fv.Amends(); a != uuid.Nil {
				return lb.Put(k, a[:])
			}
			return nil
		})
	})
}

// factBuckets returns the facts buckets, making them if this is the first
// record saved with facts. If the store already holds other records, they
// have none yet, and the store is marked pending until BackfillFacts runs.
func factBuckets(tx *bolt.Tx, self []byte) (fb, nb, mb *bolt.Bucket, err error) {
	if fb = tx.Bucket(bucketFacts); fb != nil {
		nb, mb = tx.Bucket(bucketFactNames), tx.Bucket(bucketFactMeta)
		if nb == nil || mb == nil {
			return nil, nil, nil, errors.New("store: a facts bucket is missing")
		}
		return fb, nb, mb, nil
	}
	for _, b := range []struct {
		dst  **bolt.Bucket
		name []byte
	}{{&fb, bucketFacts}, {&nb, bucketFactNames}, {&mb, bucketFactMeta}, {new(*bolt.Bucket), bucketFactLinks}} {
		if *b.dst, err = tx.CreateBucketIfNotExists(b.name); err != nil {
			return nil, nil, nil, err
		}
	}
	if othersThan(tx, self) {
		if err := mb.Put(keyPending, []byte{1}); err != nil {
			return nil, nil, nil, err
		}
	}
	return fb, nb, mb, nil
}

// othersThan reports whether the records bucket holds a record other than
// the one with key self.
func othersThan(tx *bolt.Tx, self []byte) bool {
	c := tx.Bucket(bucketRecords).Cursor()
	k, _ := c.First()
	if k != nil && !bytes.Equal(k, self) {
		return true
	}
	k, _ = c.Next()
	return k != nil
}

// checkData refuses a record of the other kind than the store's. The first
// record saved with facts decides the kind, except that a store which
// already held records (from before facts, and so before synthetic data
// could be made) is real; a backfill, which reads those records, lets the
// first of them decide (backfill true).
func checkData(mb *bolt.Bucket, r *record.Record, backfill bool) error {
	want := dataReal
	if r.Synthetic {
		want = dataSynthetic
	}
	have := mb.Get(keyData)
	if have == nil {
		have = want
		if mb.Get(keyPending) != nil && !backfill {
			have = dataReal
		}
		if err := mb.Put(keyData, have); err != nil {
			return err
		}
	}
	switch {
	case bytes.Equal(have, want):
		return nil
	case r.Synthetic:
		return &Error{ErrMixedData, "cannot save a synthetic record in a store of real assessments; use a new store (--db) for synthetic data", nil}
	}
	return &Error{ErrMixedData, "this store holds synthetic test data only; a real assessment cannot be saved in it: use your usual store (check --db and DIGICHECK_DB)", nil}
}

// interner numbers names in the names bucket, adding new ones.
func interner(nb *bolt.Bucket) func(string) (uint32, error) {
	return func(s string) (uint32, error) {
		if v := nb.Get([]byte(s)); v != nil {
			if len(v) != 4 {
				return 0, fmt.Errorf("store: name %q has a number of %d bytes", s, len(v))
			}
			return binary.LittleEndian.Uint32(v), nil
		}
		n, err := nb.NextSequence()
		if err != nil {
			return 0, err
		}
		if n > 1<<30-1 {
			return 0, errors.New("store: the table of names is full")
		}
		var v [4]byte
		binary.LittleEndian.PutUint32(v[:], uint32(n))
		return uint32(n), nb.Put([]byte(s), v[:])
	}
}

// loadNames adds to names the stored names it does not have yet. Names are
// only ever added, so the table read in an earlier transaction is a prefix
// of this one's.
func loadNames(nb *bolt.Bucket, names *facts.Names) error {
	seq := nb.Sequence()
	have := uint64(names.Len() - 1)
	if seq == have {
		return nil
	}
	if seq < have {
		return fmt.Errorf("the table of names shrank from %d to %d", have, seq)
	}
	// Every number up to the sequence names one entry, so a sequence
	// beyond the entries there are is damage, found before it sizes
	// anything.
	n := uint64(0)
	_ = nb.ForEach(func(_, _ []byte) error { n++; return nil })
	if seq > n {
		return fmt.Errorf("the table of names is numbered to %d but holds %d names", seq, n)
	}
	add := make([]string, seq-have)
	err := nb.ForEach(func(k, v []byte) error {
		if len(v) != 4 {
			return fmt.Errorf("name %q has a number of %d bytes", k, len(v))
		}
		n := uint64(binary.LittleEndian.Uint32(v))
		if n == 0 || n > seq {
			return fmt.Errorf("name %q numbered %d of %d", k, n, seq)
		}
		if n > have {
			add[n-have-1] = string(k)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i, s := range add {
		if err := names.Add(uint32(have)+uint32(i)+1, s); err != nil {
			return err
		}
	}
	return nil
}

// missingFrom says which records may have no facts: none (ok false), or
// those from key from on (nil for all). That is every record while the
// store is pending or has no facts yet, and otherwise any saved after the
// newest facts by a digicheck that kept none.
func missingFrom(tx *bolt.Tx) (from []byte, ok bool) {
	recs := tx.Bucket(bucketRecords)
	lastRec, _ := recs.Cursor().Last()
	if lastRec == nil {
		return nil, false
	}
	fb, mb := tx.Bucket(bucketFacts), tx.Bucket(bucketFactMeta)
	if fb == nil || mb == nil || mb.Get(keyPending) != nil {
		return nil, true
	}
	lastFact, _ := fb.Cursor().Last()
	if lastFact == nil {
		return nil, true
	}
	after := []byte(uuid.UUID(lastFact).String())
	if bytes.Compare(lastRec, after) <= 0 {
		return nil, false
	}
	return after, true
}

// factsChunk holds the facts read in one transaction, copied out of the
// file so that the caller's function runs after the transaction ends.
type factsChunk struct {
	ids  []byte // 16 bytes each
	vals []byte
	ends []span // where each value is in vals
}

type span struct{ start, end uint32 }

func (c *factsChunk) reset() { c.ids, c.vals, c.ends = c.ids[:0], c.vals[:0], c.ends[:0] }

// full reports whether the chunk has reached factChunk facts or about 8 MB.
func (c *factsChunk) full() bool { return len(c.ends) >= factChunk || len(c.vals) >= 8<<20 }

// add copies in one record's id and facts. The buffers double as they
// grow, and are kept from chunk to chunk: growing a few bytes at a time,
// as append does for large slices, costs more in fresh pages than the
// copying it saves.
func (c *factsChunk) add(id, val []byte) {
	c.ids = grow(c.ids, len(id))
	c.ids = append(c.ids, id...)
	c.vals = grow(c.vals, len(val))
	start := len(c.vals)
	c.vals = append(c.vals, val...)
	c.ends = append(c.ends, span{uint32(start), uint32(len(c.vals))})
}

func grow(b []byte, n int) []byte {
	if cap(b)-len(b) >= n {
		return b
	}
	nb := make([]byte, len(b), max(2*cap(b), len(b)+n, 1<<20))
	copy(nb, b)
	return nb
}

// FactChunk is the facts of a run of records, read in one transaction,
// as EachFactChunk hands them over: valid until its fn returns, and safe
// to read from several goroutines meanwhile.
type FactChunk struct {
	c     *factsChunk
	names *facts.Names
	s     *Store
}

// Len is the number of records.
func (c FactChunk) Len() int { return len(c.c.ends) }

// At is the i'th record's id (16 bytes) and facts, checked as they are
// handed out (facts.View.Check), so that a reader looks at each fact once:
// facts that fail are an ErrDamaged error.
func (c FactChunk) At(i int) (id []byte, v facts.View, err error) {
	sp := c.c.ends[i]
	id, v = c.c.ids[16*i:16*i+16:16*i+16], facts.View(c.c.vals[sp.start:sp.end:sp.end])
	if err := v.Check(c.names.Len()); err != nil {
		err = damaged(c.s.path, fmt.Sprintf("the facts of record %s are unreadable", uuid.UUID(id)), err)
		c.s.noteDamage(err) // a reader that skips them carries on, but nothing is written
		return id, v, err
	}
	return id, v, nil
}

// Unreadable names the i'th record, whose facts At found unreadable, and
// why, for a reader that leaves it out and says so.
func (c FactChunk) Unreadable(i int, err error) Unreadable {
	u := Unreadable{ID: uuid.UUID(c.c.ids[16*i : 16*i+16]).String(), Why: "its facts cannot be decoded"}
	if se := (*Error)(nil); errors.As(err, &se) && se.Cause != nil {
		u.Why += ": " + keyText([]byte(se.Cause.Error()))
	}
	return u
}

// Names is the table of names the facts refer to. It may be a longer
// table in a later chunk.
func (c FactChunk) Names() *facts.Names { return c.names }

// EachFact calls fn with each record of each chunk EachFactChunk reads, in
// the same order.
func (s *Store) EachFact(fn func(id []byte, v facts.View, names *facts.Names) error) error {
	return s.EachFactChunk(func(c FactChunk) error {
		for i := range c.Len() {
			id, v, err := c.At(i)
			if err != nil {
				return err
			}
			if err := fn(id, v, c.names); err != nil {
				return err
			}
		}
		return nil
	})
}

// EachFactChunk calls fn with the facts of every record, a chunk of
// records at a time: first those stored, in id order (the order the
// records were saved in), then, while a store made by an earlier digicheck
// has not been backfilled, the facts of records that have none, worked out
// from the records. Nothing in a chunk may be kept after fn returns, and
// the table of names may grow from chunk to chunk. EachFactChunk stops at
// the first error fn returns and returns it.
//
// The store is read in chunks, each in a short read-only transaction, and
// fn runs between transactions, never inside one: a summary of a million
// records never keeps a clinician's save waiting for more than a few
// milliseconds, however slow fn is. The next chunk is read while fn works.
// The price is that it does not see one frozen state of the store: a
// record saved while it runs may or may not be included. Records are never
// changed or removed, so nothing it has seen goes out of date.
func (s *Store) EachFactChunk(fn func(FactChunk) error) error {
	// The next chunk is read while fn works through the last: two
	// buffers go round between a reader and this goroutine.
	type chunk struct {
		buf   *factsChunk
		names *facts.Names
		more  bool
		err   error
	}
	var (
		from    []byte
		missing bool
	)
	free := make(chan *factsChunk, 2)
	free <- &factsChunk{}
	free <- &factsChunk{}
	chunks := make(chan chunk)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(chunks)
		names := facts.NewNames()
		var after []byte // the last key read
		first := true
		for {
			var buf *factsChunk
			select {
			case buf = <-free:
			case <-stop:
				return
			}
			buf.reset()
			more := false
			err := s.view(func(tx *bolt.Tx) error {
				if first {
					from, missing = missingFrom(tx)
					first = false
				}
				fb, nb := tx.Bucket(bucketFacts), tx.Bucket(bucketFactNames)
				if fb == nil {
					return nil
				}
				if nb == nil {
					return damaged(s.path, "the table of names of the facts is missing", nil)
				}
				if nb.Sequence() != uint64(names.Len()-1) {
					// The table grew: chunks already handed over keep
					// the one they were read with.
					names = names.Clone()
					if err := loadNames(nb, names); err != nil {
						return damaged(s.path, "facts: "+err.Error(), err)
					}
				}
				c := fb.Cursor()
				k, v := c.First()
				if after != nil {
					if k, v = c.Seek(after); bytes.Equal(k, after) {
						k, v = c.Next()
					}
				}
				for ; k != nil; k, v = c.Next() {
					if buf.full() {
						more = true
						break
					}
					if len(k) != 16 {
						return damaged(s.path, fmt.Sprintf("facts stored under a key of %d bytes", len(k)), nil)
					}
					if len(v) > maxFactBytes {
						return damaged(s.path, fmt.Sprintf("the facts of record %x are %d bytes long", k, len(v)), nil)
					}
					buf.add(k, v) // checked on the other side, as the next chunk is read
				}
				if n := len(buf.ends); n > 0 {
					after = append(after[:0], buf.ids[16*(n-1):]...)
				}
				return nil
			})
			select {
			case chunks <- chunk{buf, names, more, err}:
			case <-stop:
				return
			}
			if err != nil || !more {
				return
			}
		}
	}()
	defer func() {
		close(stop)
		<-done // the reader has closed the file
	}()

	var (
		names *facts.Names
		seen  []uuid.UUID // the facts read, in id order, while some are missing
	)
	for c := range chunks {
		if c.err != nil {
			return c.err
		}
		names = c.names
		if missing {
			for i := range c.buf.ends {
				seen = append(seen, uuid.UUID(c.buf.ids[16*i:16*i+16]))
			}
		}
		if err := fn(FactChunk{c.buf, names, s}); err != nil {
			return err
		}
		free <- c.buf
	}
	if !missing {
		return nil
	}
	return s.eachMissingFact(from, seen, names, fn)
}

// eachMissingFact calls fn with facts worked out from the records from key
// from on whose facts are not in seen (sorted): those with no stored facts,
// and any whose facts a backfill running meanwhile wrote after EachFact
// had read past them. The names it adds to the table are numbered after
// the stored ones, which is safe because no stored facts are read after
// this starts.
func (s *Store) eachMissingFact(from []byte, seen []uuid.UUID, names *facts.Names, fn func(FactChunk) error) error {
	var buf factsChunk
	intern := func(n string) (uint32, error) { return names.Intern(n), nil }
	after := from
	inclusive := true // the first key, from, may itself lack facts
	for {
		buf.reset()
		more := false
		err := s.view(func(tx *bolt.Tx) error {
			c := tx.Bucket(bucketRecords).Cursor()
			var k, v []byte
			if after == nil {
				k, v = c.First()
			} else if k, v = c.Seek(after); !inclusive && bytes.Equal(k, after) {
				k, v = c.Next()
			}
			n := 0
			for ; k != nil; k, v = c.Next() {
				if n == recordChunk {
					more = true
					break
				}
				n++
				after = append(after[:0], k...)
				id, err := uuid.ParseBytes(k)
				if err != nil {
					return damaged(s.path, fmt.Sprintf("a record is stored under %s, not an id", keyText(k)), err)
				}
				if _, ok := slices.BinarySearchFunc(seen, id, func(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) }); ok {
					continue
				}
				r, err := s.decode(k, v)
				if err != nil {
					return err
				}
				f, err := facts.FromRecord(&r)
				if err != nil {
					return &Error{ErrInvalidRecord, fmt.Sprintf("record %s cannot be summarised: %v", r.ID, err), err}
				}
				val, err := facts.Encode(nil, &f, intern)
				if err != nil {
					return damaged(s.path, err.Error(), err)
				}
				buf.add(id[:], val)
			}
			return nil
		})
		inclusive = false
		if err != nil {
			return err
		}
		if err := fn(FactChunk{&buf, names, s}); err != nil {
			return err
		}
		if !more {
			return nil
		}
	}
}

// FactLinks returns, for every record that supersedes another (an
// amendment or a void), the id of the record it supersedes. complete is
// false when the store cannot say for all its records (some have no facts
// yet, or the facts were written by a digicheck that kept no links): then
// supersession has to be worked out from the facts themselves.
func (s *Store) FactLinks() (links map[uuid.UUID]uuid.UUID, complete bool, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		if _, missing := missingFrom(tx); missing {
			return nil
		}
		lb := tx.Bucket(bucketFactLinks)
		if lb == nil {
			if tx.Bucket(bucketFacts) != nil {
				return nil // facts from before links were kept
			}
			links, complete = map[uuid.UUID]uuid.UUID{}, true // no records at all
			return nil
		}
		links = make(map[uuid.UUID]uuid.UUID, lb.Stats().KeyN)
		err := lb.ForEach(func(k, v []byte) error {
			if len(k) != 16 || len(v) != 16 {
				return damaged(s.path, "a supersession link of the facts is unreadable", nil)
			}
			links[uuid.UUID(k)] = uuid.UUID(v)
			return nil
		})
		complete = err == nil
		return err
	})
	return links, complete, err
}

// FactsPending reports whether some records have no stored facts yet, so
// that EachFact has to work theirs out from the records (slowly), or the
// index of supersession that lets a summary count in one pass is missing,
// until BackfillFacts has run.
func (s *Store) FactsPending() (bool, error) {
	var pending bool
	err := s.view(func(tx *bolt.Tx) error {
		_, pending = missingFrom(tx)
		pending = pending || linksMissing(tx)
		return nil
	})
	return pending, err
}

// BackfillFacts writes the facts of every record that has none: records
// saved before this version of digicheck kept facts, or by an earlier
// version since. It writes in transactions of a couple of thousand records,
// each committed before the next begins, so a clinician's save waits at
// most for one of them, and a backfill cut short is carried on by the next.
// progress, if not nil, is called after each transaction with the number of
// facts written so far. It returns that number.
func (s *Store) BackfillFacts(progress func(written int)) (int, error) {
	var (
		from    []byte
		missing bool
	)
	if err := s.view(func(tx *bolt.Tx) error {
		from, missing = missingFrom(tx)
		return nil
	}); err != nil {
		return 0, err
	}
	if !missing {
		return 0, s.buildLinks()
	}
	written := 0
	after := from
	inclusive := true
	for {
		done := false
		err := s.update(func(tx *bolt.Tx) error {
			c := tx.Bucket(bucketRecords).Cursor()
			var k, v []byte
			if after == nil {
				k, v = c.First()
			} else if k, v = c.Seek(after); !inclusive && bytes.Equal(k, after) {
				k, v = c.Next()
			}
			if k == nil {
				done = true
				return nil
			}
			fb, nb, mb, err := factBuckets(tx, k)
			if err != nil {
				return err
			}
			if from == nil && mb.Get(keyPending) == nil {
				// Set while this backfill runs, so that one cut short
				// leaves the store marked.
				if err := mb.Put(keyPending, []byte{1}); err != nil {
					return err
				}
			}
			intern := interner(nb)
			n := 0
			var last []byte
			for ; k != nil && n < backfillChunk; k, v = c.Next() {
				n++
				last = k
				id, err := uuid.ParseBytes(k)
				if err != nil {
					return damaged(s.path, fmt.Sprintf("a record is stored under %s, not an id", keyText(k)), err)
				}
				if fb.Get(id[:]) != nil {
					continue
				}
				r, err := s.decode(k, v)
				if err != nil {
					return err
				}
				f, err := facts.FromRecord(&r)
				if err != nil {
					return &Error{ErrInvalidRecord, fmt.Sprintf("record %s cannot be summarised: %v", r.ID, err), err}
				}
				if err := checkData(mb, &r, true); err != nil {
					return err
				}
				val, err := facts.Encode(nil, &f, intern)
				if err != nil {
					return err
				}
				if err := putLink(tx, &f); err != nil {
					return err
				}
				if err := fb.Put(id[:], val); err != nil {
					return err
				}
				written++
			}
			after = append([]byte(nil), last...)
			if k == nil {
				done = true
				return mb.Delete(keyPending)
			}
			return nil
		})
		inclusive = false
		if err != nil {
			return written, err
		}
		if progress != nil {
			progress(written)
		}
		if done {
			return written, s.buildLinks()
		}
	}
}

// EachChunked calls fn with every record in id order, as Each does, but
// reads them in chunks of short read-only transactions and calls fn between
// them, so that an export of a million records, however slowly its output
// is taken, never keeps a clinician's save waiting. A record saved while it
// runs may or may not be included. It stops at the first error fn returns
// and returns it. A record that cannot be decoded, or whose bytes do not
// match its checksum (sums.go), ends it with ErrDamaged.
func (s *Store) EachChunked(fn func(record.Record) error) error {
	return s.EachChunkedSkipping(fn, nil)
}

// Unreadable is a record, or its facts, that a bulk read left out: the
// record's id (or its key as a message shows it) and why.
type Unreadable struct {
	ID, Why string
}

// EachChunkedSkipping is EachChunked, except that, when skip is not nil, a
// record that cannot be decoded or does not match its checksum is left
// out and handed to skip instead of ending the read, so an export can
// carry on and say at the end what it left out. Either way the damage is
// noted (damage.go): the store is refused writes until a check finds it
// sound.
func (s *Store) EachChunkedSkipping(fn func(record.Record) error, skip func(Unreadable)) error {
	var after []byte
	buf := make([]record.Record, 0, recordChunk)
	var bad []Unreadable
	for {
		buf, bad = buf[:0], bad[:0]
		more := false
		err := s.view(func(tx *bolt.Tx) error {
			c := tx.Bucket(bucketRecords).Cursor()
			k, v := c.First()
			if after != nil {
				if k, v = c.Seek(after); bytes.Equal(k, after) {
					k, v = c.Next()
				}
			}
			for ; k != nil; k, v = c.Next() {
				if len(buf)+len(bad) == recordChunk {
					more = true
					break
				}
				after = append(after[:0], k...)
				r, u, err := s.readRecord(tx, k, v)
				if err != nil {
					if skip == nil {
						return err
					}
					s.noteDamage(err)
					bad = append(bad, u)
					continue
				}
				buf = append(buf, r)
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, u := range bad {
			skip(u)
		}
		for _, r := range buf {
			if err := fn(r); err != nil {
				return err
			}
		}
		if !more {
			return nil
		}
	}
}

// SaveSynthetic saves a batch of generated test records in one
// transaction, each as Save would (the same checks of links, the same
// indexes, facts, checksums). Every record must be marked Synthetic, and the store
// must hold no real records: it refuses with ErrMixedData otherwise. A
// batch is all saved or none of it; like Save, it fills in each record's
// missing id, time and status first.
func (s *Store) SaveSynthetic(rs []record.Record) error {
	vals := make([][]byte, len(rs))
	for i := range rs {
		r := &rs[i]
		if !r.Synthetic {
			return &Error{ErrMixedData, fmt.Sprintf("record %d of the batch is not marked synthetic", i), nil}
		}
		if err := prepare(r); err != nil {
			return err
		}
		val, err := encodeRecord(r)
		if err != nil {
			return &Error{ErrInvalidRecord, "cannot encode the record: " + err.Error(), err}
		}
		vals[i] = val
	}
	return s.update(func(tx *bolt.Tx) error {
		recs, pats := tx.Bucket(bucketRecords), tx.Bucket(bucketPatients)
		if mb := tx.Bucket(bucketFactMeta); (mb == nil || mb.Get(keyData) == nil) && len(rs) > 0 {
			if k, _ := recs.Cursor().First(); k != nil {
				return &Error{ErrMixedData, "the store already holds real assessments; synthetic data goes in a new store (--db)", nil}
			}
		}
		// The steps of Save's transaction, record by record.
		for i := range rs {
			r := &rs[i]
			key := recordKey(r.ID)
			if recs.Get(key) != nil {
				return &Error{ErrExists, fmt.Sprintf("record %s is already saved; records are never overwritten", r.ID), nil}
			}
			val, err := s.link(tx, r, vals[i])
			if err != nil {
				return err
			}
			if err := recs.Put(key, val); err != nil {
				return err
			}
			if err := putSum(tx, key, val); err != nil {
				return err
			}
			if err := pats.Put(patientKey(r.Patient, r.ID), []byte{}); err != nil {
				return err
			}
			if err := putFacts(tx, r); err != nil {
				return err
			}
		}
		return nil
	})
}

// checkFacts adds to a check report every disagreement between records and
// their facts: a record without facts (unless the store is pending a
// backfill), facts without a record, and facts that are not the record's.
func checkFacts(tx *bolt.Tx, problem func(format string, args ...any)) {
	fb, nb := tx.Bucket(bucketFacts), tx.Bucket(bucketFactNames)
	if fb == nil {
		return
	}
	names := facts.NewNames()
	if nb == nil {
		problem("facts: the table of names is missing")
		return
	}
	if err := loadNames(nb, names); err != nil {
		problem("facts: %v", err)
		return
	}
	_, pending := missingFrom(tx)
	recs := tx.Bucket(bucketRecords)
	var got facts.Fact
	_ = fb.ForEach(func(k, v []byte) error {
		if len(k) != 16 {
			problem("facts: a key of %d bytes", len(k))
			return nil
		}
		id := uuid.UUID(k)
		rv := recs.Get(recordKey(record.ID(id)))
		if rv == nil {
			problem("facts: record %s has facts but is missing", id)
			return nil
		}
		if err := facts.Decode(&got, k, v, names.List()); err != nil {
			problem("facts: record %s: %v", id, err)
			return nil
		}
		r, err := decodeRecord(recordKey(record.ID(id)), rv)
		if err != nil {
			return nil // the record's own check reports it
		}
		want, err := facts.FromRecord(&r)
		if err != nil {
			problem("facts: record %s: %v", id, err)
			return nil
		}
		var enc []byte
		if enc, err = facts.Encode(nil, &want, func(s string) (uint32, error) {
			n, ok := names.Lookup(s)
			if !ok {
				return 0, fmt.Errorf("name %q not in the table", s)
			}
			return n, nil
		}); err != nil || !bytes.Equal(enc, v) {
			problem("facts: record %s: its facts do not match the record", id)
		}
		return nil
	})
	if pending {
		return
	}
	_ = recs.ForEach(func(k, _ []byte) error {
		if id, err := uuid.ParseBytes(k); err == nil && fb.Get(id[:]) == nil {
			problem("facts: record %s has no facts", id)
		}
		return nil
	})
}
