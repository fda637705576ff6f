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
// Under the race detector too: the root package took 891 s so, and more
// than 20 minutes at go test's usual parallelism.
func RaiseParallel(n int) {
	if !flag.Parsed() {
		flag.Parse()
	}
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.parallel" })
	if !given {
		if err := flag.Set("test.parallel", strconv.Itoa(n)); err != nil {
			panic(err)
		}
	}
}
