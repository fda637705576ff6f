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

// The progress line said "pass 1 of 2", then "pass 2 of 2" for ever after
// the first read back from the start: the board report given no dates
// reads each export a third time (its equity rows, counted apart), and
// the line ran from 0 again still saying "pass 2 of 2". Each read back
// from the start is now a pass of its own, out of the passes the summary
// makes (3 for that board report); a pass past them (a read again, as
// when the inputs changed while read) gives its number alone.
func TestTheProgressLineCountsEachReadingOfAFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "export.csv")
	if err := os.WriteFile(path, bytes.Repeat([]byte("a,b,c\n"), 200000), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		passes int
		want   []string // the line in each pass
	}{
		{2, []string{"Checking export.csv, pass 1 of 2:", "Counting export.csv, pass 2 of 2:", "Counting export.csv, pass 3:"}},
		{3, []string{"Checking export.csv, pass 1 of 3:", "Counting export.csv, pass 2 of 3:", "Counting export.csv, pass 3 of 3:"}},
	} {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		clock := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
		r := newSummaryReading(&out, 1, c.passes, "")
		r.tty, r.width, r.now, r.start = true, 80, func() time.Time { return clock }, clock
		in := r.file(f, "export.csv", 1)
		buf := make([]byte, 6000)
		for pass, want := range c.want {
			if pass > 0 {
				if _, err := in.Seek(0, io.SeekStart); err != nil {
					t.Fatal(err)
				}
			}
			for range 4 {
				clock = clock.Add(time.Second)
				if _, err := in.Read(buf); err != nil && err != io.EOF {
					t.Fatal(err)
				}
			}
			lines := strings.Split(out.String(), "\r\x1b[K")
			if last := lines[len(lines)-1]; !strings.Contains(last, want) {
				t.Errorf("%d passes, pass %d: the line reads %q, want %q", c.passes, pass+1, last, want)
			}
		}
		r.done()
		f.Close()
	}
}
