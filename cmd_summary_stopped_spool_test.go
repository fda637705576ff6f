package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"
)

// Ctrl+C while a summary reads ended digicheck at once, on the ground
// that standard input's copy was already gone from its folder: so it is
// where the system removes an open file, but Windows refuses to remove a
// file that is open, and its copy was removed only on close, which the
// exit skipped. An identifiable export piped in and stopped on a ward PC
// was left in the user's temporary folder. The copies a summary holds are
// closed, and so removed, before it ends.
func TestCtrlCPutsAwayTheCopyOfStandardInputBeforeTheSummaryEnds(t *testing.T) {
	tmp, err := os.CreateTemp(t.TempDir(), ".digicheck-summary-*.tmp")
	if err != nil {
		t.Fatal(err)
	}
	var said bytes.Buffer
	r := newSummaryReading(&said, 1, 2, "out.csv")
	r.spool(spooled{tmp})
	exited := make(chan int, 1)
	var left bool
	r.exit = func(code int) {
		_, err := os.Stat(tmp.Name())
		left = err == nil
		exited <- code
	}
	r.watch()
	r.signals <- os.Interrupt
	select {
	case code := <-exited:
		if code != 130 {
			t.Errorf("Ctrl+C ended the summary with %d, want 130", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Ctrl+C did not end the summary")
	}
	if left {
		t.Errorf("the copy of standard input %s was still there when the summary ended", tmp.Name())
	}
	if !strings.Contains(said.String(), "nothing was written to out.csv") {
		t.Errorf("Ctrl+C said %q", said.String())
	}
}
