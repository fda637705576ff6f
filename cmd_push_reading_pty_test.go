//go:build !windows

package main

import (
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/creack/pty"
)

// TestPushSaysHowFarItHasReadTheStoreAtATerminal: push read every record
// of the store before its first try, silently (about 10 s at 10,000
// records on a loaded machine): a nurse at the terminal saw nothing, and
// could not tell a push reading from one hung. At a terminal it now says,
// on standard error, how many records it has read of how many, on one line
// it rewrites as check does and clears before it says anything else; and
// --max-wait, shorter than that read, still gets a try of the server.
func TestPushSaysHowFarItHasReadTheStoreAtATerminal(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "digicheck.db")
	if b, err := exec.Command(binary(t), "--db", path, "synthetic", "--count", "30000").CombinedOutput(); err != nil {
		t.Fatalf("synthetic: %v\n%s", err, b)
	}
	var requests atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		w.Header().Set("Content-Type", "application/fhir+json")
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()

	c := exec.Command(binary(t), "--db", path, "push", "--server", srv.URL+"/fhir", "--test-server", "--max-wait", "1s")
	c.Env = append(c.Environ(), "TERM=xterm-256color", "HOME="+dir)
	ptmx, err := pty.StartWithSize(c, &pty.Winsize{Cols: 80, Rows: 24})
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	defer ptmx.Close()
	var raw strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := ptmx.Read(buf)
		raw.Write(buf[:n])
		if err != nil {
			break
		}
	}
	_ = c.Wait()
	s := raw.String()
	if !strings.Contains(s, "records read of 30,000") {
		t.Errorf("push at a terminal did not say how many records it had read of how many before its first try:\n%q", s)
	}
	if requests.Load() == 0 {
		t.Errorf("a --max-wait of 1s, shorter than the read of the store, gave up before trying the server once:\n%q", s)
	}
	last := strings.LastIndex(s, "records read")
	if last < 0 {
		return
	}
	rest := s[last:]
	clear := strings.Index(rest, "\r\x1b[K")
	said := strings.Index(rest, "not sent")
	if clear < 0 || said < 0 || clear > said {
		t.Errorf("the reading line was not cleared before push said what it did:\n%q", rest)
	}
	for _, line := range strings.Split(s, "\r\x1b[K") {
		if first, _, _ := strings.Cut(line, "\r"); strings.Contains(first, "records read") && len([]rune(first)) >= 80 {
			t.Errorf("a line of progress is as wide as the terminal, which wraps it: %q", first)
		}
	}
}
