package testkit

import (
	"flag"
	"strconv"
)

// RaiseParallel sets go test's -parallel to n, for a TestMain to call
// before m.Run, unless the command line gave -parallel itself. The
// default (GOMAXPROCS) suits tests that compute; tests that mostly wait
// (keys typed a second apart, a hold, a program in a terminal) finish
// sooner side by side, each with its own store, home and terminal.
// Under the race detector it leaves -parallel as it is: the tests that
// wait skip themselves there (EndToEnd), what is left computes, and eight
// at a time on two processors only contend (the root package took 891 s
// so, against 447 s before it ran side by side).
func RaiseParallel(n int) {
	if !flag.Parsed() {
		flag.Parse()
	}
	if Race {
		return
	}
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.parallel" })
	if !given {
		if err := flag.Set("test.parallel", strconv.Itoa(n)); err != nil {
			panic(err)
		}
	}
}
