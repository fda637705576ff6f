package store

import (
	"strings"
	"testing"
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
		err := bboltPanic(tc.panic)
		if err.Error() != tc.want {
			t.Errorf("bbolt panicked with %q: said %q, want %q", tc.panic, err, tc.want)
		}
		if strings.Contains(err.Error(), "assertion") {
			t.Errorf("bbolt's assertion said as it is: %q", err)
		}
	}
}
