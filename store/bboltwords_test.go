package store

import (
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// bbolt's assertion about a page is said in words; what bbolt said stays
// underneath, and anything else it panics with is said as a page that
// cannot be read, bbolt's words kept for IT.
func TestBboltsPanicIsSaidInWords(t *testing.T) {
	for _, tc := range []struct {
		panic any
		want  string
	}{
		{"assertion failed: Page expected to be: 9, but self identifies as 0", "a page of the file is not what it should be: page 9 is unreadable (it is blank or says it is page 0)"},
		{"assertion failed: Page expected to be: 2000, but self identifies as 17", "a page of the file is not what it should be: page 2000 is unreadable (it says it is page 17)"},
		{"runtime error: index out of range [5] with length 3", "a page of the file cannot be read (for IT: bbolt: runtime error: index out of range [5] with length 3)"},
	} {
		err := bboltPanic(tc.panic, "go.etcd.io/bbolt.(*Cursor).search")
		if err.Error() != tc.want {
			t.Errorf("bbolt panicked with %q: said %q, want %q", tc.panic, err, tc.want)
		}
		if strings.Contains(err.Error(), "assertion") {
			t.Errorf("bbolt's assertion said as it is: %q", err)
		}
	}
}

// A panic raised in digicheck's own code inside a transaction is still
// said as a page that cannot be read (a save is refused, as for damage,
// until check has looked), but its part for IT names where it was raised
// and says what check finding the file sound then means: not "bbolt", as
// if the store's library had met a damaged page.
func TestAPanicOfDigichecksOwnCodeNamesWhereItWasRaised(t *testing.T) {
	s := openTemp(t)
	err := s.runTx(false, nil, func(*bolt.Tx, *txFile) error {
		var pages []int
		_ = pages[len(pages)] // index out of range, raised here
		return nil
	})
	if err == nil {
		t.Fatal("a panic in a transaction was not reported")
	}
	msg := err.Error()
	for _, want := range []string{"a page of the file cannot be read (for IT: runtime error: index out of range [0] with length 0, in digicheck/store.TestAPanicOfDigichecksOwnCodeNamesWhereItWasRaised", "if digicheck check finds the file sound, this is a fault in digicheck: report it"} {
		if !strings.Contains(msg, want) {
			t.Errorf("said %q\nwant it to hold %q", msg, want)
		}
	}
	if strings.Contains(msg, "bbolt:") {
		t.Errorf("digicheck's own panic said as bbolt's: %q", msg)
	}
}

// A panic raised inside bbolt (here by a cursor on a closed transaction's
// bucket, the nearest a test comes to a page bbolt cannot read) keeps
// bbolt's name in the part for IT.
func TestAPanicInsideBboltIsSaidAsBbolts(t *testing.T) {
	s := openTemp(t)
	err := s.runTx(false, nil, func(tx *bolt.Tx, _ *txFile) error {
		var b *bolt.Bucket
		b.Get([]byte("x")) // nil bucket: bbolt's own code faults
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "(for IT: bbolt: ") {
		t.Errorf("a panic in bbolt said %v, want bbolt named for IT", err)
	}
}

// Functions are told apart by module: the standard library's and the
// runtime's are passed over, as they raise panics for their callers.
func TestOnlyFunctionsOfAModuleAreNamedAsWhereAPanicWasRaised(t *testing.T) {
	for fn, want := range map[string]bool{
		"go.etcd.io/bbolt.(*Cursor).search":       true,
		"digicheck/store.(*walker).node":          true,
		"main.latestUnreadWords":                  true,
		"github.com/klauspost/compress/s2.Decode": true,
		"cmpbody":                             false,
		"bytes.Compare":                       false,
		"internal/bytealg.Compare":            false,
		"encoding/json.(*decodeState).object": false,
		"runtime.panicIndex":                  false,
	} {
		if got := ofModule(fn); got != want {
			t.Errorf("ofModule(%q) = %v, want %v", fn, got, want)
		}
	}
}
