//go:build !windows

package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/creack/pty"
)

// TestTwoCommandsPastedTogetherBothRun pastes two lines into a shell at a
// terminal, as a block of printed commands is pasted: a digicheck command
// that ends in an error (or prints its help), then another command. The
// second must run: digicheck must not read away what was typed ahead of the
// shell while it prints its error or help (fang asked the terminal for its
// background colour there, and its read took the pasted line with it).
func TestTwoCommandsPastedTogetherBothRun(t *testing.T) {
	for _, tc := range []struct{ name, first, says string }{
		{"an error", "digicheck show 01a23c15-0000-7000-8000-000000000000", "there is no store"},
		{"help", "digicheck push --help", "Send every assessment version"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			sh, err := exec.LookPath("sh")
			if err != nil {
				t.Skip("no shell here")
			}
			cmd := exec.Command(sh)
			cmd.Env = []string{
				"HOME=" + dir,
				"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
				"XDG_DATA_HOME=" + filepath.Join(dir, "data"),
				"DIGICHECK_DB=" + filepath.Join(dir, "digicheck.db"),
				"TERM=xterm-256color",
				"USER=nurse",
				"PS1=$ ",
				"PATH=" + filepath.Dir(binary(t)) + string(os.PathListSeparator) + os.Getenv("PATH"),
			}
			ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 80, Rows: 24})
			if errors.Is(err, pty.ErrUnsupported) {
				t.Skip("no pseudo-terminals here")
			}
			if err != nil {
				t.Fatal(err)
			}
			tm := watchTerm(t, cmd, ptmx, 80, 200)
			tm.waitFor("$")
			// The second line's output is not its echo: the shell works
			// out 40+2 only if it runs the line.
			paste := tc.first + "\necho pasted-second-$((40+2))\n"
			if _, err := ptmx.Write([]byte(paste)); err != nil {
				t.Fatal(err)
			}
			tm.waitFor("pasted-second-42")
			if s := tm.vt.Screen(); !strings.Contains(s, tc.says) {
				t.Errorf("the first command did not run as expected (no %q); the screen shows:\n%s", tc.says, s)
			}
			_, _ = ptmx.Write([]byte("exit\n"))
		})
	}
}
