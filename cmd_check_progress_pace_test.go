package main

import (
	"strings"
	"testing"
	"time"

	"digicheck/store"
)

// TestCheckProgressComesAfterAMomentAndPipedOnlyNowAndThen: a check of
// 100,000 records ran over a minute with standard error piped to a log,
// and the log said nothing the whole time, so it looked hung. Piped, check
// now writes a line of how far it has got once it has run pipedAfter, and
// at most one every pipedEvery after that, each whole, for a log; at a
// terminal the line it rewrites comes only once the check has taken a
// moment (a small store's check is over before then), then a few times a
// second. The clock is the test's: each call of show is a tick of it.
func TestCheckProgressComesAfterAMomentAndPipedOnlyNowAndThen(t *testing.T) {
	const tick = 100 * time.Millisecond
	const ticks = 1200 // two minutes
	run := func(tty bool) (out string, firstAt time.Duration, writes int) {
		var b strings.Builder
		clock := time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)
		p := &progressLine{w: &b, tty: tty, width: 80, now: func() time.Time { return clock }}
		p.start = clock
		for i := range ticks {
			before := b.Len()
			p.show(store.CheckProgress{Phase: store.PhaseRecords, Done: int64(i * 80), Total: 100000})
			if b.Len() != before {
				if writes == 0 {
					firstAt = clock.Sub(p.start)
				}
				writes++
			}
			clock = clock.Add(tick)
		}
		p.clear()
		return b.String(), firstAt, writes
	}

	out, first, n := run(false)
	if n == 0 {
		t.Fatalf("piped, a check of two minutes wrote nothing of how far it had got")
	}
	if first < 10*time.Second {
		t.Errorf("piped, the first line of progress came after %v: a check that short needs none", first)
	}
	if most := int((ticks*tick)/(20*time.Second)) + 1; n > most {
		t.Errorf("piped, %d lines of progress in two minutes, more than %d: %q", n, most, out)
	}
	if strings.ContainsAny(out, "\r\x1b") {
		t.Errorf("piped, the progress holds terminal controls: %q", out)
	}
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if !strings.Contains(line, "records checked of 100,000") {
			t.Errorf("piped, a line of progress does not say how far the check has got: %q", line)
		}
	}

	out, first, n = run(true)
	if first < time.Second || first > 3*time.Second {
		t.Errorf("at a terminal, the progress first showed after %v: want it after a second or two", first)
	}
	if n < 100 || n > 5*int(ticks*tick/time.Second)+1 {
		t.Errorf("at a terminal, the line was written %d times in two minutes: want a few times a second", n)
	}
	if !strings.HasSuffix(out, "\r\x1b[K") {
		t.Errorf("at a terminal, the progress line was not cleared at the end: %q", out[max(len(out)-80, 0):])
	}
}
