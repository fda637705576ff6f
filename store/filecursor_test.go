package store

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// walkBoth walks the records of s with bbolt's cursor and with a
// fileCursor in one transaction, First then Next to the end, and Seek at
// every key, between keys, before the first and past the last: each move
// of the one must give the key and value the other's does. A move that
// panics is said so, with bbolt's words.
func walkBoth(t *testing.T, s *Store) (moves int) {
	t.Helper()
	var diffs []string
	err := s.runTx(false, nil, func(tx *bolt.Tx, at *txFile) error {
		recs := tx.Bucket(bucketRecords)
		var runs pageRuns
		mapped, file := recs.Cursor(), newFileCursor(recs, tx, at, &runs)
		if _, ok := file.(*fileCursor); !ok {
			t.Fatal("the records are kept inline: no pages to read")
		}
		move := func(c recCursor, m func(recCursor) ([]byte, []byte)) (k, v []byte, p string) {
			defer func() {
				if r := recover(); r != nil {
					p = fmt.Sprint(r)
				}
			}()
			k, v = m(c)
			return k, v, ""
		}
		same := func(what string, m func(recCursor) ([]byte, []byte)) []byte {
			moves++
			k1, v1, p1 := move(mapped, m)
			k2, v2, p2 := move(file, m)
			if !bytes.Equal(k1, k2) || !bytes.Equal(v1, v2) || (v1 == nil) != (v2 == nil) || p1 != p2 {
				diffs = append(diffs, fmt.Sprintf("%s: bbolt %q (%d bytes, %q), file %q (%d bytes, %q)", what, k1, len(v1), p1, k2, len(v2), p2))
			}
			if p1 != "" {
				return nil
			}
			return bytes.Clone(k1)
		}
		var keys [][]byte
		for k := same("First", recCursor.First); k != nil; k = same("Next after "+string(k), recCursor.Next) {
			keys = append(keys, k)
		}
		seeks := [][]byte{nil, {}, []byte("0"), []byte("~")}
		for _, k := range keys {
			seeks = append(seeks, k, append(bytes.Clone(k), 0), k[:len(k)-1])
		}
		for _, sk := range seeks {
			k := same(fmt.Sprintf("Seek %q", sk), func(c recCursor) ([]byte, []byte) { return c.Seek(sk) })
			if k != nil {
				same(fmt.Sprintf("Next after Seek %q", sk), recCursor.Next)
			}
		}
		runs.release()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range diffs {
		if i == 10 {
			t.Errorf("and %d more", len(diffs)-10)
			break
		}
		t.Error(d)
	}
	return moves
}

// The records' check reads the records' pages itself (fileCursor), where
// bbolt's cursor read them through its map: every First, Next and Seek
// gives the key and value bbolt's does, over a tree of more than one
// level.
func TestTheRecordsReadFromTheFileAreThoseBboltsCursorReads(t *testing.T) {
	s := syntheticStore(t, filepath.Join(t.TempDir(), "s.db"), 300)
	if moves := walkBoth(t, s); moves < 1000 {
		t.Fatalf("only %d moves compared", moves)
	}
}

// At a page that is not a sound leaf or branch (one whose elements lie
// past it, one zeroed) the file's reader hands over to bbolt's cursor,
// placed where it stood: the records before are read as bbolt reads them,
// and the damaged page is met as bbolt meets it, in bbolt's words.
func TestTheRecordsReadFromTheFileHandOverToBboltAtADamagedPage(t *testing.T) {
	for _, damage := range []string{"elements past the leaf", "a zeroed leaf"} {
		t.Run(damage, func(t *testing.T) {
			s := syntheticStore(t, filepath.Join(t.TempDir(), "s.db"), 300)
			leaf, size := lastLeafOf(t, s, bucketRecords)
			switch damage {
			case "elements past the leaf":
				pastPage(t, s.Path(), leaf, size)
			default:
				poke(t, s.Path(), leaf*size, make([]byte, size)...)
			}
			walkBoth(t, s)
		})
	}
}
