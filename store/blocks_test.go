package store

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store/facts"
)

// smallBlocks makes blocks of n facts for the rest of the test.
func smallBlocks(t *testing.T, n int) {
	t.Helper()
	defer func(n int) { t.Cleanup(func() { blockFacts = n }) }(blockFacts)
	blockFacts = n
}

// layout is where a store keeps its facts: the blocks' last ids and how
// many facts each holds, and the ids in the tail.
type layout struct {
	blocks []int
	tail   []string
	schema string
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
	if fmt.Sprint(l.blocks) != "[3 3 3]" || len(l.tail) != 1 || l.tail[0] != saved[9].ID.String() {
		t.Errorf("10 facts in blocks of 3: blocks %v, tail %v; want [3 3 3] and the last record", l.blocks, l.tail)
	}
	if l.schema != strconv.Itoa(schemaSummed) {
		t.Errorf("schema %q after the first block, want %d (2 or more): an earlier digicheck would miss the facts in blocks", l.schema, schemaSummed)
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
	if fmt.Sprint(l.blocks) != "[3 3 3]" || len(l.tail) != 1 || l.tail[0] != early.String() {
		t.Errorf("blocks %v, tail %v; want [3 3 3] and only the late record left in the tail", l.blocks, l.tail)
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
	if len(l.blocks) != 0 || len(l.tail) != 8 || l.schema != strconv.Itoa(schemaSummed) {
		t.Errorf("store of schema 1 after 7 saves: blocks %v, %d facts one per key, schema %q; want none, 8, %d", l.blocks, len(l.tail), l.schema, schemaSummed)
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
		}, "has no facts"},
		"a fact in a block changed": {func(tx *bolt.Tx, first, _ []byte) error {
			sub := tx.Bucket(bucketFactBlocks).Bucket(first)
			v := bytes.Clone(sub.Get(keyBlock))
			b, _ := parseBlock(v)
			b.vals[b.start(1)+1] ^= 1 // the second record's status
			return sub.Put(keyBlock, v)
		}, "facts: record"},
		"a fact in the tail changed": {func(tx *bolt.Tx, _, _ []byte) error {
			fb := tx.Bucket(bucketFacts)
			k, v := fb.Cursor().First()
			v = bytes.Clone(v)
			v[1] ^= 1 // its status
			return fb.Put(bytes.Clone(k), v)
		}, "facts: record"},
		"ids out of order in a block": {func(tx *bolt.Tx, first, _ []byte) error {
			sub := tx.Bucket(bucketFactBlocks).Bucket(first)
			v := bytes.Clone(sub.Get(keyBlock))
			b, _ := parseBlock(v)
			a := bytes.Clone(b.id(0))
			copy(b.id(0), b.id(1))
			copy(b.id(1), a)
			return sub.Put(keyBlock, v)
		}, "is not after the one before it"},
		"a fact both in a block and the tail": {func(tx *bolt.Tx, first, _ []byte) error {
			b, err := readBlock(tx.Bucket(bucketFactBlocks), first)
			if err != nil {
				return err
			}
			return tx.Bucket(bucketFacts).Put(bytes.Clone(b.id(0)), bytes.Clone(b.val(0)))
		}, "both in a block and after it"},
		"the tail miscounted": {func(tx *bolt.Tx, _, _ []byte) error {
			return tx.Bucket(bucketFacts).SetSequence(2)
		}, "facts after the last block, counted as 2"},
		"a block cut short": {func(tx *bolt.Tx, _, last []byte) error {
			sub := tx.Bucket(bucketFactBlocks).Bucket(last)
			v := sub.Get(keyBlock)
			return sub.Put(keyBlock, bytes.Clone(v[:len(v)-3]))
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
