package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"sort"
	"strconv"
	"sync"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"digicheck/record"
	"digicheck/store/packed"
)

// Blocks of facts. A summary reads every record's facts, about 150 bytes
// each. Kept one per key in the facts bucket, they fill leaf pages only
// half full (bbolt splits a page at half full, and facts arrive in key
// order), and every save rewrites the last leaf to a new page taken from
// wherever the file had one free: a million records' facts end up in
// 80,000 pages scattered among five gigabytes of records, and a summary
// from a cold page cache (a QI lead's first after a reboot) spends its
// time seeking.
//
// So the facts bucket is only the tail of the store's facts. When it holds
// blockFacts facts saved after the last block, the save that brings it
// there moves them, in the same transaction, into one block: a single
// value, written once and never rewritten, which bbolt lays out as one run
// of consecutive pages, full. A million records' facts are then about 250
// runs of 150 pages, which a cold read takes in long sequential reads.
//
// Each block is a bucket of its own in the factBlocks bucket, named by the
// last id it holds (so a key lookup finds the block an id would be in),
// holding the block under keyBlock. A bucket each, rather than a value
// each, because bbolt rewrites a leaf whole when a key is added to it, and
// a leaf of large values is not split below four of them: adding a block
// would rewrite the last few. A block's layout:
//
//	byte 0          blockFormat
//	bytes 1-4       n, the number of facts (uint32, little-endian)
//	16n bytes       the records' ids, in strictly increasing order
//	4n bytes        where each record's facts end in what follows (uint32)
//	the facts, one record's after another
//	4 bytes         CRC-32C of all the bytes before it (format 2 only)
//
// A block is written once and read by every summary and CSV export, which
// count what it says: a bit flipped in it on disk could make a real patient
// synthetic or move a band, and still decode. So since format 2 a block
// ends with a checksum, checked whenever it is read (parseBlock): CRC-32C,
// which the processor computes at several GB a second, a few milliseconds
// for a million records' blocks. Blocks of format 1, sealed before, have
// none and are read as they were; check compares every fact with its
// record either way.
//
// Blocks never overlap: each holds only ids after the last id of the block
// before it. A record saved later under an earlier id (another window's
// clock behind) keeps its facts in the tail for good, among the tail's
// earlier keys, and readers merge the two, so facts are still read in id
// order. The facts bucket's sequence counts the tail's facts after the
// last block: it is kept in the bucket's header, which every save rewrites
// anyway, so counting costs no page.
//
// Since schema 4 (schemaFacts) the facts of a record saved after the last
// block are not put in the tail bucket but carried in the record's own
// value (packed.FormatFacts), and counted by the records bucket's
// sequence: the save writes them in the leaf of the records bucket it
// writes anyway, where putting them in the tail bucket rewrote that
// bucket's last leaf and the branch above it, two pages of every save's
// fourteen. Readers take the tail as the tail bucket's facts and those the
// records after the last block carry, merged in id order (tail); the block
// that comes takes both. A record keeps its copy once a block holds its
// facts (150 bytes or so), and readers go by the block. The tail bucket
// still takes the facts of a late id, and holds the tail of a store from
// before, which is read, counted and sealed with the rest.
//
// A store whose facts bucket was made before blocks existed has no
// factBlocks bucket: its facts stay one per key, as that digicheck wrote
// them, and are read the same way. Sealing a block raises the store's
// schema (to schemaSummedBlocks; 2 when blocks came), so an earlier
// digicheck, which would not see the facts in blocks and count too few,
// refuses the store instead.
var (
	bucketFactBlocks = []byte("factBlocks") // last id of a block -> bucket{keyBlock: block}
	keyBlock         = []byte("b")
)

const (
	blockFormat       = 1
	blockFormatSummed = 2
	// schemaSummedBlocks is the first schema whose blocks may end with a
	// checksum (blockFormatSummed), which an earlier digicheck would
	// report as a block of an unknown format, damage: it refuses such a
	// store as newer instead.
	schemaSummedBlocks = 5
	// schemaFacts is the first schema whose records may carry their
	// facts (packed.FormatFacts), which an earlier digicheck can neither
	// unpack nor count: it refuses such a store as newer.
	schemaFacts = 4
	// maxBlockBytes bounds a stored block: about 600 kB in a real store.
	// A longer one is damage, refused before its bytes are read.
	maxBlockBytes = 32 << 20
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// fillInOrder is how full bbolt fills a page before it splits it, for the
// buckets whose keys arrive in key order (records, sums, facts: a record's
// id is a UUIDv7, in time order). bbolt's default, half, suits keys that
// arrive anywhere; keys that arrive in order would leave every page but
// the last half empty: twice the pages to read, and a deeper tree for
// every save to rewrite.
const fillInOrder = 0.95

// blockFacts is how many facts make a block: about 600 kB of them, a
// thousandth of a second to write once in a few thousand saves. A variable
// so that tests can make it small.
var blockFacts = 4096

// block is a parsed block, its slices into the stored value.
type block struct {
	ids  []byte // 16 bytes each
	ends []byte // 4 bytes each
	vals []byte
}

func (b block) len() int { return len(b.ids) / 16 }

func (b block) id(i int) []byte { return b.ids[16*i : 16*i+16 : 16*i+16] }

func (b block) end(i int) uint32 { return binary.LittleEndian.Uint32(b.ends[4*i:]) }

func (b block) start(i int) uint32 {
	if i == 0 {
		return 0
	}
	return b.end(i - 1)
}

// val is the i'th record's facts, or nil when the block says they lie
// outside it (damage).
func (b block) val(i int) []byte {
	lo, hi := b.start(i), b.end(i)
	if lo > hi || hi > uint32(len(b.vals)) || hi-lo > maxFactBytes {
		return nil
	}
	return b.vals[lo:hi:hi]
}

// search is the index of the first id after after (nil: 0).
func (b block) search(after []byte) int {
	if after == nil {
		return 0
	}
	return sort.Search(b.len(), func(i int) bool { return bytes.Compare(b.id(i), after) > 0 })
}

// find is the index of id in b, or -1.
func (b block) find(id []byte) int {
	i := sort.Search(b.len(), func(i int) bool { return bytes.Compare(b.id(i), id) >= 0 })
	if i < b.len() && bytes.Equal(b.id(i), id) {
		return i
	}
	return -1
}

// parseBlock reads a block's layout: every part lies inside the value. A
// reader that takes the whole block checks the rest with check first; one
// that looks up a record takes its facts with val.
func parseBlock(v []byte) (block, error) {
	if len(v) > maxBlockBytes {
		return block{}, fmt.Errorf("a block of facts of %d bytes", len(v))
	}
	if len(v) >= 9 && v[0] == blockFormatSummed {
		body := v[: len(v)-4 : len(v)-4]
		if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(v[len(v)-4:]) {
			return block{}, errors.New("a block of facts whose bytes are not those it was sealed with (checksum differs)")
		}
		v = body
	} else if len(v) < 5 || v[0] != blockFormat {
		return block{}, errors.New("a block of facts of an unknown format")
	}
	n := uint64(binary.LittleEndian.Uint32(v[1:]))
	if n == 0 || 5+20*n > uint64(len(v)) {
		return block{}, fmt.Errorf("a block of facts that says it holds %d in %d bytes", n, len(v))
	}
	return block{ids: v[5 : 5+16*n], ends: v[5+16*n : 5+20*n], vals: v[5+20*n:]}, nil
}

// check checks that each record's facts lie in order inside the block and
// fill it, so that runs of them can be copied out whole.
func (b block) check() error {
	prev := uint32(0)
	for i := range b.len() {
		e := b.end(i)
		if e < prev || e > uint32(len(b.vals)) || e-prev > maxFactBytes {
			return fmt.Errorf("a block of facts whose record %d runs from %d to %d of %d bytes", i, prev, e, len(b.vals))
		}
		prev = e
	}
	if prev != uint32(len(b.vals)) {
		return fmt.Errorf("a block of facts with %d bytes after its last record", uint32(len(b.vals))-prev)
	}
	return nil
}

// ordered checks that the block's ids are in strictly increasing order.
func (b block) ordered() error {
	for i := 1; i < b.len(); i++ {
		if bytes.Compare(b.id(i-1), b.id(i)) >= 0 {
			return fmt.Errorf("a block of facts whose record %d (%x) is not after the one before it", i, b.id(i))
		}
	}
	return nil
}

// readBlock returns the block whose bucket in bb is named k.
func readBlock(bb *bolt.Bucket, k []byte) (block, error) { return readBlockVia(bb, k, nil) }

// readBlockVia is readBlock taking the block's bytes through copyOut, when
// not nil: given the block's bucket, it returns the bytes to parse (a copy
// read from the file: blockReader).
func readBlockVia(bb *bolt.Bucket, k []byte, copyOut func(sub *bolt.Bucket) ([]byte, error)) (block, error) {
	blockReads.Add(1)
	sub := bb.Bucket(k)
	if sub == nil {
		return block{}, fmt.Errorf("block %x is not a bucket", k)
	}
	var v []byte
	if copyOut == nil {
		mappedBlockReads.Add(1)
		v = sub.Get(keyBlock)
	} else {
		var err error
		if v, err = copyOut(sub); err != nil {
			return block{}, err
		}
	}
	b, err := parseBlock(v)
	if err != nil {
		return block{}, err
	}
	if !bytes.Equal(b.id(b.len()-1), k) {
		return block{}, fmt.Errorf("block %x ends with record %x", k, b.id(b.len()-1))
	}
	return b, nil
}

// factsFor returns the facts stored for the record with the 16-byte id,
// in a block or the tail, or nil.
func factsFor(tx *bolt.Tx, id []byte) ([]byte, error) { return factsHeld(tx, id, nil) }

// heldBlock is the block of facts last read by factsHeld, kept for the
// next lookup: a check looks up every record's facts in id order, and read
// afresh for each, every block's checksum was worked out once for each of
// the thousands of records it holds (9 of 29 s of CPU in a check of
// 100,000 records). Only for one transaction.
type heldBlock struct {
	key []byte
	b   block
	err error
}

// factsHeld is factsFor taking the block from held when it is the one
// held, and keeping the block it reads there otherwise (held nil: none
// is kept).
func factsHeld(tx *bolt.Tx, id []byte, held *heldBlock) ([]byte, error) {
	if bb := tx.Bucket(bucketFactBlocks); bb != nil {
		if k, _ := bb.Cursor().Seek(id); k != nil {
			var b block
			var err error
			if held != nil && held.key != nil && bytes.Equal(held.key, k) {
				b, err = held.b, held.err
			} else {
				b, err = readBlock(bb, k)
				if held != nil {
					held.key, held.b, held.err = bytes.Clone(k), b, err
				}
			}
			if err != nil {
				return nil, err
			}
			if i := b.find(id); i >= 0 {
				if v := b.val(i); v != nil {
					return v, nil
				}
				return nil, fmt.Errorf("the facts of record %x lie outside their block", id)
			}
		}
	}
	fb := tx.Bucket(bucketFacts)
	if fb == nil {
		return nil, nil
	}
	if v := fb.Get(id); v != nil {
		return v, nil
	}
	// Carried by the record itself, when it is after the last block.
	if bb := tx.Bucket(bucketFactBlocks); bb != nil && len(id) == 16 {
		if last := lastBlock(bb); last == nil || bytes.Compare(id, last) > 0 {
			if f, _, ok := packed.Facts(tx.Bucket(bucketRecords).Get(recordKey(record.ID(id)))); ok {
				return f, nil
			}
		}
	}
	return nil, nil
}

// lastBlock is the last id of the last block, or nil, read through
// bbolt's cursor (its map).
func lastBlock(bb *bolt.Bucket) []byte {
	if bb == nil {
		return nil
	}
	mappedLastBlocks.Add(1)
	k, _ := bb.Cursor().Last()
	return k
}

// lastBlockOf is lastBlock for a save, read from the file at holds, not
// through bbolt's map: every operation maps the store afresh, so the page
// of the blocks bucket a look-up reads through the map is a page fault,
// about 75 us of a save on a virtual machine, and its unmapping at close,
// for a page the save does not write (run W, docs/performance.md). The
// pages are read with a rawCursor (patindex.go), each checked as the pages
// of a save's path are; where one is not as bbolt wrote it, or at is not
// the file as the transaction sees it (a store without a file, a bucket
// inline in its parent, or a record stored earlier in the transaction,
// which may have sealed a block), the look-up goes through bbolt's cursor
// as before. The caller stores a record straight after: at.stored.
func lastBlockOf(tx *bolt.Tx, at *txFile, bb *bolt.Bucket) []byte {
	if at == nil || bb == nil || at.stored || at.unmapped || at.meta.pageSize == 0 || bb.Root() == 0 {
		if at != nil {
			at.stored = true
		}
		return lastBlock(bb)
	}
	at.stored = true
	c := rawCursor{m: at.meta, root: uint64(bb.Root()), buckets: true, read: func(uint64) io.ReaderAt {
		lastBlockPages.Add(1)
		return at.f
	}, room: at.room()}
	k, _ := c.Last()
	if c.bad {
		return lastBlock(bb)
	}
	fileLastBlocks.Add(1)
	return k
}

// appendFact puts the facts val of the record with the 16-byte id in the
// tail bucket, after the record itself is saved in the same transaction,
// and moves the tail into a block when it is long enough. bb is nil in a
// store whose facts predate blocks. A record saved after the last block
// carries its facts instead (storeRecord, countCarried); those that come
// here are late ids, and the records of a store without blocks.
func appendFact(tx *bolt.Tx, fb, bb *bolt.Bucket, id, val []byte) error {
	fb.FillPercent = fillInOrder
	if err := fb.Put(id, val); err != nil {
		return err
	}
	if bb == nil {
		return nil
	}
	last := lastBlock(bb)
	if last != nil && bytes.Compare(id, last) <= 0 {
		return nil // a late id: it stays in the tail
	}
	recs := tx.Bucket(bucketRecords)
	if tailCount(fb, recs)+1 >= uint64(blockFacts) {
		return seal(tx, fb, bb, recs, last)
	}
	return fb.SetSequence(fb.Sequence() + 1)
}

// countCarried counts the facts a record just stored carries (after the
// last block, last), and moves the tail into a block when it is long
// enough. The count is the records bucket's sequence, in its header, which
// the save of the record rewrites anyway.
func countCarried(tx *bolt.Tx, fb, bb, recs *bolt.Bucket, last []byte) error {
	if tailCount(fb, recs)+1 >= uint64(blockFacts) {
		return seal(tx, fb, bb, recs, last)
	}
	return recs.SetSequence(recs.Sequence() + 1)
}

// tailCount is how many facts lie after the last block: those in the tail
// bucket (counted by its sequence: a store's only count before records
// carried their facts) and those records carry (the records bucket's).
func tailCount(fb, recs *bolt.Bucket) uint64 { return fb.Sequence() + recs.Sequence() }

// tail walks, in id order, the facts after the last block and the late
// ones before it: the tail bucket's and those records carry, merged. The
// facts a record carries are covered by its checksum, checked as they are
// read: peek hands over those of a record whose checksum differs with an
// error, so that no reader counts facts that may be damaged.
//
// The records that carry facts are read through their pages, and a page
// that cannot be read makes bbolt panic when a cursor steps onto it: the
// tail steps over the spans of lost pages it is given (LostPages), never
// onto them, and hands over each record the patient index names in them
// with errLostPage and no facts, so that a reader leaves it out and names
// it as it does a record whose checksum differs.
type tail struct {
	fc             *bolt.Cursor
	rc             recCursor
	fk, fv, rk, rv []byte
	rsummed        bool
	rlost          bool  // rk is a record on a lost page: it has no facts
	rkey           error // why rk's record is not stored under its own id (carriedID), or nil
	// ck, cv is the next record of rc not yet looked at (nil: none);
	// pending, the ids (16 bytes) of a lost span stepped over, after rk.
	ck, cv  []byte
	pending [][]byte
	lost    []lostSpan   // the lost spans not yet stepped over, in order
	from    []byte       // the 16-byte id facts are read after
	nf      *bolt.Bucket // the records saved without facts (nil: none)
}

// newTail starts a tail after the 16-byte id after (nil: from the first).
// last is the last id of the last block: only the records after it carry
// facts that count (a block holds those of records before it). recs is
// nil for a store whose facts predate blocks, whose records carry none:
// every record would be read through to find that out. lost is the spans
// of lost pages of records to step over (nil: none), and, when the tree
// above the records is damaged, the records found on their own pages.
func newTail(fb, recs *bolt.Bucket, after, last []byte, lost *LostPages) *tail {
	t := &tail{fc: fb.Cursor(), rsummed: true}
	t.fk, t.fv = firstAfter(t.fc, after)
	if recs == nil {
		return t
	}
	t.from = after
	if last != nil && (t.from == nil || bytes.Compare(last, t.from) > 0) {
		t.from = last
	}
	t.rc = lost.recordsCursor(recs)
	t.nf = recs.Tx().Bucket(bucketNoFacts)
	if lost != nil {
		t.lost = lost.spans
	}
	var key []byte
	if t.from != nil {
		key = recordKey(record.ID(t.from))
	}
	for len(t.lost) > 0 && key != nil && t.lost[0].hi != nil && bytes.Compare(t.lost[0].hi, key) <= 0 {
		t.lost = t.lost[1:] // wholly before: facts in blocks
	}
	switch {
	case len(t.lost) > 0 && t.lost[0].holds(key):
		t.ck, t.cv = t.stepOver()
	case key == nil:
		t.ck, t.cv = t.rc.First()
	default:
		if t.ck, t.cv = t.rc.Seek(key); bytes.Equal(t.ck, key) {
			t.ck, t.cv = t.advance(t.ck)
		}
	}
	t.scan()
	return t
}

// holds reports whether a cursor sought to key (nil: the first) would
// land on the span's pages: key is after the last readable key before
// them and before their end.
func (sp lostSpan) holds(key []byte) bool {
	if sp.hi != nil && key != nil && bytes.Compare(key, sp.hi) >= 0 {
		return false
	}
	return sp.before == nil || key != nil && bytes.Compare(key, sp.before) > 0
}

// advance is the record after k, stepping over the next lost span when k
// is the last readable record before it.
func (t *tail) advance(k []byte) ([]byte, []byte) {
	if len(t.lost) > 0 && t.lost[0].before != nil && bytes.Equal(k, t.lost[0].before) {
		return t.stepOver()
	}
	return t.rc.Next()
}

// stepOver takes the next lost span: the ids it holds after from become
// pending, and the cursor goes to the first record after it.
func (t *tail) stepOver() ([]byte, []byte) {
	sp := t.lost[0]
	t.lost = t.lost[1:]
	for _, s := range sp.ids {
		u, err := uuid.Parse(s)
		if err == nil && (t.from == nil || bytes.Compare(u[:], t.from) > 0) {
			t.pending = append(t.pending, bytes.Clone(u[:]))
		}
	}
	if sp.hi == nil {
		return nil, nil
	}
	return t.rc.Seek(sp.hi)
}

// scan finds the next record that carries facts, or is lost, from ck on:
// rk, rv, rsummed and rlost; rk nil at the end.
func (t *tail) scan() {
	for {
		if len(t.pending) > 0 {
			t.rk, t.rv, t.rsummed, t.rlost, t.rkey = t.pending[0], nil, true, true, nil
			t.pending = t.pending[1:]
			return
		}
		k, v := t.ck, t.cv
		if k == nil {
			t.rk, t.rv, t.rsummed, t.rlost, t.rkey = nil, nil, true, false, nil
			return
		}
		t.ck, t.cv = t.advance(k)
		f, _, ok := packed.Facts(v)
		if !ok {
			if t.factsElsewhere(k) {
				continue
			}
			// After the last block, a record carries its facts, or
			// they are in the tail bucket, or it is listed as saved
			// without them. One that none says is damaged: a bit
			// flipped in its format byte (0x05 to 0x01) hid the facts
			// it carries, and a summary passed over it in silence.
			t.rk, t.rv, t.rsummed, t.rlost = nil, nil, true, false
			if id, ok := keyID16(k); ok {
				t.rk, t.rkey = id[:], errNoFacts
			} else {
				t.rk, t.rkey = carriedID(k, v, true)
			}
			return
		}
		t.rsummed, t.rlost = packed.SumOK(v), false
		t.rk, t.rkey = carriedID(k, v, t.rsummed)
		t.rv = f
		return
	}
}

// factsElsewhere reports whether the record stored under the key k, which
// carries no facts, has them in the tail bucket or is listed as saved
// without them (eachFactless reads those).
func (t *tail) factsElsewhere(k []byte) bool {
	id, ok := keyID16(k)
	if !ok {
		return false
	}
	if t.fc.Bucket().Get(id[:]) != nil {
		return true
	}
	return t.nf != nil && t.nf.Get(id[:]) != nil
}

// peek is the next fact, without taking it; nil at the end. Facts of one
// record both in the tail bucket and carried by it (damage, which check
// reports) are read from the tail bucket, as factsFor reads them, so
// that a reader counts the record once and finds what is wrong with it.
func (t *tail) peek() (k, v []byte, bad error) {
	switch {
	case t.rk == nil:
		return t.fk, t.fv, nil
	case t.fk == nil:
		return t.carried()
	}
	switch c := bytes.Compare(t.fk, t.rk); {
	case c == 0:
		t.scan()
		return t.peek()
	case c < 0:
		return t.fk, t.fv, nil
	}
	return t.carried()
}

// carried is the facts the next record carries, and an error when its
// checksum differs or its page is lost.
func (t *tail) carried() (k, v []byte, bad error) {
	switch {
	case t.rlost:
		bad = errLostPage
	case t.rkey != nil:
		bad = t.rkey
	case !t.rsummed:
		bad = errCarriedSum
	}
	return t.rk, t.rv, bad
}

var (
	// errCarriedSum is why the facts a record carries are not read.
	errCarriedSum = errors.New("its stored bytes are not those it was saved with (checksum differs)") // as sums.go words it
	// errLostPage is why the facts of a record on a lost page are not
	// read: what a bulk read of the records says of it (lostSpan).
	errLostPage = errors.New(lostPageWhy)
	// errNoFacts is why a record after the last block that carries no
	// facts, and has none elsewhere, is not counted: what a bulk read
	// of the records says of it (keyProblem).
	errNoFacts = errors.New(undecodableWhy)
)

// next takes the fact peek gives.
func (t *tail) next() {
	k, _, _ := t.peek()
	switch {
	case k == nil:
	case t.fk != nil && bytes.Equal(k, t.fk):
		t.fk, t.fv = t.fc.Next()
	default:
		t.scan()
	}
}

// seal moves the facts after last, in the tail bucket and carried by
// records, into a new block.
func seal(tx *bolt.Tx, fb, bb, recs *bolt.Bucket, last []byte) error {
	var ids, ends, vals, fromBucket []byte
	t := newTail(fb, recs, last, last, nil)
	for {
		k, v, bad := t.peek()
		if k == nil {
			break
		}
		if bad != nil {
			// Sealed under a checksum of their own, damaged facts would
			// pass for sound ones.
			return fmt.Errorf("the facts of record %s: %w", uuid.UUID(k), bad)
		}
		if t.fk != nil && bytes.Equal(k, t.fk) {
			fromBucket = append(fromBucket, k...)
		}
		ids = append(ids, k...)
		vals = append(vals, v...)
		ends = binary.LittleEndian.AppendUint32(ends, uint32(len(vals)))
		t.next()
	}
	n := len(ids) / 16
	if n == 0 {
		if err := recs.SetSequence(0); err != nil {
			return err
		}
		return fb.SetSequence(0)
	}
	val := make([]byte, 0, 5+len(ids)+len(ends)+len(vals)+4)
	val = append(val, blockFormatSummed)
	val = binary.LittleEndian.AppendUint32(val, uint32(n))
	val = append(append(append(val, ids...), ends...), vals...)
	val = binary.LittleEndian.AppendUint32(val, crc32.Checksum(val, castagnoli))
	sub, err := bb.CreateBucket(ids[len(ids)-16:])
	if err != nil {
		return err
	}
	if err := sub.Put(keyBlock, val); err != nil {
		return err
	}
	if err := recs.SetSequence(0); err != nil {
		return err
	}
	if k, _ := fb.Cursor().First(); k != nil && (last == nil || bytes.Compare(k, last) > 0) {
		// Nothing stays in the tail bucket: a new bucket, its count
		// 0, every old page freed. fb is gone with the old bucket.
		if err := tx.DeleteBucket(bucketFacts); err != nil {
			return err
		}
		if _, err := tx.CreateBucket(bucketFacts); err != nil {
			return err
		}
	} else {
		for i := 0; i < len(fromBucket); i += 16 {
			if err := fb.Delete(fromBucket[i : i+16]); err != nil {
				return err
			}
		}
		if fb.Sequence() != 0 {
			if err := fb.SetSequence(0); err != nil {
				return err
			}
		}
	}
	return raiseSchema(tx, schemaSummedBlocks)
}

// raiseSchema sets the store's schema to at least v.
func raiseSchema(tx *bolt.Tx, v int) error {
	m := tx.Bucket(bucketMeta)
	if have, err := strconv.Atoi(string(m.Get(keySchema))); err == nil && have >= v {
		return nil
	}
	return m.Put(keySchema, []byte(strconv.Itoa(v)))
}

// mergedFacts walks, in id order, the facts stored after the id after
// (nil: from the first): the blocks' and the tail's, merged. For each run
// of facts that lie together in one block it calls run with the block and
// the run's bounds, and run returns how many of them it took; for each
// fact of the tail it calls one, which returns whether it took it. Either
// taking less stops the walk. Damage (a block that cannot be read, or an
// id both in a block and in the tail) is an error.
//
// bad, for a fact of the tail, is why it must not be counted (it is carried
// by a record whose checksum differs), or nil: one decides what to do.
//
// lost is the spans of lost pages of records the tail steps over, their
// records handed to one with errLostPage (newestLost).
func mergedFacts(tx *bolt.Tx, after []byte, lost *LostPages, copyOut func(*bolt.Bucket) ([]byte, error), run func(b block, from, to int) int, one func(id, val []byte, bad error) bool) error {
	fb, bb := tx.Bucket(bucketFacts), tx.Bucket(bucketFactBlocks)
	if fb == nil {
		return nil
	}
	var recs *bolt.Bucket // records carry facts only in a store with blocks
	if bb != nil {
		recs = tx.Bucket(bucketRecords)
	}
	tc := newTail(fb, recs, after, lastBlock(bb), lost)
	tk, tv, tbad := tc.peek()
	if bb != nil {
		bc := bb.Cursor()
		for k, _ := firstAfter(bc, after); k != nil; k, _ = bc.Next() {
			b, err := readBlockVia(bb, k, copyOut)
			if err == nil {
				err = b.check()
			}
			if err != nil {
				return err
			}
			for i := b.search(after); i < b.len(); {
				if tk != nil {
					switch c := bytes.Compare(tk, b.id(i)); {
					case c == 0:
						return fmt.Errorf("record %x has facts both in a block and after it", tk)
					case c < 0:
						if !one(tk, tv, tbad) {
							return nil
						}
						tc.next()
						tk, tv, tbad = tc.peek()
						continue
					}
				}
				j := b.len()
				if tk != nil && bytes.Compare(tk, k) <= 0 {
					// The tail's next fact is in this block's range: the
					// run stops at it (or at the id it shares, damage).
					j = sort.Search(b.len(), func(x int) bool { return bytes.Compare(b.id(x), tk) >= 0 })
				}
				took := run(b, i, j)
				if took < j-i {
					return nil
				}
				i = j
			}
		}
	}
	for ; tk != nil; tk, tv, tbad = tc.peek() {
		if !one(tk, tv, tbad) {
			return nil
		}
		tc.next()
	}
	return nil
}

// blockPages lists where the blocks after the id after begin in the file,
// in id order: the page of each block's bucket, whose run of pages holds
// the block.
func blockPages(tx *bolt.Tx, after []byte) (at []int64, pageSize int64) {
	bb := tx.Bucket(bucketFactBlocks)
	if bb == nil {
		return nil, 0
	}
	size := int64(tx.DB().Info().PageSize)
	c := bb.Cursor()
	for k, v := firstAfter(c, after); k != nil; k, v = c.Next() {
		if sub := bb.Bucket(k); v == nil && sub != nil && sub.Root() != 0 {
			at = append(at, int64(sub.Root())*size)
		}
	}
	return at, size
}

// prefetchBlocks reads the runs of pages that begin at the offsets at, a
// few at a time, into the system's page cache, and throws them away: a
// reader that then takes the blocks through bbolt's map finds them in
// memory. From a cold cache, pages taken through the map come from the
// disk a few at a time, each read waiting for the last (4.7 s for a
// million records' blocks here); read ahead in large reads, four at once,
// they take 0.3 s. Nothing read is trusted or kept, and the file is read
// without a lock, as it may change meanwhile: a page's header says how
// long its run is, and a damaged one makes a read stop at maxBlockBytes or
// the end of the file. A run already in the page cache (a warm summary's)
// is not read again: copying 150 MB out of the cache only to throw it away
// was a tenth of a warm summary's CPU. It returns when every run is read
// or stop is closed.
func prefetchBlocks(path string, pageSize int64, at []int64, stop <-chan struct{}) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	next := make(chan int64)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]byte, 1<<20)
			for off := range next {
				if n, _ := f.ReadAt(buf[:pageHeaderSize], off); n < pageHeaderSize {
					continue
				}
				// bbolt's page header: the run is overflow+1 pages.
				pages := int64(binary.LittleEndian.Uint32(buf[12:])) + 1
				end := min(pages*pageSize, maxBlockBytes)
				if resident(f, off, end) {
					continue // in memory already: nothing to read
				}
				for done := int64(0); done < end; {
					m, err := f.ReadAt(buf, off+done)
					done += int64(m)
					if err != nil {
						break
					}
				}
			}
		}()
	}
	defer wg.Wait()
	defer close(next)
	for _, off := range at {
		select {
		case next <- off:
		case <-stop:
			return
		}
	}
}

// UnsummedFacts is how many records' facts lie in blocks sealed before
// blocks carried a checksum (blockFormat, by a digicheck before schema
// 5): a bit flipped in them on disk still decodes, and summary and the
// CSV export, which read them, cannot tell. check compares each with its
// record. Only the first bytes of each block are read.
func (s *Store) UnsummedFacts() (int, error) {
	n := 0
	err := s.runTx(false, nil, func(tx *bolt.Tx, at *txFile) error {
		bb := tx.Bucket(bucketFactBlocks)
		if bb == nil {
			return nil
		}
		// Where each block lies is read from the file (blockInFile),
		// and its first bytes with it: through bbolt, each block's
		// first page was paged into a map made for this transaction
		// alone, a wait before every summary's first count.
		r := blockReader{at: at, tx: tx}
		var head [5]byte
		c := bb.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			sub := bb.Bucket(k)
			if v != nil || sub == nil {
				continue // damage, which readers of the block report
			}
			b := head[:0]
			if off, size, ok := r.blockInFile(sub); ok {
				if size < len(head) {
					continue // too short to be a block: damage, as above
				}
				if _, err := at.f.ReadAt(head[:], off); err == nil {
					b = head[:]
				}
			} else {
				b = sub.Get(keyBlock)
			}
			if len(b) >= 5 && b[0] == blockFormat {
				n += int(binary.LittleEndian.Uint32(b[1:]))
			}
		}
		return nil
	})
	return n, err
}
