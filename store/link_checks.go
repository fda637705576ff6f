package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"

	bolt "go.etcd.io/bbolt"
)

// The links between versions checked. One bit flipped in the value of a
// link of the QI copy (factLinks: an amendment's or a void's id -> the id
// of the version it replaces) made the link name no record: summary, by
// default and --exact, counted the replaced version beside its
// amendment, or an assessment entered in error again, exit 0, nothing
// said. Each link a save writes now has a check beside it, in factMeta
// under prefixLinkCheck and the link's key: a leading byte saying which
// check (linkCheckV1), then a CRC-32C of the link's key and value, so
// that one bit flipped in either makes the link fail its check as the
// links are read. As for the table of names (facts.go), the check is kept
// apart, not in the link's value, which every earlier build reads as 16
// bytes alone, and in factMeta, not a bucket of its own; a link an
// earlier build wrote has none, and is read as before.
//
// A link whose check was lost (one bit flipped in the check's key) must
// not pass for an earlier build's: keyLinkChecks counts the links written
// with a check (8 bytes, little-endian, then a CRC-32C of them), and the
// checks read must be that many, each of a link the copy holds. A check
// whose key was flipped is then of no link, or no longer read as a check,
// and either is found; a link whose key was flipped has no check where
// its check is. Links are read in key order, and the checks, whose keys
// sort as the links' do, are walked beside them: no look-up per link.

var (
	// prefixLinkCheck begins the keys of factMeta that hold a check of a
	// link of factLinks: the prefix and the link's key (16 bytes) ->
	// linkEntry.
	prefixLinkCheck = []byte("link\x00")
	// keyLinkChecks holds how many links were written with a check.
	keyLinkChecks = []byte("linkChecks")
)

// linkCheckV1 is the first byte of a link's check: a CRC-32C of the
// link's key and value follows, 4 bytes, big-endian.
const linkCheckV1 = 1

// linkSum is the CRC-32C of the link k -> v.
func linkSum(k, v []byte) uint32 {
	return crc32.Update(crc32.Checksum(k, castagnoli), castagnoli, v)
}

// linkEntry is the check of the link k -> v.
func linkEntry(k, v []byte) []byte {
	e := make([]byte, 5)
	e[0] = linkCheckV1
	binary.BigEndian.PutUint32(e[1:], linkSum(k, v))
	return e
}

// linkCheckKey is the key of factMeta under which the check of the link
// under k is kept.
func linkCheckKey(k []byte) []byte {
	return append(bytes.Clone(prefixLinkCheck), k...)
}

// linkChecksValue is the value of keyLinkChecks for n checks.
func linkChecksValue(n uint64) []byte {
	v := binary.LittleEndian.AppendUint64(nil, n)
	return binary.LittleEndian.AppendUint32(v, crc32.Checksum(v, castagnoli))
}

// linkChecksKept is the number of links written with a check, as
// keyLinkChecks keeps it; kept is false when it is not kept (no link was
// written with a check), and ok false when it fails its own check.
func linkChecksKept(mb *bolt.Bucket) (n uint64, kept, ok bool) {
	if mb == nil {
		return 0, false, true
	}
	v := mb.Get(keyLinkChecks)
	if v == nil {
		return 0, false, true
	}
	if len(v) != 12 || crc32.Checksum(v[:8], castagnoli) != binary.LittleEndian.Uint32(v[8:]) {
		return 0, true, false
	}
	return binary.LittleEndian.Uint64(v), true, true
}

// putLinkCheck writes, in the transaction that saves the link k -> v, its
// check, and counts it. A count that fails its own check is left as it
// is, the damage to be found by the next reader, and the save goes on, as
// a name's does (facts.go): the records are what is saved.
func putLinkCheck(tx *bolt.Tx, k, v []byte) error {
	mb, err := tx.CreateBucketIfNotExists(bucketFactMeta)
	if err != nil {
		return err
	}
	ck := linkCheckKey(k)
	had := mb.Get(ck) != nil
	if err := mb.Put(ck, linkEntry(k, v)); err != nil {
		return err
	}
	n, _, ok := linkChecksKept(mb)
	if !ok || had {
		return nil
	}
	return mb.Put(keyLinkChecks, linkChecksValue(n+1))
}

// linkChecker reads the links of the QI copy, in key order, against their
// checks.
type linkChecker struct {
	mb   *bolt.Bucket
	cur  *bolt.Cursor // over the checks; nil: there are none
	k, v []byte       // the next check not yet met by a link: its key without the prefix
	seen uint64       // the checks read
	bad  []string     // what is wrong but of no one link
}

func newLinkChecker(tx *bolt.Tx) *linkChecker {
	lc := &linkChecker{mb: tx.Bucket(bucketFactMeta)}
	if lc.mb != nil {
		lc.cur = lc.mb.Cursor()
		lc.at(lc.cur.Seek(prefixLinkCheck))
	}
	return lc
}

// at takes k -> v as the next check, if it is one.
func (lc *linkChecker) at(k, v []byte) {
	lc.k, lc.v = nil, nil
	if k != nil && bytes.HasPrefix(k, prefixLinkCheck) {
		lc.k, lc.v = k[len(prefixLinkCheck):], v
	}
}

// next moves on from a check read.
func (lc *linkChecker) next() {
	lc.seen++
	lc.at(lc.cur.Next())
}

// stray notes the check at hand, which is of no link the copy holds.
func (lc *linkChecker) stray() {
	lc.bad = append(lc.bad, fmt.Sprintf("factLinks: a link's check is kept for %s, but the QI copy holds no link of it: the link's key is damaged, or the check's", keyID(lc.k)))
	lc.next()
}

// link says what is wrong with the link k -> v against its check, or "".
// It is called for each link in key order. A link without a check is an
// earlier build's, if done finds no check lost.
func (lc *linkChecker) link(k, v []byte) string {
	for lc.k != nil && bytes.Compare(lc.k, k) < 0 {
		lc.stray()
	}
	if lc.k == nil || !bytes.Equal(lc.k, k) {
		return ""
	}
	e := lc.v
	lc.next()
	if len(e) == 5 && e[0] == linkCheckV1 && binary.BigEndian.Uint32(e[1:]) == linkSum(k, v) {
		return ""
	}
	return fmt.Sprintf("factLinks: the link of record %s, which names %s as the version it replaces, fails its check: the link is damaged", keyID(k), keyID(v))
}

// done says, once every link has been read, what else is wrong: checks
// of no link, and checks lost.
func (lc *linkChecker) done() []string {
	for lc.k != nil {
		lc.stray()
	}
	n, kept, ok := linkChecksKept(lc.mb)
	switch {
	case !ok:
		lc.bad = append(lc.bad, "factLinks: the number of links written with a check fails its own check: it is damaged")
	case !kept && lc.seen > 0:
		lc.bad = append(lc.bad, fmt.Sprintf("factLinks: %d links have a check, but the number written with one is lost", lc.seen))
	case n != lc.seen:
		lc.bad = append(lc.bad, fmt.Sprintf("factLinks: %d links were written with a check, but %d checks are found: a link's check was lost, and which link it vouched for cannot be said", n, lc.seen))
	}
	return lc.bad
}

// linkCheckProblems is what is wrong with the links of the QI copy
// against their checks: each link that fails its check, in key order,
// then the rest (done).
func linkCheckProblems(tx *bolt.Tx) []string {
	var out []string
	lc := newLinkChecker(tx)
	if lb := tx.Bucket(bucketFactLinks); lb != nil {
		_ = lb.ForEach(func(k, v []byte) error {
			if why := lc.link(k, v); why != "" {
				out = append(out, why)
			}
			return nil
		})
	}
	return append(out, lc.done()...)
}
