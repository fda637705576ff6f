package store

import (
	"fmt"
	"regexp"
	"runtime"
	"strings"
	"sync"
)

// bboltAssertion is bbolt's words for a page whose header names another
// page: a page of zeros, or one written in the wrong place.
var bboltAssertion = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^assertion failed: Page expected to be: ([0-9]+), but self identifies as ([0-9]+)$`)
})

// bboltPanic is what a transaction panicked with, raised in function
// site (panicSite), in the words a clinician or IT can act on: bbolt's
// panics are its words for a damaged file; its own words stay underneath
// for errors.As and for a bug report, and in the words given for IT. A
// panic raised in digicheck's own code is said the same way (a save is
// refused until check has looked: a decoder of ours meeting damaged bytes
// can panic too), but its part for IT names the function instead of
// bbolt, and says that check finding the file sound makes it a fault of
// digicheck's to report.
func bboltPanic(p any, site string) error {
	if site != "" && !strings.HasPrefix(site, "go.etcd.io/bbolt") {
		raw := fmt.Errorf("%v, in %s", p, site)
		return wordsError{"a page of the file cannot be read (for IT: " + raw.Error() + "; if digicheck check finds the file sound, this is a fault in digicheck: report it)", raw}
	}
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

// panicSite is the function of a module (bbolt, digicheck, another
// library) the panic being recovered was raised in, for the deferred call
// that recovers it to name: on its stack, the first such function after
// runtime.gopanic. The runtime and the standard library are passed over:
// they raise panics on behalf of the code that called them (an index out
// of range, a fault in bytes.Compare's assembly under bbolt's search). ""
// when none is found.
func panicSite() string {
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs)])
	panicking := false
	for {
		f, more := frames.Next()
		if panicking && ofModule(f.Function) {
			return f.Function
		}
		panicking = panicking || f.Function == "runtime.gopanic"
		if !more {
			return ""
		}
	}
}

// ofModule says function fn, as the runtime names it, is of digicheck
// (package main or digicheck/...) or of a module whose path starts with a
// domain (go.etcd.io/bbolt), not of the standard library.
func ofModule(fn string) bool {
	if strings.HasPrefix(fn, "main.") || strings.HasPrefix(fn, "digicheck/") {
		return true
	}
	first, _, found := strings.Cut(fn, "/")
	return found && strings.Contains(first, ".")
}
