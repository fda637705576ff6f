package store

import (
	"bytes"
	"os"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
)

// A record damaged where a whole earlier copy of it is still in the file
// (the page it was on before, freed and not yet written over): check
// advised "restore the store from a backup ... or enter that assessment
// again", though check --salvage writes it whole. The finding now says to
// salvage it before entering it again; a record with no whole copy left is
// not promised to salvage.
func TestCheckAdvisesSalvageBeforeReEntryWhereAWholeCopyIsLeft(t *testing.T) {
	t.Parallel()
	s := openTemp(t)
	kept := save(t, s, assessed(t, nhsPatient)).ID.String()
	gone := save(t, s, assessed(t, localPatient)).ID.String()
	testkit.Tamper(t, s.Path(), func(tx *bolt.Tx) error {
		recs := tx.Bucket(bucketRecords)
		// The record's bytes changed: the page now holding it is a new
		// one, and the one it was on before is left as it was, free.
		v := bytes.Clone(recs.Get([]byte(kept)))
		v[len(v)-3] ^= 1
		return recs.Put([]byte(kept), v)
	})
	// The other's every copy in the file changed: nothing whole is left.
	b, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte(gone))
		if j < 0 {
			break
		}
		at := i + j + len(gone)
		i = at
		if n := summedLen(b[at:]); n > 0 {
			b[at+n-1] ^= 0x01
		}
	}
	if err := os.WriteFile(s.Path(), b, 0o600); err != nil {
		t.Fatal(err)
	}
	rep, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	var saidKept, saidGone string
	for _, p := range rep.Problems {
		switch {
		case strings.HasPrefix(p, "record "+kept):
			saidKept = p
		case strings.HasPrefix(p, "record "+gone):
			saidGone = p
		}
	}
	if saidKept == "" || saidGone == "" {
		t.Fatalf("check does not name both damaged records:\n%s", rep)
	}
	salvage, again := strings.Index(saidKept, "--salvage"), strings.Index(saidKept, "enter that assessment again")
	if salvage < 0 || again < 0 || salvage > again {
		t.Errorf("the record whole in an earlier copy is not said to be salvaged before it is entered again: %s", saidKept)
	}
	if strings.Contains(saidGone, "--salvage") || !strings.Contains(saidGone, "enter that assessment again") {
		t.Errorf("the record with no whole copy left is not advised to be entered again, or is promised to salvage: %s", saidGone)
	}
}
