//go:build !windows

package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Ctrl+C while a summary read its inputs (a minute of a 1,000,000-row
// export) ended it with no word: nothing told the QI lead whether the
// -o FILE asked for had been written, in part or at all. It now says that
// the summary stopped and that nothing was written to FILE, and exits
// 130, as a shell reports Ctrl+C; FILE is not there.
func TestASummaryStoppedByCtrlCSaysNothingWasWrittenToItsFile(t *testing.T) {
	t.Parallel()
	bin := binary(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "november.csv")
	c := exec.Command(bin, "summary", "-", "--format", "csv", "-o", out)
	c.Env = append(os.Environ(), "HOME="+dir, "XDG_CONFIG_HOME="+filepath.Join(dir, "config"))
	// Standard input is a pipe held open: the summary is still reading
	// it when Ctrl+C comes.
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pw.Close()
	c.Stdin = pr
	var errb strings.Builder
	c.Stderr = &errb
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	pr.Close()
	if _, err := pw.WriteString("period,breakdown\n"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	if err := c.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- c.Wait() }()
	select {
	case err = <-done:
	case <-time.After(20 * time.Second):
		c.Process.Kill()
		t.Fatalf("summary still running 20 s after Ctrl+C\n%s", errb.String())
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 130 {
		t.Errorf("summary stopped by Ctrl+C: %v, want exit status 130", err)
	}
	said := strings.Join(strings.Fields(errb.String()), " ")
	if !strings.Contains(said, "summary stopped (Ctrl+C)") || !strings.Contains(said, "nothing was written to "+out) {
		t.Errorf("summary stopped by Ctrl+C said %q, want that it stopped and that nothing was written to %s", said, out)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%s is there after Ctrl+C: %v", out, err)
	}
}
