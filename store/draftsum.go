package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"digicheck/store/packed"
)

// Drafts' checksum. A draft was kept as its JSON alone, with nothing to
// tell its bytes from others: one flipped bit in the month of when it was
// kept made a draft of minutes ago 7 days idle, and the next start wiped
// it as expired, saying so only as digicheck ended and not whose it was;
// another patient's valid NHS number, or another valid answer, flipped
// into it, passed check and would be resumed and saved as entered.
//
// So a draft is kept as a record is: draftSummed, then the SHA-256 of the
// rest of the value, then the draft's JSON, left as it is (unpacked: a
// draft is read from its own page when the pages that lead to it are
// damaged, and its patient read from its bytes when it cannot be read
// whole). No JSON begins with draftSummed, so a value that begins with '{'
// is a draft kept before drafts carried their sum, and is read as it was.
// A draft whose bytes are not those it was kept with is damaged, as one
// that does not decode is: never offered, never discarded as expired,
// kept in the file for IT and named by patient (ListDrafts, check's SET
// ASIDE), until check --discard-damaged-drafts removes it.

// draftSummed is the first byte of a draft that carries its checksum.
// It is none of the record formats (package packed), and no single
// flipped bit turns it into '{', '[' or white space, which JSON may
// begin with.
const draftSummed = 0x10

// schemaSummedDrafts is the first schema whose drafts may carry their
// sum. An earlier digicheck would read every such draft as damaged (not
// offered, and removed by its check --discard-damaged-drafts), so keeping
// one raises the store's schema (putDraft), and an earlier digicheck
// refuses the store as newer instead.
const schemaSummedDrafts = 8

// errDraftSum is a draft whose bytes are not those it was kept with.
var errDraftSum = errors.New("the draft's stored bytes are not those it was kept with (its checksum differs)")

// encodeDraft is d as the store keeps it: draftSummed, the SHA-256 of its
// JSON, its JSON.
func encodeDraft(d *Draft) ([]byte, error) {
	j, err := json.Marshal(d)
	if err != nil {
		return nil, err
	}
	v := make([]byte, 1+packed.SumSize+len(j))
	v[0] = draftSummed
	copy(v[1+packed.SumSize:], j)
	sum := sha256.Sum256(j)
	copy(v[1:], sum[:])
	return v, nil
}

// draftJSON is the JSON of a stored draft: past its checksum, which it
// must match (errDraftSum), or the value itself for a draft kept before
// drafts carried their sum.
func draftJSON(val []byte) ([]byte, error) {
	if len(val) == 0 || val[0] != draftSummed {
		return val, nil
	}
	if len(val) < 1+packed.SumSize {
		return nil, fmt.Errorf("a draft cut short: %d bytes", len(val))
	}
	j := val[1+packed.SumSize:]
	if sum := sha256.Sum256(j); !bytes.Equal(sum[:], val[1:1+packed.SumSize]) {
		return nil, errDraftSum
	}
	return j, nil
}

// draftWholeUnsummed reports whether the stored draft val, whose bytes
// fail their checksum, still reads as a draft under key, its checksum
// left aside: then its answers are there for IT, though it is not to be
// offered (check's words, draftFinding).
func draftWholeUnsummed(key, val []byte) bool {
	if len(val) < 1+packed.SumSize || val[0] != draftSummed {
		return false
	}
	_, err := decodeDraft(key, val[1+packed.SumSize:])
	return err == nil
}

// isDraftValue reports whether val begins as a stored draft does: its
// checksum's format byte, or the JSON of a draft kept before.
func isDraftValue(val []byte) bool {
	return len(val) > 0 && (val[0] == draftSummed || val[0] == '{')
}

// putDraft keeps d under key in b, a bucket of drafts of tx, and raises
// the store's schema to schemaSummedDrafts (the first time only).
func putDraft(tx *bolt.Tx, b *bolt.Bucket, key []byte, d *Draft) error {
	val, err := encodeDraft(d)
	if err != nil {
		return &Error{ErrInvalidRecord, "cannot encode the draft: " + err.Error(), err}
	}
	if err := b.Put(key, val); err != nil {
		return err
	}
	return raiseSchema(tx, schemaSummedDrafts)
}
