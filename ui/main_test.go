package ui

import (
	"os"
	"testing"

	"digicheck/internal/testkit"
)

// Most of these tests wait (keys typed at a typist's pace, holds), each on
// a model and store of its own, and take next to no processor time (the
// package's tests used 7 s of it in 340 s): run many more of them at once
// than there are processors. At 8 the package took 340 s on two
// processors, at 32 under 190 s, most of it the tmux captures. Under
// -race each test takes many times the processor time, and at 32 on a
// busy machine keys timed to the screen came late: eight there.
func TestMain(m *testing.M) {
	n := 32
	if testkit.Race {
		n = 8
	}
	testkit.RaiseParallel(n)
	os.Exit(m.Run())
}
