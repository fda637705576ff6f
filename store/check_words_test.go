package store

import (
	"bytes"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
)

// jargon is what a decoder says that no clinician or QI lead can act on:
// check gives it only after "for IT:", last.
var jargon = []string{"invalid UUID", "invalid character", "flate", "corrupt input", "parsing time", "cannot parse", "unexpected EOF", "json:", "carries id", "s2:", "snappy"}

// Damaged stores, item 4: check's lines for a record or a draft that
// cannot be read gave the decoder's words ("flate: corrupt input",
// "invalid UUID format") as the finding. Each line now says what is lost
// and what to do in plain words, the decoder's words last, after "for
// IT:".
func TestCheckSaysWhatIsLostInPlainWordsAndTheDecodersLastForIT(t *testing.T) {
	s := openTemp(t)
	var ids []string
	for range 3 {
		r := save(t, s, assessed(t, nhsPatient))
		ids = append(ids, r.ID.String())
	}
	var drafts []string
	for range 3 {
		d := draftOf(t, nhsPatient)
		if err := s.SaveDraft(&d); err != nil {
			t.Fatal(err)
		}
		drafts = append(drafts, d.ID.String())
	}
	testkit.Tamper(t, s.Path(), func(tx *bolt.Tx) error {
		recs, ds := tx.Bucket(bucketRecords), tx.Bucket(bucketDrafts)
		// A record whose first byte (what says how to read the rest)
		// changed, and one whose bytes are cut short.
		v := bytes.Clone(recs.Get([]byte(ids[0])))
		v[0] ^= 1
		if err := recs.Put([]byte(ids[0]), v); err != nil {
			return err
		}
		v = bytes.Clone(recs.Get([]byte(ids[1])))
		if err := recs.Put([]byte(ids[1]), v[:len(v)/2]); err != nil {
			return err
		}
		// A draft whose key is no longer an id, and one whose answers
		// are damaged.
		k := []byte(drafts[0])
		v = bytes.Clone(ds.Get(k))
		if err := ds.Delete(k); err != nil {
			return err
		}
		k[3] = 'x'
		if err := ds.Put(k, v); err != nil {
			return err
		}
		v = bytes.Clone(ds.Get([]byte(drafts[1])))
		v[0] = '#' // where its JSON begins
		return ds.Put([]byte(drafts[1]), v)
	})
	rep, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	var records, draftLines int
	for _, p := range append(rep.Problems, rep.SetAside...) {
		plain, _, _ := strings.Cut(p, "(for IT:")
		for _, j := range jargon {
			if strings.Contains(plain, j) {
				t.Errorf("check says %q before anything to act on: %s", j, p)
			}
		}
		switch {
		case strings.Contains(plain, "draft"):
			draftLines++
			if !strings.Contains(plain, "enter that assessment again") {
				t.Errorf("a damaged draft's line does not say what to do: %s", p)
			}
		case strings.HasPrefix(p, "record ") && strings.Contains(plain, "cannot be read"):
			records++
			if !strings.Contains(plain, "left out of summaries and exports") || !strings.Contains(plain, "restore the store from a backup") {
				t.Errorf("an unreadable record's line does not say what it means and what to do: %s", p)
			}
		}
	}
	if records != 2 || draftLines != 2 {
		t.Errorf("check names %d unreadable records and %d damaged drafts; want 2 and 2:\n%s", records, draftLines, rep)
	}
}
