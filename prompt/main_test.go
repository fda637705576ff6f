package prompt

import (
	"os"
	"testing"

	"digicheck/internal/testkit"
)

// Nearly all of these tests wait (lines typed a second apart, typed-ahead
// windows, the store's wait for its lock), each on a session, input and
// store of its own, and take next to no processor time: run more of them
// at once than there are processors. At go test's usual parallelism the
// package took 170 s on two processors, 55 s so. Under -race each test
// takes many times the processor time, and lines timed against a hold
// must still come inside it: eight there, as in ui.
func TestMain(m *testing.M) {
	n := 16
	if testkit.Race {
		n = 8
	}
	testkit.RaiseParallel(n)
	os.Exit(m.Run())
}
