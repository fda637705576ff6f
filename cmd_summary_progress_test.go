package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A summary of a 1,000,000-row export read for a minute (an NDJSON one
// for six) with nothing on the terminal. At a terminal its standard error
// now has one line saying which input is read, what for (checking it,
// then counting it: "pass 1 of 2", "pass 2 of 2", as the line runs to
// the file's end twice) and how far, rewritten at most every readingEvery
// once it has read for readingAfter, and cleared before anything else is
// said; elsewhere it says nothing, and the file is read as it is.
func TestASummaryShowsItsReadingOfAFileAtATerminalOnly(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "export.csv")
	if err := os.WriteFile(path, bytes.Repeat([]byte("a,b,c\n"), 200000), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	var piped bytes.Buffer
	if r := newSummaryReading(&piped, 1, 2, ""); r.file(f, "export.csv", 1) != io.ReadSeeker(f) {
		t.Errorf("not at a terminal, the file is read through a wrapper")
	}

	var out bytes.Buffer
	clock := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	r := &summaryReading{w: &out, tty: true, width: 80, files: 2, passes: 2, now: func() time.Time { return clock }}
	r.start = clock
	in := r.file(f, "export.csv", 2)
	buf := make([]byte, 6000)
	read := func(steps int, every time.Duration) {
		for range steps {
			clock = clock.Add(every)
			if _, err := in.Read(buf); err != nil && err != io.EOF {
				t.Fatal(err)
			}
		}
	}
	read(10, 50*time.Millisecond) // half a second: too soon to say anything
	if out.Len() != 0 {
		t.Errorf("progress shown before %v: %q", readingAfter, out.String())
	}
	read(40, 50*time.Millisecond) // two seconds more
	lines := strings.Split(out.String(), "\r\x1b[K")
	if n := len(lines) - 1; n < 4 || n > 7 {
		t.Errorf("in 1.5 s past %v the line was written %d times, want at most every %v:\n%q", readingAfter, n, readingEvery, out.String())
	}
	last := lines[len(lines)-1]
	if !strings.Contains(last, "Checking export.csv (2 of 2), pass 1 of 2:") || !strings.Contains(last, "of 1.1 MB (Ctrl+C stops it)") || strings.Contains(last, "\n") {
		t.Errorf("the progress line reads %q, want which input is checked, how far, on one line", last)
	}
	if _, err := in.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	read(4, time.Second)
	if lines := strings.Split(out.String(), "\r\x1b[K"); !strings.Contains(lines[len(lines)-1], "Counting export.csv (2 of 2), pass 2 of 2:") {
		t.Errorf("read again from its start, the file is not said to be counted: %q", lines[len(lines)-1])
	}
	r.done()
	if !strings.HasSuffix(out.String(), "\r\x1b[K") {
		t.Errorf("the progress line is not cleared when the reading is done: %q", out.String())
	}
	n := out.Len()
	read(4, time.Second)
	if out.Len() != n {
		t.Errorf("progress written after the reading was done: %q", out.String()[n:])
	}
}
