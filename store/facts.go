package store

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"runtime"
	"strings"
	"sync"
	"unsafe"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"digicheck/record"
	"digicheck/store/facts"
	"digicheck/store/packed"
)

// Facts. Beside each record the store keeps its facts (package facts): the
// record reduced to numbers and short codes in a fixed layout, written by
// Save in the same transaction as the record, so the two never disagree. A
// summary or a flat export reads the facts bucket alone, a few dozen bytes
// per record, instead of decoding every record's JSON.
//
// Facts are an index, never a condition of saving: a record whose facts
// cannot be made (of an instrument version this store was not given, or
// beyond what facts hold) is saved all the same and listed in the noFacts
// bucket, and the readers of facts work that record's facts out from the
// record as they read, without writing. The facts buckets are made with
// the first record saved, so a store that holds records but no facts
// bucket was written by no digicheck: it is refused as damaged.
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
	// bucketNoFacts lists the records saved without facts: 16-byte record
	// id -> empty.
	bucketNoFacts = []byte("noFacts")

	keyData = []byte("data") // dataReal or dataSynthetic
	// prefixNameCheck begins the keys of factMeta that hold a check of
	// each entry of factNames a save writes: the prefix and the name's
	// 4-byte number (as factNames holds it) -> nameEntry. Entries of
	// earlier builds have none, and are read as before.
	prefixNameCheck = []byte("name\x00")
	// keyNameChecksFrom holds the number of the first name written with
	// a check (4 bytes, little-endian, then a CRC-32C of them): every name
	// numbered from it on must have one. Written with the first check a
	// build that keeps it writes.
	keyNameChecksFrom = []byte("nameChecksFrom")

	// keyKeptInFacts says that the facts of the builds from 01ee291 to
	// 74adcf2, which left out an amendment's kept referrals, are listed
	// in factMeta under prefixKeptLeftOut (16-byte record id -> empty):
	// written with the facts buckets of a new store, which holds none,
	// and by the first save of a store made before, which lists them
	// (listKeptLeftOut). Without it every record that supersedes
	// another is looked at (keptFixes).
	keyKeptInFacts    = []byte("keptInFacts")
	prefixKeptLeftOut = []byte("keptLeftOut\x00")

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
	// factChunk is the most facts EachFactChunk reads in one read
	// transaction, and chunkBytes about the most bytes of them: about 8
	// MB, a few milliseconds, so a long summary holds the file for
	// moments at a time and a clinician's save never waits long.
	factChunk  = 1 << 16
	chunkBytes = 8 << 20
	// recordChunk is how many records a chunked read decodes in one read
	// transaction: tens of milliseconds.
	recordChunk = 1 << 10
)

// storeRecord stores r, complete (its links checked and its Change filled
// in), as val under key in recs, with its sum, its facts, its supersession
// link and the kind of data the store holds, inside the transaction that
// saves r. It refuses only a record that would mix synthetic and real
// records; a record whose facts cannot be made is listed in noFacts
// instead.
//
// The facts of a record saved after the last block are carried in the
// record's own value (packed.FormatFacts), in the leaf the save writes
// anyway, until a block takes them (blocks.go); others go to the tail
// bucket, as before.
func (s *Store) storeRecord(tx *bolt.Tx, at *txFile, recs *bolt.Bucket, r *record.Record, key, val []byte) error {
	fb, nb, mb, lb, bb, err := factBuckets(tx, s.path, key)
	if err != nil {
		return err
	}
	if err := checkData(mb, r); err != nil {
		return err
	}
	if err := s.listKeptLeftOut(tx, mb, nb); err != nil {
		return err
	}
	id := r.ID
	if !r.Amends.IsZero() {
		if err := lb.Put(id[:], r.Amends[:]); err != nil {
			return err
		}
		if err := putLinkCheck(tx, id[:], r.Amends[:]); err != nil {
			return err // link_checks.go
		}
	}
	fv, ferr := s.encodeFacts(r, interner(nb))
	if ferr != nil {
		nf, err := tx.CreateBucketIfNotExists(bucketNoFacts)
		if err != nil {
			return err
		}
		if err := nf.Put(id[:], []byte{}); err != nil {
			return err
		}
	}
	last := lastBlockOf(tx, at, bb)
	carried := ferr == nil && bb != nil && packed.TakesFacts(val) &&
		(last == nil || bytes.Compare(id[:], last) > 0)
	if carried {
		val = packed.WithFacts(val, fv)
	}
	// Keys arrive in time order, mostly: fill pages before splitting
	// them, rather than leave each half empty.
	recs.FillPercent = fillInOrder
	if err := storePacked(tx, recs, key, val); err != nil {
		return err
	}
	// Its checksum, of exactly these bytes: sums.go.
	if err := putSum(tx, key, val); err != nil {
		return err
	}
	switch {
	case carried:
		return countCarried(tx, fb, bb, recs, last)
	case ferr == nil:
		return appendFact(tx, fb, bb, id[:], fv)
	}
	return nil
}

// encodeFacts makes r's facts with the instrument of its version.
func (s *Store) encodeFacts(r *record.Record, intern func(string) (uint32, error)) ([]byte, error) {
	f, err := facts.FromRecord(r, s.instrument(r.InstrumentVersion))
	if err != nil {
		return nil, err
	}
	return facts.Encode(nil, &f, intern)
}

// factBuckets returns the facts buckets, making them with the first
// record saved, self, which is already in the records bucket. A store
// that holds other records but no facts is refused (noFacts). bb, the
// blocks of facts (blocks.go), is made with the others and is nil in a
// store whose facts were made before blocks existed.
func factBuckets(tx *bolt.Tx, path string, self []byte) (fb, nb, mb, lb, bb *bolt.Bucket, err error) {
	fresh := tx.Bucket(bucketFacts) == nil
	if fresh {
		c := tx.Bucket(bucketRecords).Cursor()
		k, _ := c.First()
		if bytes.Equal(k, self) {
			k, _ = c.Next()
		}
		if k != nil {
			return nil, nil, nil, nil, nil, noFacts(path)
		}
		if _, err := tx.CreateBucket(bucketFactBlocks); err != nil && !errors.Is(err, bolterrors.ErrBucketExists) {
			return nil, nil, nil, nil, nil, err
		}
	}
	for _, b := range []struct {
		dst  **bolt.Bucket
		name []byte
	}{{&fb, bucketFacts}, {&nb, bucketFactNames}, {&mb, bucketFactMeta}, {&lb, bucketFactLinks}} {
		if *b.dst = tx.Bucket(b.name); *b.dst == nil {
			if *b.dst, err = tx.CreateBucket(b.name); err != nil {
				return nil, nil, nil, nil, nil, err
			}
		}
	}
	if fresh {
		if err := mb.Put(keyKeptInFacts, []byte{}); err != nil {
			return nil, nil, nil, nil, nil, err
		}
	}
	return fb, nb, mb, lb, tx.Bucket(bucketFactBlocks), nil
}

// keptFixes is, by record id, the facts as this build makes them of each
// record whose stored facts are those the builds from 01ee291 to 74adcf2
// wrote for an amendment that kept referrals: the same, but for the kept
// referrals they left out. Such records are among those that supersede
// another (factLinks), and only their records are read: those listed
// where a save of this build has listed them (keyKeptInFacts), none in a
// store made since, every one that supersedes another in a store of real
// records not yet saved to by this build (about 60 µs each). A record
// that cannot be read, or whose facts are otherwise than either build
// made them, is left to check.
func (s *Store) keptFixes(tx *bolt.Tx, names *facts.Names) map[[16]byte][]byte {
	mb, lb, recs := tx.Bucket(bucketFactMeta), tx.Bucket(bucketFactLinks), tx.Bucket(bucketRecords)
	if lb == nil || recs == nil {
		return nil
	}
	each := lb.ForEach
	switch {
	case mb != nil && bytes.Equal(mb.Get(keyData), dataSynthetic) && mb.Get(keyKeptInFacts) == nil:
		// Generated test data: its amendments keep nothing (only an
		// assessment's session works out what an amendment keeps), and
		// a store of a million has tens of thousands of them to read.
		return nil
	case mb != nil && mb.Get(keyKeptInFacts) != nil:
		each = func(fn func(k, v []byte) error) error {
			c := mb.Cursor()
			for k, _ := c.Seek(prefixKeptLeftOut); k != nil && bytes.HasPrefix(k, prefixKeptLeftOut); k, _ = c.Next() {
				if err := fn(k[len(prefixKeptLeftOut):], nil); err != nil {
					return err
				}
			}
			return nil
		}
	}
	var out map[[16]byte][]byte
	_ = each(func(k, _ []byte) error {
		if len(k) != 16 {
			return nil
		}
		key := recordKey(record.ID(k))
		rv := recs.Get(key)
		if rv == nil {
			return nil
		}
		if js, err := packed.Unpack(rv); err != nil || !bytes.Contains(js, []byte(`"kept":[`)) {
			return nil
		}
		r, err := decodeRecord(key, rv)
		if err != nil || len(r.Recommendation.Kept) == 0 {
			return nil
		}
		stored, err := carriedFacts(tx, k, rv)
		if err != nil || stored == nil {
			return nil
		}
		if same, _, err := s.factsSame(&r, stored, names); err != nil || same {
			return nil
		}
		earlier := r
		earlier.Recommendation.Kept = nil
		if same, _, err := s.factsSame(&earlier, stored, names); err != nil || !same {
			return nil
		}
		f, err := facts.FromRecord(&r, s.instrument(r.InstrumentVersion))
		if err != nil {
			return nil
		}
		enc, err := facts.Encode(nil, &f, func(n string) (uint32, error) {
			if i, ok := names.Lookup(n); ok {
				return i, nil
			}
			return 0, fmt.Errorf("name %q not in the table", n)
		})
		if err != nil {
			return nil
		}
		if out == nil {
			out = map[[16]byte][]byte{}
		}
		out[[16]byte(k)] = enc
		return nil
	})
	return out
}

// listKeptLeftOut lists, in the first save of a store made before
// keyKeptInFacts, the records whose facts left out their kept referrals,
// so that its readers look at those alone from then on.
func (s *Store) listKeptLeftOut(tx *bolt.Tx, mb, nb *bolt.Bucket) error {
	if mb.Get(keyKeptInFacts) != nil {
		return nil
	}
	names := facts.NewNames()
	if err := loadNames(nb, names); err != nil {
		return nil // not written: its readers go on looking at every record that supersedes another
	}
	for id := range s.keptFixes(tx, names) {
		if err := mb.Put(append(bytes.Clone(prefixKeptLeftOut), id[:]...), []byte{}); err != nil {
			return err
		}
	}
	return mb.Put(keyKeptInFacts, []byte{})
}

// fixKept puts in c the facts of fixes in place of those stored.
func (c *factsChunk) fixKept(fixes map[[16]byte][]byte) {
	if len(fixes) == 0 {
		return
	}
	for i := range c.ends {
		if v, ok := fixes[[16]byte(c.ids[16*i:16*i+16])]; ok && c.errs[i] == nil {
			c.growVals(len(v))
			start := len(c.vals)
			c.vals = append(c.vals, v...)
			c.ends[i] = span{uint32(start), uint32(len(c.vals))}
		}
	}
}

// factless reports whether tx's store holds records but no facts bucket.
func factless(tx *bolt.Tx) bool {
	if tx.Bucket(bucketFacts) != nil {
		return false
	}
	k, _ := tx.Bucket(bucketRecords).Cursor().First()
	return k != nil
}

// noFacts is the error for a store that holds records but no facts.
func noFacts(path string) error {
	return damaged(path, "it holds records but not their QI copy (what summary and the CSV export count), which no release of digicheck made", nil)
}

// checkData refuses a record of the other kind than the store's. The first
// record saved decides the kind.
func checkData(mb *bolt.Bucket, r *record.Record) error {
	want := dataReal
	if r.Synthetic {
		want = dataSynthetic
	}
	have := mb.Get(keyData)
	if have == nil {
		have = want
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

// The table of names checked. One bit flipped in a name of the table
// (a team's, a programme's) renamed it: summary and the CSV export
// counted its assessments under a wrong name, and nothing said so. Each
// entry a save writes has a check beside it, in factMeta under
// prefixNameCheck and the entry's number: a leading byte saying which
// check (nameCheckV1), then a CRC-32C of the name and its number, so that
// one bit flipped in the name or in its number makes the entry fail its
// check as the table is read. The check is kept apart, not in the entry's
// value, because every earlier build reads a value of 4 bytes alone and
// must still read a store of this build, and in factMeta, whose other
// keys every build reads by name, not in a bucket of its own, which every
// transaction's walk of the file would name afresh; an entry an earlier
// build adds has no check, and is read as before.

// checkKeyRoom is room enough for the key of a name's check: the prefix
// and a 4-byte number.
const checkKeyRoom = 16

// nameCheckV1 is the first byte of a check of a name entry: a CRC-32C of
// the name and its 4-byte number follows, 4 bytes, big-endian.
const nameCheckV1 = 1

// nameEntry is the check of the table of names' entry name -> num.
func nameEntry(name, num []byte) []byte {
	v := make([]byte, 5)
	v[0] = nameCheckV1
	binary.BigEndian.PutUint32(v[1:], crc32.Update(crc32.Checksum(name, castagnoli), castagnoli, num))
	return v
}

// nameCheckKey is the key of factMeta under which the check of the name
// numbered num (4 bytes, as factNames holds it) is kept.
func nameCheckKey(num []byte) []byte {
	return appendNameCheckKey(make([]byte, 0, len(prefixNameCheck)+len(num)), num)
}

// appendNameCheckKey appends nameCheckKey(num) to dst: a look-up's key
// made in room of the caller's (checkKeyRoom bytes hold one).
func appendNameCheckKey(dst, num []byte) []byte {
	return append(append(dst, prefixNameCheck...), num...)
}

// nameChecked reports whether the entry name -> num of the table of names
// matches check, its check as a save wrote it.
func nameChecked(name, num, check []byte) bool {
	return len(check) == 5 && check[0] == nameCheckV1 && binary.BigEndian.Uint32(check[1:]) == crc32.Update(crc32.Checksum(name, castagnoli), castagnoli, num)
}

// checksFrom is the number from which every name of the table must have
// a check, or 0 when none need one (a table of an earlier build's names
// alone): the lower of the number kept under keyNameChecksFrom and the
// lowest number that has a check, names being numbered in the order they
// are written, so that losing either leaves the other to say it. A kept
// number that fails its own check is an error.
func checksFrom(mb *bolt.Bucket) (uint64, error) {
	if mb == nil {
		return 0, nil
	}
	from := uint64(0)
	if v := mb.Get(keyNameChecksFrom); v != nil {
		if len(v) != 8 || crc32.Checksum(v[:4], castagnoli) != binary.LittleEndian.Uint32(v[4:]) {
			return 0, fmt.Errorf("the number from which the table's names each have a check (%x) fails its own check: it is damaged", v)
		}
		from = uint64(binary.LittleEndian.Uint32(v))
	}
	c := mb.Cursor()
	for k, _ := c.Seek(prefixNameCheck); k != nil && bytes.HasPrefix(k, prefixNameCheck); k, _ = c.Next() {
		if len(k) != len(prefixNameCheck)+4 {
			continue
		}
		if n := uint64(binary.LittleEndian.Uint32(k[len(prefixNameCheck):])); n != 0 && (from == 0 || n < from) {
			from = n
		}
	}
	return from, nil
}

// checksFromValue is the value of keyNameChecksFrom for n.
func checksFromValue(n uint32) []byte {
	v := binary.LittleEndian.AppendUint32(nil, n)
	return binary.LittleEndian.AppendUint32(v, crc32.Checksum(v, castagnoli))
}

// nameFault says what is wrong with the entry name -> num of the table of
// names nb, against its check, or "". An entry without one is taken as it
// is when numbered before from (checksFrom; 0: none need one), as an
// earlier build wrote it: at or after it, the check is lost, as one bit
// flipped in its key in factMeta would lose it, and the name is not
// vouched for.
func nameFault(nb *bolt.Bucket, name, num []byte, from uint64) string {
	mb := nb.Tx().Bucket(bucketFactMeta)
	if mb == nil {
		return ""
	}
	var room [checkKeyRoom]byte
	return nameWhy(name, num, mb.Get(appendNameCheckKey(room[:0], num)), from)
}

// nameWhy is nameFault for the entry name -> num whose check, as factMeta
// holds it, is check (nil: none).
func nameWhy(name, num, check []byte, from uint64) string {
	n := func() string {
		if len(num) == 4 {
			return fmt.Sprint(binary.LittleEndian.Uint32(num))
		}
		return "?"
	}
	if check == nil {
		if from != 0 && (len(num) != 4 || uint64(binary.LittleEndian.Uint32(num)) >= from) {
			return fmt.Sprintf("the name numbered %s, which reads %q, has lost its check (every name numbered from %d on was written with one): the name may be damaged, and what is counted under it cannot be said to be that name's", n(), name, from)
		}
		return ""
	}
	if nameChecked(name, num, check) {
		return ""
	}
	return fmt.Sprintf("the name numbered %s, which reads %q, fails its check: the name or its number is damaged, and what is counted under it cannot be said to be that name's", n(), name)
}

// interner numbers names in the names bucket, adding new ones, each with
// its check. A name whose entry fails its check is not used: the record's
// facts are not made (it is saved and listed in noFacts).
func interner(nb *bolt.Bucket) func(string) (uint32, error) {
	return func(s string) (uint32, error) {
		if v := nb.Get([]byte(s)); v != nil {
			if len(v) != 4 {
				return 0, fmt.Errorf("store: name %q has a number of %d bytes", s, len(v))
			}
			// The check looked up once, and the words of a fault made
			// only for a fault: a save interns every name of its
			// record.
			var check []byte
			from := uint64(0)
			if mb := nb.Tx().Bucket(bucketFactMeta); mb != nil {
				var room [checkKeyRoom]byte
				if check = mb.Get(appendNameCheckKey(room[:0], v)); check == nil {
					var err error
					if from, err = checksFrom(mb); err != nil {
						return 0, errors.New("store: " + err.Error())
					}
				}
			}
			if why := nameWhy([]byte(s), v, check, from); why != "" {
				return 0, errors.New("store: " + why)
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
		mb, err := nb.Tx().CreateBucketIfNotExists(bucketFactMeta)
		if err != nil {
			return 0, err
		}
		if mb.Get(keyNameChecksFrom) == nil {
			// The first check this build writes: checks begin here,
			// or at the lowest a build that kept no such number wrote.
			from, err := checksFrom(mb)
			if err != nil {
				return 0, errors.New("store: " + err.Error())
			}
			if from == 0 || from > n {
				from = n
			}
			if err := mb.Put(keyNameChecksFrom, checksFromValue(uint32(from))); err != nil {
				return 0, err
			}
		}
		if err := mb.Put(nameCheckKey(v[:]), nameEntry([]byte(s), v[:])); err != nil {
			return 0, err
		}
		return uint32(n), nb.Put([]byte(s), v[:])
	}
}

// loadNames adds to names the stored names it does not have yet. Names are
// only ever added, so the table read in an earlier transaction is a prefix
// of this one's. An entry that fails its check (nameFault) is an error
// that names it.
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
	from, err := checksFrom(nb.Tx().Bucket(bucketFactMeta))
	if err != nil {
		return err
	}
	add := make([]string, seq-have)
	err = nb.ForEach(func(k, v []byte) error {
		if len(v) != 4 {
			return fmt.Errorf("name %q has a number of %d bytes", k, len(v))
		}
		if why := nameFault(nb, k, v, from); why != "" {
			return errors.New(why)
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

// factsChunk holds the facts read in one transaction, copied out of the
// file so that the caller's function runs after the transaction ends.
type factsChunk struct {
	ids  []byte // 16 bytes each
	vals []byte
	ends []span // where each value is in vals
	// errs holds, by position, why the facts of a record that has none
	// could not be worked out either; nil for most chunks.
	errs map[int]error
}

type span struct{ start, end uint32 }

// typicalBlockBytes is about the size of a block of facts (blockFacts of
// about 150 bytes).
const typicalBlockBytes = 1 << 20

func (c *factsChunk) reset() { c.ids, c.vals, c.ends, c.errs = c.ids[:0], c.vals[:0], c.ends[:0], nil }

// full reports whether the chunk has reached factChunk facts or about
// chunkBytes.
func (c *factsChunk) full() bool { return len(c.ends) >= factChunk || len(c.vals) >= chunkBytes }

// add copies in one record's id and facts. The buffers double as they
// grow, and are kept from chunk to chunk: growing a few bytes at a time,
// as append does for large slices, costs more in fresh pages than the
// copying it saves.
func (c *factsChunk) add(id, val []byte) {
	c.ids = grow(c.ids, len(id))
	c.ids = append(c.ids, id...)
	c.growVals(len(val))
	start := len(c.vals)
	c.vals = append(c.vals, val...)
	c.ends = append(c.ends, span{uint32(start), uint32(len(c.vals))})
}

// addRun adds the facts from to to of a block: copied in, unless the
// block was read into the chunk's own buffer (reserve), where they are
// taken where they lie.
func (c *factsChunk) addRun(b block, from, to int) {
	if from >= to {
		return
	}
	c.ids = grow(c.ids, 16*(to-from))
	c.ids = append(c.ids, b.ids[16*from:16*to]...)
	lo, hi := b.start(from), b.end(to-1)
	var base uint32
	if at, ok := c.inVals(b.vals); ok {
		base = at
	} else {
		c.growVals(int(hi - lo))
		base = uint32(len(c.vals)) - lo
		c.vals = append(c.vals, b.vals[lo:hi]...)
	}
	for i := from; i < to; i++ {
		c.ends = append(c.ends, span{base + b.start(i), base + b.end(i)})
	}
}

// reserve makes room for n bytes at the end of the chunk's facts and
// returns it: a block read there (blockReader.into) is taken by addRun
// where it lies. The bytes that are not facts (the block's ids, ends and
// checksum) stay in the buffer, unread; a chunk is full a little sooner.
func (c *factsChunk) reserve(n int) []byte {
	c.growVals(n)
	start := len(c.vals)
	c.vals = c.vals[:start+n]
	return c.vals[start : start+n : start+n]
}

// inVals says where v begins in the chunk's facts buffer, if it lies
// wholly inside it (a block read there by reserve, and the buffer not
// grown since, which would have moved it).
func (c *factsChunk) inVals(v []byte) (uint32, bool) {
	if len(v) == 0 || len(c.vals) == 0 {
		return 0, false
	}
	base := uintptr(unsafe.Pointer(unsafe.SliceData(c.vals)))
	at := uintptr(unsafe.Pointer(unsafe.SliceData(v)))
	if at < base || at-base+uintptr(len(v)) > uintptr(len(c.vals)) {
		return 0, false
	}
	return uint32(at - base), true
}

// growVals makes room for n more bytes of facts. Past its first
// megabyte the buffer is made at once as large as a full chunk's, not
// doubled on the way (each growth a new run of memory paged in afresh and
// the last thrown away: a third of the pages a summary of a million
// records faulted in), and in huge pages where the system has them.
func (c *factsChunk) growVals(n int) {
	if cap(c.vals)-len(c.vals) >= n {
		return
	}
	size := max(2*cap(c.vals), len(c.vals)+n, 1<<20)
	if size > 1<<20 {
		size = max(size, chunkBytes+typicalBlockBytes)
	}
	vals := make([]byte, len(c.vals), size)
	if size > 1<<20 {
		hugePages(vals) // before the copy writes to it
	}
	copy(vals, c.vals)
	c.vals = vals
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
	if c.c.errs != nil { // most chunks have none: no look-up for each fact
		if err := c.c.errs[i]; err != nil {
			if errors.Is(err, ErrDamaged) {
				c.s.noteDamage(err)
			}
			return id, v, err
		}
	}
	if err := v.Check(c.names.Len()); err != nil {
		err = damaged(c.s.path, fmt.Sprintf("the QI copy (what summary and the CSV export count) of record %s cannot be read", uuid.UUID(id)), err)
		c.s.noteDamage(err) // a reader that skips them carries on, but nothing is written
		return id, v, err
	}
	return id, v, nil
}

// Unreadable names the i'th record, whose facts At found unreadable, and
// why, for a reader that leaves it out and says so.
func (c FactChunk) Unreadable(i int, err error) Unreadable {
	u := Unreadable{ID: uuid.UUID(c.c.ids[16*i : 16*i+16]).String(), Why: "its facts cannot be decoded"}
	if errors.Is(c.c.errs[i], errLostPage) {
		u.Why = lostPageWhy // as a read of the records says it
		return u
	}
	if errors.Is(c.c.errs[i], errNoFacts) {
		u.Why = undecodableWhy // as a read of the records says it
		return u
	}
	if kn := (*keyNotID)(nil); errors.As(c.c.errs[i], &kn) {
		// Named by the id it carries, as NDJSON names it, with the
		// damaged key it is stored under.
		if kn.id != "" {
			u.ID = kn.id
		}
		u.Why = kn.Error()
		return u
	}
	if c.c.errs[i] != nil {
		u.Why = "it cannot be summarised"
	}
	if se := (*Error)(nil); errors.As(err, &se) && se.Cause != nil {
		u.Why += ": " + reasonText(se.Cause.Error())
	}
	return u
}

// Names is the table of names the facts refer to. It may be a longer
// table in a later chunk.
func (c FactChunk) Names() *facts.Names { return c.names }

// EachFactChunk calls fn with the facts of every record, a chunk of
// records at a time: first those stored, in id order (the order the
// records were saved in), then those of the records saved without facts
// (see putFacts), worked out from the records as they are read. A store
// that holds records but no facts is refused with ErrDamaged. Nothing in
// a chunk may be kept after fn returns, and the table of names may grow
// from chunk to chunk. EachFactChunk stops at the first error fn returns
// and returns it.
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
	free := make(chan *factsChunk, 2)
	free <- &factsChunk{}
	free <- &factsChunk{}
	chunks := make(chan chunk)
	stop := make(chan struct{})
	done := make(chan struct{})
	// The records reached, against the store's count (counted.go):
	// the reader's, read here once it has closed chunks.
	var rc reach
	go func() {
		defer close(done)
		defer close(chunks)
		names := facts.NewNames()
		var after []byte // the last key read
		// The lost pages among the newest records, whose facts are read
		// through them: found in the first chunk's transaction.
		var (
			lost    *LostPages
			skimmed bool
			// The facts of the builds that left out an amendment's
			// kept referrals, made again (keptFixes).
			fixes map[[16]byte][]byte
			fixed bool
		)
		var blocks blockReader
		prefetched := make(chan struct{})
		close(prefetched)
		defer func() { <-prefetched }()
		for {
			var buf *factsChunk
			select {
			case buf = <-free:
			case <-stop:
				return
			}
			buf.reset()
			more := false
			err := s.runTx(false, nil, func(tx *bolt.Tx, at *txFile) error {
				rc.at(tx)
				fb, nb := tx.Bucket(bucketFacts), tx.Bucket(bucketFactNames)
				if fb == nil {
					if factless(tx) {
						return noFacts(s.path)
					}
					return nil
				}
				if nb == nil {
					return damaged(s.path, "the QI copy of the records (what summary and the CSV export count) has lost its table of names", nil)
				}
				if after == nil {
					// The blocks are read into memory ahead of the
					// reader, in large reads: blocks.go.
					if at, size := blockPages(tx, nil); len(at) > 1 {
						prefetched = make(chan struct{})
						go func() {
							defer close(prefetched)
							prefetchBlocks(s.path, size, at, stop)
						}()
					}
				}
				if !skimmed {
					var err error
					if lost, err = s.newestLost(tx, at); err != nil {
						return err
					}
					skimmed = true
				}
				if nb.Sequence() != uint64(names.Len()-1) {
					// The table grew: chunks already handed over keep
					// the one they were read with.
					names = names.Clone()
					if err := loadNames(nb, names); err != nil {
						return damaged(s.path, "the QI copy of the records (what summary and the CSV export count) cannot be read (for IT: "+err.Error()+")", err)
					}
				}
				if !fixed {
					fixes, fixed = s.keptFixes(tx, names), true
				}
				// Blocks and tail merged in id order (blocks.go). Each
				// fact is checked on the other side, as the next chunk
				// is read.
				var bad error
				pin := false // the last fact taken may not end the chunk
				blocks.at, blocks.tx, blocks.into = at, tx, buf.reserve
				err := mergedFacts(tx, after, lost, blocks.read, func(b block, from, to int) int {
					took := min(to-from, max(factChunk-len(buf.ends), 0))
					if buf.full() {
						took = 0
					}
					buf.addRun(b, from, from+took)
					more = took < to-from
					return took
				}, func(k, v []byte, why error) bool {
					switch {
					case buf.full() && !pin:
						more = true
						return false
					case len(k) != 16:
						bad = damaged(s.path, fmt.Sprintf("the QI copy (what summary and the CSV export count) holds an entry that names no record (a key of %d bytes)", len(k)), nil)
						return false
					case len(v) > maxFactBytes:
						bad = damaged(s.path, fmt.Sprintf("the QI copy (what summary and the CSV export count) of record %s is cut short or overlong (%d bytes)", keyID(k), len(v)), nil)
						return false
					}
					if kn := (*keyNotID)(nil); errors.As(why, &kn) && kn.notID {
						if kn.id == "" {
							// Nothing to name it by, or to place it in
							// id order: the read stops and says so.
							bad = damaged(s.path, "a record "+strings.TrimPrefix(kn.Error(), "it "), nil)
							return false
						}
						// Handed over by the id it carries, which is
						// not where the cursor stands: the chunk may
						// not end at it, or the next would take up
						// from the wrong place.
						pin = true
					} else {
						pin = false
					}
					if why != nil {
						// Left out and named by the reader, as a record
						// whose facts cannot be decoded is.
						if buf.errs == nil {
							buf.errs = map[int]error{}
						}
						buf.errs[len(buf.ends)] = damaged(s.path, fmt.Sprintf("the QI copy (what summary and the CSV export count) of record %s is not read: %v", uuid.UUID(k), why), why)
					}
					buf.add(k, v)
					return true
				})
				if err != nil {
					return damaged(s.path, "the QI copy of the records (what summary and the CSV export count) cannot be read (for IT: "+err.Error()+")", err)
				}
				if bad != nil {
					return bad
				}
				buf.fixKept(fixes)
				if n := len(buf.ends); n > 0 {
					after = append(after[:0], buf.ids[16*(n-1):]...)
				}
				return nil
			})
			if err == nil {
				rc.n += len(buf.ends)
				for i := range buf.ends {
					if buf.errs[i] == nil {
						// One handed over by the id it carries, its
						// key damaged, is named by the reader.
						rc.next(buf.ids[16*i : 16*i+16])
					}
				}
			}
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

	var names *facts.Names
	for c := range chunks {
		if c.err != nil {
			return c.err
		}
		names = c.names
		if err := fn(FactChunk{c.buf, names, s}); err != nil {
			return err
		}
		free <- c.buf
	}
	if err := s.eachFactless(names, &rc.n, fn); err != nil {
		return err
	}
	return rc.verdict(s, "the QI copy of the records (what summary counts)")
}

// eachFactless calls fn with the facts of the records saved without them,
// counting them in reached,
// worked out from the records, a chunk at a time. The names they add are
// numbered after those of the last stored chunk, in a table of their own
// that grows from chunk to chunk, which is safe because no stored facts
// are read after this starts. A record whose facts
// cannot be worked out is handed over with an error of kind
// ErrInvalidRecord, for the reader to leave out and name or to stop at.
func (s *Store) eachFactless(names *facts.Names, reached *int, fn func(FactChunk) error) error {
	if names == nil {
		names = facts.NewNames()
	} else {
		names = names.Clone() // the stored chunks' table stays theirs
	}
	var buf factsChunk
	var after []byte
	for {
		buf.reset()
		more := false
		err := s.view(func(tx *bolt.Tx) error {
			recs, nf := tx.Bucket(bucketRecords), tx.Bucket(bucketNoFacts)
			if nf == nil {
				return nil
			}
			intern := func(n string) (uint32, error) { return names.Intern(n), nil }
			c := nf.Cursor()
			for k, _ := firstAfter(c, after); k != nil; k, _ = c.Next() {
				if len(buf.ends) == recordChunk {
					more = true
					break
				}
				after = append(after[:0], k...)
				if len(k) != 16 {
					return damaged(s.path, fmt.Sprintf("the list of records without facts holds a key of %d bytes", len(k)), nil)
				}
				id, key := uuid.UUID(k), recordKey(record.ID(k))
				r, _, err := s.readRecord(tx, key, recs.Get(key))
				var val []byte
				if err == nil {
					if val, err = s.encodeFacts(&r, intern); err != nil {
						err = &Error{ErrInvalidRecord, fmt.Sprintf("record %s cannot be summarised: %v", r.ID, err), err}
					}
				}
				if err != nil {
					if buf.errs == nil {
						buf.errs = map[int]error{}
					}
					buf.errs[len(buf.ends)] = err
				}
				buf.add(id[:], val)
			}
			return nil
		})
		if err != nil {
			return err
		}
		*reached += len(buf.ends)
		if len(buf.ends) > 0 {
			if err := fn(FactChunk{&buf, names, s}); err != nil {
				return err
			}
		}
		if !more {
			return nil
		}
	}
}

// FactLinks returns, for every record that supersedes another (an
// amendment or a void), the id of the record it supersedes. A link of the
// wrong length is damage; whether each link names records the store holds
// is not looked up here (each look-up reads a page of records, and a
// summary of a million records read a gigabyte of them for it): a summary
// that finds its links and facts disagree asks CheckFactLinks, and check
// reads them all.
func (s *Store) FactLinks() (map[uuid.UUID]uuid.UUID, error) {
	return s.factLinks(false)
}

// CheckFactLinks is FactLinks with every link read against the records:
// ErrDamaged when one names a record the store does not hold, with every
// sound link given (an export names the links it has).
func (s *Store) CheckFactLinks() (map[uuid.UUID]uuid.UUID, error) {
	return s.factLinks(true)
}

func (s *Store) factLinks(lookUp bool) (map[uuid.UUID]uuid.UUID, error) {
	links := map[uuid.UUID]uuid.UUID{}
	err := s.view(func(tx *bolt.Tx) error {
		lb := tx.Bucket(bucketFactLinks)
		if lb == nil {
			if factless(tx) {
				return noFacts(s.path)
			}
			return nil // nothing saved yet
		}
		// Made once at about its size: the store counts the links it
		// wrote with a check (grown by doubling, a million records'
		// 25,000 links were a dozen maps made and thrown away).
		if n, kept, ok := linkChecksKept(tx.Bucket(bucketFactMeta)); kept && ok && n < 1<<24 {
			links = make(map[uuid.UUID]uuid.UUID, n)
		}
		// Every sound link is given, with the first damaged one said.
		recs := tx.Bucket(bucketRecords)
		if !lookUp {
			recs = nil
		}
		var bad error
		lc := newLinkChecker(tx) // each link against its check: link_checks.go
		err := lb.ForEach(func(k, v []byte) error {
			if why := cmp.Or(linkFault(recs, k, v), lc.link(k, v)); why != "" {
				if bad == nil {
					bad = damaged(s.path, "a link between versions of an assessment in the QI copy (what summary and the CSV export count) is damaged, so which version is current is unknown (for IT: "+why+")", nil)
				}
				return nil
			}
			links[uuid.UUID(k)] = uuid.UUID(v)
			return nil
		})
		if other := lc.done(); bad == nil && len(other) > 0 {
			bad = damaged(s.path, "a link between versions of an assessment in the QI copy (what summary and the CSV export count) is damaged, so which version is current is unknown (for IT: "+other[0]+")", nil)
		}
		return cmp.Or(err, bad)
	})
	return links, err
}

// linkFault says what is wrong with the link k -> v of the QI copy, or
// "": a link is of a record the store holds to the record it supersedes,
// which the store holds too. One flipped bit makes it name neither. With
// recs nil, only its length is checked.
func linkFault(recs *bolt.Bucket, k, v []byte) string {
	switch {
	case len(k) != 16 || len(v) != 16:
		return fmt.Sprintf("factLinks: a link of %d bytes under a key of %d bytes", len(v), len(k))
	case recs == nil:
		return ""
	case !holds(recs, recordKey(record.ID(k))):
		return fmt.Sprintf("factLinks: the link under %s is of no record the store holds", uuid.UUID(k))
	case !holds(recs, recordKey(record.ID(v))):
		return fmt.Sprintf("factLinks: the link of record %s names %s, which the store does not hold", uuid.UUID(k), uuid.UUID(v))
	}
	return ""
}

// checkLinks adds to a check report each damaged link of the QI copy
// (linkFault): summary reads the links first and refuses a store whose
// links and facts disagree.
func checkLinks(tx *bolt.Tx, problem func(format string, args ...any)) {
	lb := tx.Bucket(bucketFactLinks)
	if lb == nil {
		return
	}
	recs := tx.Bucket(bucketRecords)
	_ = lb.ForEach(func(k, v []byte) error {
		if why := linkFault(recs, k, v); why != "" {
			problem("a link between versions of an assessment in the QI copy (what summary and the CSV export count) is damaged, so summary refuses the store (for IT: %s)", why)
		}
		return nil
	})
	for _, why := range linkCheckProblems(tx) { // link_checks.go
		problem("a link between versions of an assessment in the QI copy (what summary and the CSV export count) is damaged, so summary refuses the store (for IT: %s)", why)
	}
}

// Unreadable is a record, or its facts, that a bulk read left out: the
// record's id (or its key as a message shows it) and why. Index marks,
// in a history (HistoryReadable), damage of the patient index that is not
// a version left out: an entry that names a record the store does not
// hold, or another patient's, or a record of the patient's the index
// does not name (shown all the same).
type Unreadable struct {
	ID, Why string
	Index   bool
}

// Each calls fn with every record in id order, the order they were saved
// in. It reads them in chunks, each in a short read-only transaction, and
// calls fn between transactions, never inside one, so that an export of a
// million records, however slowly its output is taken, never keeps a
// clinician's save waiting; fn may itself save. A record saved while it
// runs may or may not be included; records are never changed or removed,
// so none it has seen goes out of date. It stops at the first error fn
// returns and returns that error unchanged.
//
// A record that cannot be decoded, or whose bytes do not match its
// checksum (sums.go), ends it with ErrDamaged or, when skip is not nil, is
// left out and handed to skip, so an export can carry on and say at the
// end what it left out. Either way the damage is noted (damage.go): the
// store is refused writes until a check finds it sound.
func (s *Store) Each(fn func(record.Record) error, skip func(Unreadable)) error {
	return s.EachPast(nil, fn, skip)
}

// SaveSynthetic saves a batch of generated test records in one
// transaction, each as Save would (the same checks of links, the same
// indexes, facts, checksums). Every record must be marked Synthetic, and the store
// must hold no real records: it refuses with ErrMixedData otherwise. A
// batch is all saved or none of it; like Save, it fills in each record's
// missing id, time and status first.
func (s *Store) SaveSynthetic(rs []record.Record) error {
	for i := range rs {
		// Ids in the batch's order, made one after another.
		if !rs[i].Synthetic {
			return &Error{ErrMixedData, fmt.Sprintf("record %d of the batch is not marked synthetic", i), nil}
		}
		if err := prepare(&rs[i]); err != nil {
			return err
		}
	}
	vals := make([][]byte, len(rs))
	errs := make([]error, len(rs))
	// Checking and packing a record takes a few tenths of a millisecond:
	// on every core.
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(rs); i += workers {
				vals[i], errs[i] = s.syntheticValue(&rs[i])
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return s.updateAt(func(tx *bolt.Tx, at *txFile) error {
		recs := tx.Bucket(bucketRecords)
		// The steps of Save's transaction, record by record; the patient
		// index walked once (walkIndex).
		for i := range rs {
			r := &rs[i]
			key := recordKey(r.ID)
			if recs.Get(key) != nil {
				return &Error{ErrExists, fmt.Sprintf("record %s is already saved; records are never overwritten", r.ID), nil}
			}
			if err := s.put(tx, at, r, key, vals[i], false, false); err != nil {
				return err
			}
		}
		return nil
	})
}

// syntheticValue checks r, a prepared record of a synthetic batch, as
// Save would, and returns its stored bytes.
func (s *Store) syntheticValue(r *record.Record) ([]byte, error) {
	if err := s.valid(r); err != nil {
		return nil, err
	}
	val, err := encodeRecord(r)
	if err != nil {
		return nil, &Error{ErrInvalidRecord, "cannot encode the record: " + err.Error(), err}
	}
	return val, nil
}

// checkFactsLayout adds to a check report every disagreement between
// records and their facts (a record with neither facts nor a place in the
// list of records without, facts without a record, blocks of facts,
// blocks.go, that are out of order, overlap the tail or are miscounted)
// but for comparing each fact with its record, which recordFactsChecker
// does for records already decoded.
func (s *Store) checkFactsLayout(tx *bolt.Tx, problem func(format string, args ...any)) {
	s.checkFactsWith(tx, problem, false)
	checkLinks(tx, problem)
	// The store's secret, which the pseudonymised exports' fingerprints
	// are made with, as the QI copy is what summary counts.
	checkSource(tx, problem) // source.go
}

// factsTable is the table of names of tx's facts, or nil with a problem
// reported; nil without one when the store holds no facts yet.
func factsTable(tx *bolt.Tx, problem func(format string, args ...any)) *facts.Names {
	fb, nb := tx.Bucket(bucketFacts), tx.Bucket(bucketFactNames)
	if fb == nil {
		if factless(tx) {
			problem("the store holds records but not their QI copy (what summary and the CSV export count), which no release of digicheck made: summaries and CSV exports of it cannot be made")
		}
		return nil
	}
	if nb == nil {
		problem("the QI copy of the records (what summary and the CSV export count) has lost its table of names: summaries and CSV exports of the store cannot be made")
		return nil
	}
	names := facts.NewNames()
	if err := loadNames(nb, names); err != nil {
		problem("the QI copy of the records (what summary and the CSV export count) cannot be read, so summary refuses the store (for IT: %v)", err)
		return nil
	}
	return names
}

// recordFactsChecker returns a function that compares a decoded record
// with its stored facts, adding to a check report what disagrees.
func (s *Store) recordFactsChecker(tx *bolt.Tx, problem func(format string, args ...any)) func(*record.Record) {
	names := factsTable(tx, func(string, ...any) {}) // checkFactsLayout reports it
	if names == nil {
		return nil
	}
	lb := tx.Bucket(bucketFactLinks)
	var held heldBlock // records come in id order: a block serves many
	return func(r *record.Record) {
		id := r.ID
		if !r.Amends.IsZero() && lb != nil && !bytes.Equal(lb.Get(id[:]), r.Amends[:]) {
			problem("record %s: its link to the version it supersedes, in the QI copy (what summary and the CSV export count), is missing or damaged, so summary refuses the store (for IT: factLinks)", uuid.UUID(id))
		}
		v, err := factsHeld(tx, id[:], &held)
		if err != nil || v == nil {
			return // the layout's problem, or a record without: checkFactsLayout
		}
		s.compareFacts(r, v, names, problem)
	}
}

// compareFacts adds to a check report what is wrong with v as r's facts.
func (s *Store) compareFacts(r *record.Record, v []byte, names *facts.Names, problem func(format string, args ...any)) {
	id := uuid.UUID(r.ID)
	if err := facts.View(v).Check(names.Len()); err != nil {
		problem("record %s: its QI copy (what summary and the CSV export count) cannot be read: %v", id, err)
		return
	}
	if s.factsMismatch(r, v, names) != "" {
		problem("record %s: its QI copy (what summary and the CSV export count) does not match the record, so summaries may count it wrongly", id)
	}
}

func (s *Store) checkFactsWith(tx *bolt.Tx, problem func(format string, args ...any), compare bool) {
	names := factsTable(tx, problem)
	if names == nil {
		return
	}
	fb, bb := tx.Bucket(bucketFacts), tx.Bucket(bucketFactBlocks)
	recs, nf := tx.Bucket(bucketRecords), tx.Bucket(bucketNoFacts)
	fact := func(id uuid.UUID, v []byte) {
		rv := recs.Get(recordKey(record.ID(id)))
		if rv == nil {
			problem("record %s is in the QI copy (what summary and the CSV export count) but missing from the records, so summaries count a record the store does not hold", id)
			return
		}
		if !compare {
			return
		}
		r, err := decodeRecord(recordKey(record.ID(id)), rv)
		if err != nil {
			return // the record's own check reports it
		}
		s.compareFacts(&r, v, names, problem)
	}
	var last []byte // the last id of the last block read
	if bb != nil {
		_ = bb.ForEach(func(k, v []byte) error {
			b, err := readBlock(bb, k)
			if err == nil {
				err = b.check()
			}
			if err == nil {
				err = b.ordered()
			}
			if err != nil {
				problem("a block of the QI copy (what summary and the CSV export count), of records from %s on, cannot be read (%v): summaries leave out or miscount the records it holds", keyID(k), err)
				return nil
			}
			if last != nil && bytes.Compare(b.id(0), last) <= 0 {
				problem("two blocks of the QI copy (what summary and the CSV export count) overlap, at record %s: summaries may count records twice", keyID(k))
			}
			last = k
			for i := range b.len() {
				fact(uuid.UUID(b.id(i)), b.val(i))
			}
			return nil
		})
	}
	tail := uint64(0)
	_ = fb.ForEach(func(k, v []byte) error {
		if len(k) != 16 {
			problem("the QI copy (what summary and the CSV export count) holds an entry that names no record (a key of %d bytes)", len(k))
			return nil
		}
		id := uuid.UUID(k)
		if last != nil && bytes.Compare(k, last) <= 0 {
			if in, err := blockHolds(bb, k); err == nil && in {
				problem("record %s is in the QI copy (what summary and the CSV export count) twice, so summaries may count it twice", id)
			}
		} else {
			tail++
		}
		fact(id, v)
		return nil
	})
	// Records after the last block that cannot be read: whether they
	// carried facts cannot be told, and their own check reports them.
	unreadable := map[string]bool{}
	if bb != nil {
		// The facts records after the last block carry (blocks.go).
		c := recs.Cursor()
		k, rv := c.First()
		if last != nil {
			key := recordKey(record.ID(last))
			if k, rv = c.Seek(key); bytes.Equal(k, key) {
				k, rv = c.Next()
			}
		}
		for ; k != nil; k, rv = c.Next() {
			id, err := uuid.ParseBytes(k)
			if err != nil {
				continue // the record's own check reports it
			}
			v, _, carries := packed.Facts(rv)
			if !carries {
				if _, err := decodeRecord(k, rv); err != nil {
					unreadable[string(k)] = true
				}
				continue
			}
			if fb.Get(id[:]) != nil {
				problem("record %s is in the QI copy (what summary and the CSV export count) twice, so summaries may count it twice", id)
			}
			tail++
			fact(id, v)
		}
		if n := tailCount(fb, recs); n < tail || n > tail+uint64(len(unreadable)) {
			problem("the QI copy (what summary and the CSV export count) of the records saved most recently holds %d of them, but its own count says %d, so summaries may count them wrongly", tail, n)
		}
	}
	var held heldBlock // read in id order: a block serves many records
	_ = recs.ForEach(func(k, _ []byte) error {
		id, err := uuid.ParseBytes(k)
		if err != nil {
			return nil
		}
		stored, err := factsHeld(tx, id[:], &held)
		if err != nil {
			return nil // the block's problem is reported above
		}
		if stored == nil && (nf == nil || nf.Get(id[:]) == nil) && !unreadable[string(k)] {
			problem("record %s has no QI copy, so summaries and CSV exports leave it out", id)
		}
		return nil
	})
}

// blockHolds reports whether a block of bb holds the 16-byte id.
func blockHolds(bb *bolt.Bucket, id []byte) (bool, error) {
	k, _ := bb.Cursor().Seek(id)
	if k == nil {
		return false, nil
	}
	b, err := readBlock(bb, k)
	if err != nil {
		return false, err
	}
	return b.find(id) >= 0, nil
}

// factsMismatch says why stored, the facts kept for r, are not the facts r
// makes now, or "" when they are. A record of an instrument version this
// store was not given cannot be reduced again, and is taken on its sum.
func (s *Store) factsMismatch(r *record.Record, stored []byte, names *facts.Names) string {
	why, _ := s.factsAgainst(r, stored, names)
	return why
}

// factsAgainst is factsMismatch, with lost the first name of r's facts
// that names lacks: the table's damage rather than the record's, names
// being only ever added.
func (s *Store) factsAgainst(r *record.Record, stored []byte, names *facts.Names) (why, lost string) {
	ins := s.instrument(r.InstrumentVersion)
	if ins == nil {
		return "", ""
	}
	same, lost, err := s.factsSame(r, stored, names)
	if err != nil {
		return err.Error(), ""
	}
	if !same && len(r.Recommendation.Kept) > 0 {
		// The builds from 01ee291 to 74adcf2 kept an amendment's kept
		// referrals in the record but wrote its facts without them:
		// such facts are the record's as that build made them, not
		// damage. Anything else that differs still does not match.
		earlier := *r
		earlier.Recommendation.Kept = nil
		if same, _, err = s.factsSame(&earlier, stored, names); err == nil && same {
			return "", ""
		}
	}
	if !same {
		return "its facts, written when it was saved, say otherwise", lost
	}
	return "", ""
}

// factsSame reports whether stored are the facts r makes now, with lost
// the first name of them that names lacks; err is for a record whose
// facts cannot be made.
func (s *Store) factsSame(r *record.Record, stored []byte, names *facts.Names) (same bool, lost string, err error) {
	f, err := facts.FromRecord(r, s.instrument(r.InstrumentVersion))
	if err != nil {
		return false, "", err
	}
	enc, err := facts.Encode(nil, &f, func(n string) (uint32, error) {
		if i, ok := names.Lookup(n); ok {
			return i, nil
		}
		if lost == "" {
			lost = n
		}
		return 0, fmt.Errorf("name %q not in the table", n)
	})
	return err == nil && bytes.Equal(enc, stored), lost, nil
}

// keyNotID is why the facts a record carries are not read: the key the
// record is stored under is not the id it carries, so the key was damaged
// (the record's checksum covers its value, not its key). Counted under the
// key, the record would be counted under an id it does not have: a second
// assessment beside the one it amends, or one that nothing names; left out
// silently, it would be one fewer. key is the key's text, id the id the
// record carries ("" when it cannot be read).
type keyNotID struct {
	key, id string
	notID   bool // the key is not an id at all
}

func (e *keyNotID) Error() string {
	if e.id == "" {
		return fmt.Sprintf("it is stored under the key %s, which is damaged, and its own id cannot be read", keyText([]byte(e.key)))
	}
	return fmt.Sprintf("it is stored under the key %s, which is damaged: its own id is %s", keyText([]byte(e.key)), e.id)
}

// idHead is how much of a record's JSON holds its id: {"id":"…", with the
// id first as json.Marshal writes a record.
const idHead = len(`{"id":"`) + 36 + 1

// carriedID is the 16-byte id of the record stored under key as v, a
// value that carries its facts, and an error of type *keyNotID when key
// is not the id the record carries. It reads the id from the record's
// JSON (the first few dozen bytes of it) when summed, the value matching
// its checksum; a value that does not is reported as such by its reader.
// A key that is not an id at all gives the record's own id, or 16 zero
// bytes when that cannot be read either, to name it by.
func carriedID(key, v []byte, summed bool) ([]byte, error) {
	u, perr := uuid.ParseBytes(key)
	if perr == nil && !summed {
		return u[:], nil
	}
	var own string
	if h, err := packed.Head(v, idHead); err == nil && len(h) == idHead &&
		bytes.HasPrefix(h, []byte(`{"id":"`)) && h[idHead-1] == '"' {
		own = string(h[idHead-37 : idHead-1])
	}
	if perr == nil && own == string(key) {
		return u[:], nil
	}
	bad := &keyNotID{key: string(key), notID: perr != nil}
	if id, err := uuid.Parse(own); err == nil && own == id.String() {
		bad.id = own
	}
	switch {
	case perr == nil:
		return u[:], bad
	case bad.id != "":
		id := uuid.MustParse(bad.id)
		return id[:], bad
	}
	return make([]byte, 16), bad
}

// keyMismatch is why the record stored under key as v cannot be read when
// the id it carries, a sound one, is not key: its key was damaged. nil
// when it carries key, or no id that can be read.
func keyMismatch(key, v []byte) *keyNotID {
	if _, err := carriedID(key, v, true); err != nil {
		if kn := (*keyNotID)(nil); errors.As(err, &kn) && kn.id != "" {
			return kn
		}
	}
	return nil
}

// keyID is a 16-byte key of the facts as the record id it is, for a
// message; any other key as hex.
func keyID(k []byte) string {
	if len(k) == 16 {
		return uuid.UUID(k).String()
	}
	return fmt.Sprintf("%x", k)
}

// blockReader reads the blocks of facts a chunk takes with ordinary reads
// of the file (the one the transaction holds locked) into a buffer kept
// from block to block, where the block's checksum is worked out and its
// facts are copied out from, the buffer still in the processor's cache.
// Read through bbolt's map instead, as a look-up of one record's facts
// reads them, a summary paged every block into a map made afresh for each
// transaction (about 150 MB of a million records' facts, a fault every
// few pages, each a cost of its own on a virtual machine), and worked its
// checksum out and copied it from memory no cache held. The bytes are the
// same: the map and the reads see the one page cache, and the file does
// not change under the lock.
//
// Where the block lies is read from the file too (blockInFile): only
// looking it up through bbolt touches the block's first page in the map,
// and on a virtual machine that one fault a block, in a map made afresh
// for each transaction, cost 30-50 ms for a million records' 245 blocks.
type blockReader struct {
	at  *txFile
	tx  *bolt.Tx
	buf []byte
	// into, when set, gives the room a block of n bytes is read into in
	// place of buf: the chunk's own buffer (factsChunk.reserve), so that
	// the block's facts are counted where they were read, not copied
	// again (addRun).
	into func(n int) []byte
}

// read is the block stored in the block's bucket sub, as read from the
// file; bbolt's own Get of it when where it lies in the file cannot be
// told (no map, a write's transaction, whose pages may not be written
// yet, or a page that does not read as bbolt writes a block's).
func (r *blockReader) read(sub *bolt.Bucket) ([]byte, error) {
	if off, n, ok := r.blockInFile(sub); ok {
		return r.readAt(off, n)
	}
	v := sub.Get(keyBlock)
	info := r.tx.DB().Info()
	if r.at == nil || len(v) == 0 || len(v) > maxBlockBytes || info == nil || info.Data == 0 {
		mappedBlockReads.Add(1)
		return v, nil
	}
	// The value's address in bbolt's map, less the map's (a uintptr, as
	// bbolt gives it), is where it lies in the file.
	off := int64(uintptr(unsafe.Pointer(unsafe.SliceData(v))) - info.Data)
	if off < 0 || off > r.at.size || int64(len(v)) > r.at.size-off {
		mappedBlockReads.Add(1)
		return v, nil
	}
	return r.readAt(off, len(v))
}

// readAt reads n bytes of the file at off into the buffer, or the room
// into gives.
func (r *blockReader) readAt(off int64, n int) ([]byte, error) {
	var b []byte
	if r.into != nil {
		b = r.into(n)
	} else {
		if cap(r.buf) < n {
			r.buf = make([]byte, n, max(n, typicalBlockBytes))
		}
		r.buf = r.buf[:n]
		b = r.buf
	}
	if _, err := r.at.f.ReadAt(b, off); err != nil {
		return nil, fmt.Errorf("reading a block of facts: %w", err)
	}
	return b, nil
}

// blockInFile says where in the file the block kept in the bucket sub
// lies, read from the header of the bucket's page with an ordinary read:
// a block's bucket is a leaf page of its own (with its overflow) holding
// one key, keyBlock, and the block as its value (bbolt's layout, pages.go).
// ok is false at any doubt (a write's transaction, a bucket kept inline, a
// page that is not such a leaf, or one whose value would run past its page
// or the file), and the block is then looked up through bbolt, which reads
// it as it always has.
func (r *blockReader) blockInFile(sub *bolt.Bucket) (off int64, n int, ok bool) {
	if r.at == nil || r.tx == nil || r.tx.Writable() || sub == nil || sub.Root() == 0 {
		return 0, 0, false
	}
	pageSize := int64(r.tx.DB().Info().PageSize)
	if pageSize <= 0 {
		return 0, 0, false
	}
	root := uint64(sub.Root())
	if root > uint64(r.at.size/pageSize) {
		return 0, 0, false
	}
	page := int64(root) * pageSize
	var h [pageHeaderSize + elemSize]byte
	if page+int64(len(h)) > r.at.size {
		return 0, 0, false
	}
	if _, err := r.at.f.ReadAt(h[:], page); err != nil {
		return 0, 0, false
	}
	le := binary.LittleEndian
	id, flags, count, overflow := le.Uint64(h[0:]), le.Uint16(h[8:]), le.Uint16(h[10:]), int64(le.Uint32(h[12:]))
	eflags, pos, ksize, vsize := le.Uint32(h[16:]), int64(le.Uint32(h[20:])), int64(le.Uint32(h[24:])), int64(le.Uint32(h[28:]))
	if id != root || flags != flagLeaf || count != 1 || eflags != 0 || ksize != int64(len(keyBlock)) || vsize == 0 || vsize > maxBlockBytes {
		return 0, 0, false
	}
	key := page + pageHeaderSize + pos // the element's address plus its pos
	end := key + ksize + vsize
	if pos < elemSize || end > page+(overflow+1)*pageSize || end > r.at.size {
		return 0, 0, false
	}
	k := make([]byte, len(keyBlock))
	if _, err := r.at.f.ReadAt(k, key); err != nil || !bytes.Equal(k, keyBlock) {
		return 0, 0, false
	}
	return key + ksize, int(vsize), true
}
