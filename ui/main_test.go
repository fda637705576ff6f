package ui

import (
	"os"
	"testing"

	"digicheck/internal/testkit"
)

// Most of these tests wait (keys typed at a typist's pace, holds), each on
// a model and store of its own: run more of them at once than there are
// processors.
func TestMain(m *testing.M) {
	testkit.RaiseParallel(8)
	os.Exit(m.Run())
}
