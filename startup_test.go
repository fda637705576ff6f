//go:build !windows

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStartUnderTmuxAsksTmuxOnce: under tmux, what colours the terminal
// shows depends on tmux's own settings, which the terminal libraries read by
// running `tmux info`. Lip Gloss does so once as the program starts, which
// no program that uses it can avoid; asking again before the first frame
// (Bubble Tea's own detection) would add a second process start to every
// start under tmux. A stand-in tmux on the PATH counts the calls.
func TestStartUnderTmuxAsksTmuxOnce(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	if err := os.Mkdir(bin, 0o700); err != nil {
		t.Fatal(err)
	}
	calls := filepath.Join(dir, "tmux-calls")
	script := "#!/bin/sh\necho \"$*\" >>'" + calls + "'\necho 'Tc: (flag) true'\n"
	if err := os.WriteFile(filepath.Join(bin, "tmux"), []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	tm := startTerm(t, dir, 80, 24, []string{
		"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH"),
		"TMUX=" + filepath.Join(dir, "tmux-socket") + ",1,0",
	})
	tm.waitFor("New assessment", "Identifier")
	tm.keys("ctrl+c")
	tm.exited()

	got, err := os.ReadFile(calls)
	if err != nil {
		t.Fatalf("the stand-in tmux was never run (%v): the test no longer reaches the colour detection", err)
	}
	if lines := strings.Split(strings.TrimSpace(string(got)), "\n"); len(lines) != 1 {
		t.Errorf("tmux was run %d times before the first frame, want once: %q", len(lines), lines)
	}
}
