package store

import (
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
)

// A store found damaged by a read refused its saves saying "... Nothing
// was written to it. Keep the file ... restore the store from a backup;
// nothing was written to it, and nothing will be until digicheck check
// finds it sound": twice, and too long for the box of the full-screen
// UI at 80x24. It says it once.
func TestARefusalSaysNothingWasWrittenOnce(t *testing.T) {
	s := openTemp(t)
	ids := keptDrafts(t, s, 2)
	testkit.Tamper(t, s.Path(), func(tx *bolt.Tx) error {
		return tx.Bucket(bucketDrafts).Put([]byte(ids[0].String()), []byte("{"))
	})
	s2, err := Open(s.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s2.ListDrafts(0); err == nil {
		t.Fatal("a damaged draft went unnoticed")
	}
	err = s2.Refused()
	if err == nil {
		t.Fatal("no refusal after damage was found")
	}
	if n := strings.Count(strings.ToLower(err.Error()), "nothing was written to it"); n != 1 {
		t.Errorf("the refusal says %d times that nothing was written:\n%s", n, err)
	}
	if !strings.Contains(err.Error(), "until digicheck check finds it sound") {
		t.Errorf("the refusal does not say what lifts it:\n%s", err)
	}
}
