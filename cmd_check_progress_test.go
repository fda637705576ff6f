//go:build !windows

package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
)

// TestCheckShowsProgressAtATerminalOnly: check printed nothing while it
// ran (40 s at 100,000 records). At a terminal it says, on standard error,
// how far it has got (copying the store, its records checked of how
// many), on one line it rewrites at most a few times a second and clears
// before its report; piped, standard error holds nothing.
func TestCheckShowsProgressAtATerminalOnly(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "digicheck.db")
	if b, err := exec.Command(binary(t), "--db", path, "synthetic", "--count", "30000").CombinedOutput(); err != nil {
		t.Fatalf("synthetic: %v\n%s", err, b)
	}
	piped := exec.Command(binary(t), "--db", path, "check")
	var errb strings.Builder
	piped.Stderr = &errb
	pipedStart := time.Now()
	if out, err := piped.Output(); err != nil || !strings.Contains(string(out), "OK:") {
		t.Fatalf("piped check: %v\n%s%s", err, out, errb.String())
	}
	// Piped, only the report, however long the check.
	if errb.Len() != 0 {
		t.Errorf("piped, check wrote to standard error in %v: %q", time.Since(pipedStart), errb.String())
	}

	c := exec.Command(binary(t), "--db", path, "check")
	c.Env = append(c.Environ(), "TERM=xterm-256color")
	ptmx, err := pty.StartWithSize(c, &pty.Winsize{Cols: 80, Rows: 24})
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	defer ptmx.Close()
	var raw strings.Builder
	buf := make([]byte, 4096)
	start := time.Now()
	for {
		n, err := ptmx.Read(buf)
		raw.Write(buf[:n])
		if err != nil {
			break
		}
	}
	_ = c.Wait()
	took := time.Since(start)
	s := raw.String()
	if !strings.Contains(s, "OK:") {
		t.Fatalf("check at a terminal did not report:\n%q", s)
	}
	updates := strings.Count(s, "\r\x1b[K")
	if !strings.Contains(s, "records checked") || !strings.Contains(s, "of 30,000") {
		t.Errorf("check at a terminal did not say how many records it had checked of how many:\n%q", s)
	}
	if max := 5*int(took/time.Second) + 6; updates > max {
		t.Errorf("%d updates in %v: more than a few a second", updates, took)
	}
	if i := strings.LastIndex(s, "\r\x1b[K"); i < 0 || !strings.Contains(s[i:], "Store: ") {
		t.Errorf("the progress line was not cleared before the report:\n%q", s)
	}
	for _, line := range strings.Split(s, "\r\x1b[K") {
		if first, _, _ := strings.Cut(line, "\n"); len([]rune(first)) >= 80 {
			t.Errorf("a progress line is as wide as the terminal, which wraps it: %q", first)
		}
	}
}
