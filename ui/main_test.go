package ui

import (
	"os"
	"testing"

	"digicheck/internal/testkit"
)

// Most of these tests wait (keys typed at a typist's pace, holds), each on
// a model and store of its own, and take next to no processor time (the
// package's tests used 7 s of it in 340 s), so they run eight at a time,
// more than there are processors. At 32 the package took under 190 s on
// two processors, but keys timed to the screen came late on a busy machine,
// with and without -race; CI runs three packages at a time in its first
// phase, so ui's time there is not on its longest path, and eight it is.
func TestMain(m *testing.M) {
	testkit.RaiseParallel(8)
	os.Exit(m.Run())
}
