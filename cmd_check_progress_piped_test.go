package main

import (
	"strings"
	"testing"
	"time"

	"digicheck/store"
)

// TestCheckPipedWritesNoProgress: a check that took more than 20 seconds
// with standard error sent to a file wrote "Checking the store: 11,008
// records checked of 20,002 (21 seconds so far)" into it, though it passed:
// a scheduled task that mails standard error as problems got a line of
// progress. As README and check's help say, piped or run from a scheduled
// task check prints only its report: its progress is for a terminal.
func TestCheckPipedWritesNoProgress(t *testing.T) {
	var b strings.Builder
	clock := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	p := newCheckProgress(&b)
	p.now = func() time.Time { return clock }
	p.start = clock
	for i := range 1200 { // two minutes, a tick every 100 ms
		p.show(store.CheckProgress{Phase: store.PhaseRecords, Done: int64(i * 80), Total: 100000})
		clock = clock.Add(100 * time.Millisecond)
	}
	p.clear()
	if b.Len() != 0 {
		t.Errorf("piped, a check of two minutes wrote progress to standard error: %q", b.String())
	}
}
