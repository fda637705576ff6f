package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"strconv"
	"strings"
	"testing"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store/facts"
	"digicheck/store/packed"
)

// uncarry moves the facts records after the last block carry into the
// tail bucket, counted by its sequence, and takes those of the records
// before it out (a block holds them), as a digicheck before records
// carried their facts kept them.
func uncarry(tx *bolt.Tx) error {
	recs, fb := tx.Bucket(bucketRecords), tx.Bucket(bucketFacts)
	var last []byte // a block holds the facts of the records up to it
	if bb := tx.Bucket(bucketFactBlocks); bb != nil {
		last, _ = bb.Cursor().Last()
	}
	type moved struct{ k, v, id, f []byte }
	var ms []moved
	if err := recs.ForEach(func(k, v []byte) error {
		if f, _, ok := packed.Facts(v); ok {
			id, err := uuid.ParseBytes(k)
			if err != nil {
				return err
			}
			ms = append(ms, moved{bytes.Clone(k), testkit.WithoutFacts(v), id[:], bytes.Clone(f)})
		}
		return nil
	}); err != nil {
		return err
	}
	for _, m := range ms {
		if err := recs.Put(m.k, m.v); err != nil {
			return err
		}
		if last != nil && bytes.Compare(m.id, last) <= 0 {
			continue
		}
		if err := fb.Put(m.id, m.f); err != nil {
			return err
		}
	}
	if err := fb.SetSequence(fb.Sequence() + recs.Sequence()); err != nil {
		return err
	}
	return recs.SetSequence(0)
}

// smallBlocks makes blocks of n facts for the rest of the test.
func smallBlocks(t *testing.T, n int) {
	t.Helper()
	defer func(n int) { t.Cleanup(func() { blockFacts = n }) }(blockFacts)
	blockFacts = n
}

// layout is where a store keeps its facts: the blocks' last ids and how
// many facts each holds, the ids in the tail bucket, and the ids of the
// records after the last block that carry their facts.
type layout struct {
	blocks  []int
	tail    []string
	carried []string
	schema  string
}

func layoutOf(t *testing.T, s *Store) layout {
	t.Helper()
	var l layout
	err := s.view(func(tx *bolt.Tx) error {
		l.schema = string(tx.Bucket(bucketMeta).Get(keySchema))
		if bb := tx.Bucket(bucketFactBlocks); bb != nil {
			if err := bb.ForEach(func(k, _ []byte) error {
				b, err := readBlock(bb, k)
				if err != nil {
					return err
				}
				l.blocks = append(l.blocks, b.len())
				return nil
			}); err != nil {
				return err
			}
		}
		var last []byte
		if bb := tx.Bucket(bucketFactBlocks); bb != nil {
			last, _ = bb.Cursor().Last()
		}
		if err := tx.Bucket(bucketRecords).ForEach(func(k, v []byte) error {
			id, err := uuid.ParseBytes(k)
			if _, _, carries := packed.Facts(v); carries && err == nil && (last == nil || bytes.Compare(id[:], last) > 0) {
				l.carried = append(l.carried, id.String())
			}
			return nil
		}); err != nil {
			return err
		}
		return tx.Bucket(bucketFacts).ForEach(func(k, _ []byte) error {
			l.tail = append(l.tail, uuid.UUID(k).String())
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// factIDs is the ids EachFactChunk gives, in the order it gives them.
func factIDs(t *testing.T, s *Store) []string {
	t.Helper()
	var ids []string
	if err := eachFact(s, func(id []byte, _ facts.View, _ *facts.Names) error {
		ids = append(ids, uuid.UUID(id).String())
		return nil
	}); err != nil {
		t.Fatalf("EachFactChunk: %v", err)
	}
	return ids
}

// resealed is a block v, changed, with its checksum made to fit again: a
// damaged block of format 1, which has none, as check finds it.
func resealed(v []byte) []byte {
	body := v[:len(v)-4]
	return binary.LittleEndian.AppendUint32(bytes.Clone(body), crc32.Checksum(body, castagnoli))
}

// sound fails the test unless Check finds nothing wrong.
func sound(t *testing.T, s *Store) {
	t.Helper()
	rep, err := s.Check()
	if err != nil || !rep.OK() {
		t.Fatalf("Check: %v\n%s", err, rep)
	}
}

func TestFactsMoveIntoFullBlocksAndReadTheSame(t *testing.T) {
	smallBlocks(t, 3)
	s := openTemp(t)
	var saved []record.Record
	for i := range 10 {
		r := assessed(t, []string{nhsPatient, localPatient}[i%2])
		saved = append(saved, save(t, s, r))
	}
	l := layoutOf(t, s)
	if fmt.Sprint(l.blocks) != "[3 3 3]" || len(l.tail) != 0 || len(l.carried) != 1 || l.carried[0] != saved[9].ID.String() {
		t.Errorf("10 facts in blocks of 3: blocks %v, tail %v, carried %v; want [3 3 3], none, and the last record carrying its own", l.blocks, l.tail, l.carried)
	}
	// At least schemaSummedBlocks; schemaS2 for the records' own format,
	// and schemaCounted for the store's count of its records.
	if l.schema != strconv.Itoa(schemaVersion) {
		t.Errorf("schema %q after the first block, want %d: an earlier digicheck would miss the facts in blocks or misread their checksum", l.schema, schemaVersion)
	}
	got := allFacts(t, s)
	for _, r := range saved {
		if !factsOf(t, got[r.ID.String()], r, questionnaire.V1) {
			t.Errorf("facts of %s differ from the record's", r.ID)
		}
		if _, err := s.Get(r.ID); err != nil {
			t.Errorf("Get %s, its facts in a block: %v", r.ID, err)
		}
	}
	var want []string
	for _, r := range saved {
		want = append(want, r.ID.String())
	}
	if ids := factIDs(t, s); strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("facts read in the order\n%v\nwant id order\n%v", ids, want)
	}
	sound(t, s)
}

// A record saved under an id before the last block's (another window's
// clock behind) keeps its facts in the tail, and they are read in id order.
func TestALateIDStaysInTheTailAndIsReadInIDOrder(t *testing.T) {
	smallBlocks(t, 3)
	s := openTemp(t)
	early, err := record.NewID()
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for range 4 {
		want = append(want, save(t, s, assessed(t, nhsPatient)).ID.String())
	}
	late := assessed(t, localPatient)
	late.ID = early
	save(t, s, late)
	for range 5 {
		want = append(want, save(t, s, assessed(t, nhsPatient)).ID.String())
	}
	want = append([]string{early.String()}, want...)
	l := layoutOf(t, s)
	if fmt.Sprint(l.blocks) != "[3 3 3]" || len(l.tail) != 1 || l.tail[0] != early.String() || len(l.carried) != 0 {
		t.Errorf("blocks %v, tail %v, carried %v; want [3 3 3] and only the late record left in the tail", l.blocks, l.tail, l.carried)
	}
	if ids := factIDs(t, s); strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("facts read in the order\n%v\nwant id order\n%v", ids, want)
	}
	if _, err := s.Get(early); err != nil {
		t.Errorf("Get of the late record: %v", err)
	}
	sound(t, s)
}

// A summary reads in short transactions while saves go on: a block sealed
// between two of them neither hides a fact nor gives one twice.
func TestFactsReadInChunksAcrossSealsComeOnceEach(t *testing.T) {
	smallBlocks(t, 3)
	defer func(n int) { factChunk = n }(factChunk)
	factChunk = 2
	s := openTemp(t)
	var before []string
	for range 7 {
		before = append(before, save(t, s, assessed(t, nhsPatient)).ID.String())
	}
	seen := map[string]int{}
	var order []string
	chunks := 0
	err := s.EachFactChunk(func(c FactChunk) error {
		chunks++
		for i := range c.Len() {
			id, _, err := c.At(i)
			if err != nil {
				return err
			}
			seen[uuid.UUID(id).String()]++
			order = append(order, uuid.UUID(id).String())
		}
		if chunks < 6 {
			save(t, s, assessed(t, localPatient)) // seals a block every third
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range before {
		if seen[id] != 1 {
			t.Errorf("record %s saved before the read was given %d times", id, seen[id])
		}
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("record %s given %d times", id, n)
		}
	}
	for i := 1; i < len(order); i++ {
		if order[i-1] >= order[i] {
			t.Errorf("facts out of id order at %d: %s then %s", i, order[i-1], order[i])
		}
	}
	if l := layoutOf(t, s); len(l.blocks) < 3 {
		t.Errorf("blocks %v: the saves during the read should have sealed some", l.blocks)
	}
	sound(t, s)
}

// A store whose facts were made before blocks (by an earlier digicheck)
// keeps them one per key: it is read and checked as it was. Its first
// packed record raises its schema, so that digicheck, which would read the
// packed bytes as broken JSON and call the store damaged, refuses it as
// newer instead.
func TestAStoreFromBeforeBlocksKeepsItsFactsAsTheyWere(t *testing.T) {
	smallBlocks(t, 3)
	s := openTemp(t)
	save(t, s, assessed(t, nhsPatient))
	testkit.Tamper(t, s.Path(), func(tx *bolt.Tx) error {
		if err := uncarry(tx); err != nil {
			return err
		}
		if err := tx.DeleteBucket(bucketFactBlocks); err != nil {
			return err
		}
		if err := tx.Bucket(bucketFacts).SetSequence(0); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("1"))
	})
	for range 7 {
		save(t, s, assessed(t, localPatient))
	}
	l := layoutOf(t, s)
	if len(l.blocks) != 0 || len(l.tail) != 8 || len(l.carried) != 0 || l.schema != strconv.Itoa(schemaS2) {
		t.Errorf("store of schema 1 after 7 saves: blocks %v, %d facts one per key, %d carried, schema %q; want none, 8, 0, %d", l.blocks, len(l.tail), len(l.carried), l.schema, schemaS2)
	}
	if n := len(factIDs(t, s)); n != 8 {
		t.Errorf("%d facts read, want 8", n)
	}
	sound(t, s)
}

// Facts in blocks fill their pages: a block is one run of pages written
// once, so a summary from a cold cache reads them in long sequential reads.
func TestBlocksOfFactsFillTheirPages(t *testing.T) {
	smallBlocks(t, 256)
	s := openTemp(t)
	rs := make([]record.Record, 3*256+5)
	for i := range rs {
		rs[i] = assessed(t, nhsPatient)
		rs[i].Synthetic = true
		rs[i].ID = record.ID(uuid.Must(uuid.NewV7()))
	}
	if err := s.SaveSynthetic(rs); err != nil {
		t.Fatal(err)
	}
	err := s.view(func(tx *bolt.Tx) error {
		bb := tx.Bucket(bucketFactBlocks)
		n := 0
		err := bb.ForEach(func(k, _ []byte) error {
			n++
			st := bb.Bucket(k).Stats()
			if st.LeafPageN != 1 || float64(st.LeafInuse) < 0.9*float64(st.LeafAlloc) {
				return fmt.Errorf("block %d: %d leaf pages (%d overflow), %d of %d bytes used; want one run of pages at least 90%% full",
					n, st.LeafPageN, st.LeafOverflowN, st.LeafInuse, st.LeafAlloc)
			}
			return nil
		})
		if err == nil && n != 3 {
			err = fmt.Errorf("%d blocks, want 3", n)
		}
		return err
	})
	if err != nil {
		t.Error(err)
	}
	sound(t, s)
}

// check finds every way the blocks can disagree with the records or with
// each other.
func TestCheckFindsDamagedBlocks(t *testing.T) {
	smallBlocks(t, 3)
	for name, tt := range map[string]struct {
		damage func(tx *bolt.Tx, first, last []byte) error
		want   string
	}{
		"a block gone": {func(tx *bolt.Tx, first, _ []byte) error {
			return tx.Bucket(bucketFactBlocks).DeleteBucket(first)
		}, "has no QI copy"},
		"a fact in a block changed": {func(tx *bolt.Tx, first, _ []byte) error {
			sub := tx.Bucket(bucketFactBlocks).Bucket(first)
			v := bytes.Clone(sub.Get(keyBlock))
			b, _ := parseBlock(v)
			b.vals[b.start(1)+1] ^= 1 // the second record's status
			return sub.Put(keyBlock, resealed(v))
		}, "QI copy (what summary and the CSV export count)"},
		"a fact in the tail changed": {func(tx *bolt.Tx, _, _ []byte) error {
			if err := uncarry(tx); err != nil {
				return err
			}
			fb := tx.Bucket(bucketFacts)
			k, v := fb.Cursor().First()
			v = bytes.Clone(v)
			v[1] ^= 1 // its status
			return fb.Put(bytes.Clone(k), v)
		}, "QI copy (what summary and the CSV export count)"},
		"a fact a record carries changed": {func(tx *bolt.Tx, _, _ []byte) error {
			recs := tx.Bucket(bucketRecords)
			k, v := recs.Cursor().Last()
			f, _, ok := packed.Facts(v)
			if !ok {
				return fmt.Errorf("the last record carries no facts")
			}
			f = bytes.Clone(f)
			f[1] ^= 1 // its status
			return recs.Put(bytes.Clone(k), packed.WithFacts(testkit.WithoutFacts(v), f))
		}, "QI copy (what summary and the CSV export count)"},
		"a fact both carried and in the tail": {func(tx *bolt.Tx, _, _ []byte) error {
			k, v := tx.Bucket(bucketRecords).Cursor().Last()
			id, err := uuid.ParseBytes(k)
			f, _, ok := packed.Facts(v)
			if err != nil || !ok {
				return fmt.Errorf("the last record carries no facts")
			}
			return tx.Bucket(bucketFacts).Put(id[:], bytes.Clone(f))
		}, "in the QI copy (what summary and the CSV export count) twice"},
		"ids out of order in a block": {func(tx *bolt.Tx, first, _ []byte) error {
			sub := tx.Bucket(bucketFactBlocks).Bucket(first)
			v := bytes.Clone(sub.Get(keyBlock))
			b, _ := parseBlock(v)
			a := bytes.Clone(b.id(0))
			copy(b.id(0), b.id(1))
			copy(b.id(1), a)
			return sub.Put(keyBlock, resealed(v))
		}, "is not after the one before it"},
		"a fact both in a block and the tail": {func(tx *bolt.Tx, first, _ []byte) error {
			b, err := readBlock(tx.Bucket(bucketFactBlocks), first)
			if err != nil {
				return err
			}
			return tx.Bucket(bucketFacts).Put(bytes.Clone(b.id(0)), bytes.Clone(b.val(0)))
		}, "in the QI copy (what summary and the CSV export count) twice"},
		"the tail miscounted": {func(tx *bolt.Tx, _, _ []byte) error {
			return tx.Bucket(bucketFacts).SetSequence(2)
		}, "holds 1 of them, but its own count says 3"},
		"the facts records carry miscounted": {func(tx *bolt.Tx, _, _ []byte) error {
			return tx.Bucket(bucketRecords).SetSequence(2)
		}, "holds 1 of them, but its own count says 2"},
		"a block cut short": {func(tx *bolt.Tx, _, last []byte) error {
			sub := tx.Bucket(bucketFactBlocks).Bucket(last)
			v := sub.Get(keyBlock)
			return sub.Put(keyBlock, resealed(v[:len(v)-3]))
		}, "runs from"},
	} {
		t.Run(name, func(t *testing.T) {
			s := openTemp(t)
			for range 7 {
				save(t, s, assessed(t, nhsPatient))
			}
			var first, last []byte
			if err := s.view(func(tx *bolt.Tx) error {
				c := tx.Bucket(bucketFactBlocks).Cursor()
				k, _ := c.First()
				first = bytes.Clone(k)
				k, _ = c.Last()
				last = bytes.Clone(k)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			testkit.Tamper(t, s.Path(), func(tx *bolt.Tx) error { return tt.damage(tx, first, last) })
			rep, err := s.Check()
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(strings.Join(rep.Problems, "\n"), tt.want) {
				t.Errorf("check found\n%s\nwant a problem saying %q", strings.Join(rep.Problems, "\n"), tt.want)
			}
		})
	}
}

// Issue 15, a save within 1.5 x a bare bbolt transaction: a record saved
// after the last block carries its facts in its own value, in the leaf the
// save writes anyway, so the save rewrites no page of the facts' tail
// (its last leaf and the branch above, two of the pages a save wrote). The
// tail bucket's root page stays where it was, and the count of facts after
// the last block is in the records bucket's header.
func TestASaveWritesNoPageOfTheFactsTail(t *testing.T) {
	s := openTemp(t)
	rs := make([]record.Record, 300) // some 45 kB of facts: a tail of many pages
	for i := range rs {
		rs[i] = assessed(t, nhsPatient)
		rs[i].Synthetic = true
	}
	if err := s.SaveSynthetic(rs); err != nil {
		t.Fatal(err)
	}
	tailRoot := func() (root uint64, count uint64) {
		t.Helper()
		if err := s.view(func(tx *bolt.Tx) error {
			root = uint64(tx.Bucket(bucketFacts).Root())
			count = tailCount(tx.Bucket(bucketFacts), tx.Bucket(bucketRecords))
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return root, count
	}
	root, n := tailRoot()
	r := assessed(t, localPatient)
	r.Synthetic = true
	r = save(t, s, r)
	if after, m := tailRoot(); after != root || m != n+1 {
		t.Errorf("a save moved the tail bucket's root from page %d to %d (count %d to %d); want it left where it was, and one more counted", root, after, n, m)
	}
	l := layoutOf(t, s)
	if len(l.carried) != 301 || len(l.tail) != 0 || l.carried[300] != r.ID.String() {
		t.Errorf("%d records carry their facts, %d in the tail bucket; want 301 and none", len(l.carried), len(l.tail))
	}
	if got := allFacts(t, s)[r.ID.String()]; !factsOf(t, got, r, questionnaire.V1) {
		t.Error("the facts read of the record saved are not the record's")
	}
	sound(t, s)
}

// A store whose facts after the last block are in the tail bucket (as a
// digicheck before records carried them kept them) goes on: new records
// carry theirs, both are read in id order, and the block that comes takes
// both and empties the tail bucket.
func TestATailFromBeforeRecordsCarriedFactsIsSealedWithThem(t *testing.T) {
	smallBlocks(t, 5)
	s := openTemp(t)
	var want []string
	for range 7 {
		want = append(want, save(t, s, assessed(t, nhsPatient)).ID.String())
	}
	testkit.Tamper(t, s.Path(), func(tx *bolt.Tx) error {
		if err := uncarry(tx); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("3"))
	})
	if l := layoutOf(t, s); fmt.Sprint(l.blocks) != "[5]" || len(l.tail) != 2 || len(l.carried) != 0 {
		t.Fatalf("the earlier layout: blocks %v, tail %v, carried %v; want [5], 2, none", l.blocks, l.tail, l.carried)
	}
	want = append(want, save(t, s, assessed(t, localPatient)).ID.String())
	l := layoutOf(t, s)
	if fmt.Sprint(l.blocks) != "[5]" || len(l.tail) != 2 || len(l.carried) != 1 || l.schema != strconv.Itoa(schemaS2) {
		t.Errorf("after a save: blocks %v, tail %v, carried %v, schema %s; want [5], 2, 1, %d", l.blocks, l.tail, l.carried, l.schema, schemaS2)
	}
	if ids := factIDs(t, s); strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("facts read in the order\n%v\nwant\n%v", ids, want)
	}
	sound(t, s)
	for range 2 {
		want = append(want, save(t, s, assessed(t, localPatient)).ID.String())
	}
	l = layoutOf(t, s)
	if fmt.Sprint(l.blocks) != "[5 5]" || len(l.tail) != 0 || len(l.carried) != 0 {
		t.Errorf("after the block: blocks %v, tail %v, carried %v; want [5 5], none, none", l.blocks, l.tail, l.carried)
	}
	if ids := factIDs(t, s); strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("facts read in the order\n%v\nwant\n%v", ids, want)
	}
	sound(t, s)
}
