//go:build !windows

package main

import (
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"

	"github.com/creack/pty"
)

// slowServer is a FHIR server that answers every request late, with a 503.
func slowServer(t *testing.T, late time.Duration) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(late):
		case <-r.Context().Done():
		}
		w.Header().Set("Content-Type", "application/fhir+json")
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/fhir"
}

// TestPushAtATerminalSaysWhatItWaitsForFromTheServer: a server slow to
// answer left the terminal blank for each try's --timeout, and a nurse
// could not tell a push waiting from one hung. At a terminal push says,
// within about a second of a request going unanswered, that it waits for
// the server, which try it is and how long it waits at most; and clears
// that line once the answer is in.
func TestPushAtATerminalSaysWhatItWaitsForFromTheServer(t *testing.T) {
	testkit.EndToEnd(t)
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "digicheck.db")
	if b, err := exec.Command(binary(t), "--db", path, "synthetic", "--count", "3").CombinedOutput(); err != nil {
		t.Fatalf("synthetic: %v\n%s", err, b)
	}
	base := slowServer(t, 3*time.Second)
	c := exec.Command(binary(t), "--db", path, "push", "--server", base, "--test-server", "--max-wait", "0", "--timeout", "10s")
	c.Env = append(c.Environ(), "TERM=xterm-256color", "HOME="+dir)
	ptmx, err := pty.StartWithSize(c, &pty.Winsize{Cols: 100, Rows: 24})
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	defer ptmx.Close()
	start := time.Now()
	var raw strings.Builder
	var saidAfter time.Duration
	buf := make([]byte, 4096)
	for {
		n, err := ptmx.Read(buf)
		raw.Write(buf[:n])
		if saidAfter == 0 && strings.Contains(raw.String(), "Waiting for the server") {
			saidAfter = time.Since(start)
		}
		if err != nil {
			break
		}
	}
	_ = c.Wait()
	s := raw.String()
	want := "Waiting for the server at " + base + " (try 1 of 1, up to 10 s)"
	if !strings.Contains(s, want) {
		t.Fatalf("push at a terminal, the server answering 3 s late, does not say %q:\n%q", want, s)
	}
	if saidAfter > 2500*time.Millisecond {
		t.Errorf("push said it was waiting only after %s, want about a second", saidAfter.Round(100*time.Millisecond))
	}
	rest := s[strings.LastIndex(s, "Waiting for the server"):]
	if clear, said := strings.Index(rest, "\r\x1b[K"), strings.Index(rest, "not sent"); clear < 0 || said < 0 || clear > said {
		t.Errorf("the waiting line was not cleared before push said what it did:\n%q", rest)
	}
}

// TestPushPipedSaysNothingOfItsWaits: piped (a scheduled task's log),
// push prints no line of waiting for each request: output that pipes.
func TestPushPipedSaysNothingOfItsWaits(t *testing.T) {
	testkit.EndToEnd(t)
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "digicheck.db")
	if b, err := exec.Command(binary(t), "--db", path, "synthetic", "--count", "3").CombinedOutput(); err != nil {
		t.Fatalf("synthetic: %v\n%s", err, b)
	}
	base := slowServer(t, 2*time.Second)
	c := exec.Command(binary(t), "--db", path, "push", "--server", base, "--test-server", "--max-wait", "0", "--timeout", "10s")
	c.Env = append(c.Environ(), "HOME="+dir)
	out, _ := c.CombinedOutput()
	if strings.Contains(string(out), "Waiting for the server") || strings.Contains(string(out), "\x1b[") {
		t.Errorf("push piped says its waits, or writes terminal codes:\n%q", out)
	}
	if !strings.Contains(string(out), "not sent") {
		t.Errorf("push piped does not say what became of it:\n%s", out)
	}
}
