package store

import (
	"bytes"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// StartLook is what a start of an assessment reads of the store before its
// first screen: the drafts to offer, as ListDrafts lists them, and whether
// the store holds synthetic test data, as SyntheticData says.
type StartLook struct {
	Entries   []DraftEntry
	Synthetic bool
}

// StartDrafts reads what a start shows first in one transaction, where
// ExpireDrafts(maxAge), ListDrafts(maxAge) and SyntheticData took four,
// each an open of the file (a lock, a map and an unmap) before the first
// frame. ok is false, with nothing read and nothing written, when one
// read cannot stand for them, and the caller makes them as before: a
// draft is due to expire (ExpireDrafts discards it before the list is
// read), the drafts' tree is damaged (ListDrafts sets its pages aside
// first), or the transaction failed before it looked (each of them says
// so in its own words). Otherwise err is ListDrafts' error.
func (s *Store) StartDrafts(maxAge time.Duration) (look StartLook, ok bool, err error) {
	now := time.Now().UTC()
	err = s.runTx(false, nil, func(tx *bolt.Tx, at *txFile) error {
		if broken, _ := draftsTreeBroken(at.f, at.meta); broken {
			return nil // setAsideDraftPages writes first
		}
		if maxAge > 0 {
			if due, err := draftsDue(tx, at, maxAge, now); err != nil || due {
				return nil // ExpireDrafts says the error, or writes first
			}
		}
		ok = true
		if mb := tx.Bucket(bucketFactMeta); mb != nil {
			look.Synthetic = bytes.Equal(mb.Get(keyData), dataSynthetic)
		}
		var err error
		look.Entries, err = s.listDraftsIn(tx, at, maxAge, now)
		return err
	})
	if !ok {
		return StartLook{}, false, nil
	}
	slices.SortStableFunc(look.Entries, func(a, b DraftEntry) int { return a.Started.Compare(b.Started) })
	return look, true, err
}
