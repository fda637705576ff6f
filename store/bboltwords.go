package store

import (
	"fmt"
	"regexp"
	"sync"
)

// bboltAssertion is bbolt's words for a page whose header names another
// page: a page of zeros, or one written in the wrong place.
var bboltAssertion = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^assertion failed: Page expected to be: ([0-9]+), but self identifies as ([0-9]+)$`)
})

// bboltPanic is what bbolt panicked with, reading a damaged file, in the
// words a clinician or IT can act on; bbolt's own words stay underneath
// for errors.As and for a bug report, and in the words given for IT.
func bboltPanic(p any) error {
	raw := fmt.Errorf("bbolt: %v", p)
	if m := bboltAssertion().FindStringSubmatch(fmt.Sprint(p)); m != nil {
		what := "it says it is page " + m[2]
		if m[2] == "0" {
			what = "it is blank or says it is page 0"
		}
		return wordsError{fmt.Sprintf("a page of the file is not what it should be: page %s is unreadable (%s)", m[1], what), raw}
	}
	// Anything else (a runtime error reading a page whose entries lie
	// outside it, say) is said as what it means, bbolt's words for IT:
	// "bbolt: runtime error: slice bounds out of range" reached the
	// clinician, and the damage note beside the store, as it was.
	return wordsError{"a page of the file cannot be read (for IT: " + raw.Error() + ")", raw}
}

// wordsError is an error said in words, with the error it stands for
// underneath.
type wordsError struct {
	msg string
	err error
}

func (e wordsError) Error() string { return e.msg }
func (e wordsError) Unwrap() error { return e.err }
