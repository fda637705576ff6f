package store

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/store/packed"
)

// A bit flipped in the stored copy of a record's facts (a block, or the
// facts a record carries) can leave facts that still decode: another band,
// another route, a real patient marked synthetic. A summary or CSV export
// read from them gave other figures than the records, with no word of
// damage. A reader of facts must stop at them with ErrDamaged instead,
// naming what is damaged.
func TestAFlippedBitInStoredFactsStopsTheReader(t *testing.T) {
	smallBlocks(t, 3)
	for name, tt := range map[string]struct {
		damage func(tx *bolt.Tx, first []byte) error
		want   string
	}{
		"in a block": {func(tx *bolt.Tx, first []byte) error {
			sub := tx.Bucket(bucketFactBlocks).Bucket(first)
			v := bytes.Clone(sub.Get(keyBlock))
			b, err := parseBlock(v)
			if err != nil {
				return err
			}
			b.vals[b.start(1)+2] ^= 1 // the second record marked synthetic
			return sub.Put(keyBlock, v)
		}, "checksum"},
		"carried by a record": {func(tx *bolt.Tx, _ []byte) error {
			recs := tx.Bucket(bucketRecords)
			k, v := recs.Cursor().Last()
			f, _, ok := packed.Facts(v)
			if !ok {
				return fmt.Errorf("the last record carries no facts")
			}
			v = bytes.Clone(v)
			at := bytes.Index(v, f) // where its facts begin
			v[at+2] ^= 1            // its synthetic flag, the record's own sum left as it was
			return recs.Put(bytes.Clone(k), v)
		}, "checksum"},
	} {
		t.Run(name, func(t *testing.T) {
			s := openTemp(t)
			for range 7 {
				save(t, s, assessed(t, nhsPatient))
			}
			var first []byte
			if err := s.view(func(tx *bolt.Tx) error {
				k, _ := tx.Bucket(bucketFactBlocks).Cursor().First()
				first = bytes.Clone(k)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			testkit.Tamper(t, s.Path(), func(tx *bolt.Tx) error { return tt.damage(tx, first) })
			err := s.EachFactChunk(func(c FactChunk) error {
				for i := range c.Len() {
					if _, _, err := c.At(i); err != nil {
						return err
					}
				}
				return nil
			})
			if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("facts read with a bit flipped %s: %v; want ErrDamaged naming the %s", name, err, tt.want)
			}
		})
	}
}

// Blocks sealed before blocks carried a checksum (format 1) are read as
// they were.
func TestABlockWithoutAChecksumIsReadAsBefore(t *testing.T) {
	smallBlocks(t, 3)
	s := openTemp(t)
	var want []string
	for range 7 {
		want = append(want, save(t, s, assessed(t, nhsPatient)).ID.String())
	}
	testkit.Tamper(t, s.Path(), func(tx *bolt.Tx) error {
		bb := tx.Bucket(bucketFactBlocks)
		return bb.ForEach(func(k, _ []byte) error {
			sub := bb.Bucket(k)
			v := sub.Get(keyBlock)
			if v[0] != blockFormatSummed {
				return fmt.Errorf("block %x of format %d, want %d", k, v[0], blockFormatSummed)
			}
			old := append([]byte{blockFormat}, v[1:len(v)-4]...)
			return sub.Put(keyBlock, old)
		})
	})
	if got := factIDs(t, s); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("facts of a store with unsummed blocks read as\n%v\nwant\n%v", got, want)
	}
	sound(t, s)
}
