//go:build !windows

package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/creack/pty"

	"digicheck/internal/fhirserver"
)

// TestPushCheckServerSaysHowFarItHasGotAskingASlowServer: push
// --check-server asks the server, a search of 50 at a time, whether it
// still holds each assessment it accepted from this store. Against a server
// taking a second a search the terminal stayed blank (1,200 assessments:
// half a minute; 5,000: over a minute), then said only "Nothing to send".
// At a terminal it now says on standard error how many it has asked of, of
// how many, on the one line push's progress uses, cleared before anything
// else is said; piped, standard output carries only what push did.
func TestPushCheckServerSaysHowFarItHasGotAskingASlowServer(t *testing.T) {
	t.Parallel()
	bin := binary(t)
	srv := fhirserver.Start(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "digicheck.db")
	run := func(args ...string) string {
		t.Helper()
		c := exec.Command(bin, append([]string{"--db", path}, args...)...)
		c.Env = append(c.Environ(), "HOME="+dir)
		var out, errOut strings.Builder
		c.Stdout, c.Stderr = &out, &errOut
		if err := c.Run(); err != nil {
			t.Fatalf("%v: %v\n%s%s", args, err, out.String(), errOut.String())
		}
		return out.String()
	}
	run("synthetic", "--count", "150", "--seed", "7")
	run("push", "--server", srv.Base, "--test-server")
	srv.Control(t, fhirserver.Control{Faults: []fhirserver.Fault{{DelayMs: 1000, Times: 10, Method: "GET"}}})

	c := exec.Command(bin, "--db", path, "push", "--server", srv.Base, "--test-server", "--check-server")
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
	const asking = "push: asking the server whether it holds each assessment: "
	if !strings.Contains(s, asking) || !strings.Contains(s, " of 150") {
		t.Fatalf("push --check-server at a terminal said nothing of how far it had got asking a slow server:\n%q", s)
	}
	rest := s[strings.LastIndex(s, asking):]
	clear, said := strings.Index(rest, "\r\x1b[K"), strings.Index(rest, "Nothing to send")
	if clear < 0 || said < 0 || clear > said {
		t.Errorf("the asking line was not cleared before push said what it did:\n%q", rest)
	}
	for _, line := range strings.Split(s, "\r\x1b[K") {
		if first, _, _ := strings.Cut(line, "\r"); strings.Contains(first, asking) && len([]rune(first)) >= 80 {
			t.Errorf("a line of progress is as wide as the terminal, which wraps it: %q", first)
		}
	}

	// Piped, what push did is all standard output carries.
	srv.Control(t, fhirserver.Control{Faults: []fhirserver.Fault{{DelayMs: 1000, Times: 10, Method: "GET"}}})
	if out := run("push", "--server", srv.Base, "--test-server", "--check-server"); !strings.HasPrefix(out, "Nothing to send") || strings.Contains(out, "asking") || strings.Contains(out, "\x1b") {
		t.Errorf("piped, push --check-server wrote more than what it did on standard output:\n%q", out)
	}
}
