//go:build !windows

package main

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/fang/v2"
	"charm.land/lipgloss/v2"
	"github.com/creack/pty"

	"digicheck/internal/testkit"
)

// askedBackground is how a terminal is asked for its background colour
// (OSC 11).
const askedBackground = "\x1b]11;?"

// Terminals' answers to that question, each followed by the answer to the
// device attributes asked with it, as a terminal answers both in turn.
const (
	lightAnswer = "\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[?62;22c"
	darkAnswer  = "\x1b]11;rgb:0000/0000/0000\x1b\\\x1b[?62;22c"
)

// onAnsweringTerm runs digicheck with args in an 80x24 pseudo-terminal
// that answers answer to the background question, or never answers it
// when answer is "". It returns what digicheck wrote and how long it ran,
// from its start to its exit.
func onAnsweringTerm(t *testing.T, answer string, env []string, args ...string) (string, time.Duration) {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command(binary(t), args...)
	cmd.Env = append([]string{
		"HOME=" + dir,
		"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
		"XDG_DATA_HOME=" + filepath.Join(dir, "data"),
		"DIGICHECK_DB=" + filepath.Join(dir, "digicheck.db"),
		"TERM=xterm-256color",
		"COLORTERM=truecolor",
		"USER=nurse",
		"PATH=" + os.Getenv("PATH"),
	}, env...)
	started := time.Now()
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 80, Rows: 24})
	if errors.Is(err, pty.ErrUnsupported) {
		t.Skip("no pseudo-terminals here")
	}
	if err != nil {
		t.Fatal(err)
	}
	defer ptmx.Close()
	var (
		mu    sync.Mutex
		out   bytes.Buffer
		asked bool
	)
	read := make(chan struct{})
	go func() {
		defer close(read)
		buf := make([]byte, 4096)
		for {
			n, err := ptmx.Read(buf)
			mu.Lock()
			out.Write(buf[:n])
			answerNow := !asked && answer != "" && strings.Contains(out.String(), askedBackground)
			asked = asked || answerNow
			mu.Unlock()
			if answerNow {
				_, _ = ptmx.WriteString(answer)
			}
			if err != nil {
				return
			}
		}
	}()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var took time.Duration
	select {
	case <-done:
		took = time.Since(started)
	case <-time.After(20 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("digicheck %v did not end within 20 s", args)
	}
	select {
	case <-read:
	case <-time.After(2 * time.Second):
	}
	mu.Lock()
	defer mu.Unlock()
	return strings.ReplaceAll(out.String(), "\r", ""), took
}

// A command that fails at a terminal that never says its background (a
// remote session, a plain console) said its error, and gave the shell
// prompt back, 4 seconds late: before the error was printed the terminal
// was asked for its background colour, for colours the error is never
// drawn in, and the answer was waited for 2 s on each of standard input
// and output. The error comes, and the command ends, at once.
func TestAnErrorAtATerminalThatNeverSaysItsBackgroundEndsAtOnce(t *testing.T) {
	testkit.EndToEnd(t)
	t.Parallel()
	for name, c := range map[string]struct {
		args []string
		says string
	}{
		"refused command line": {[]string{"--no-such-flag"}, "digicheck has no option --no-such-flag"},
		"failed command":       {[]string{"--db", "/no/such/folder/store.db", "history", "9434765919"}, "there is no store at /no/such/folder/store.db"},
	} {
		screen, took := onAnsweringTerm(t, "", nil, c.args...)
		t.Logf("%s: ended %v after it started", name, took)
		if !strings.Contains(strings.Join(strings.Fields(screen), " "), c.says) {
			t.Errorf("%s: the error %q is not on the screen:\n%s", name, c.says, screen)
		}
		if took > 1500*time.Millisecond {
			t.Errorf("%s: the command ended %v after it started, its error and the shell prompt waiting that long", name, took)
		}
		if strings.Contains(screen, askedBackground) {
			t.Errorf("%s: the terminal was asked its background for an error drawn in no colour:\n%q", name, screen)
		}
	}
}

// Help at a terminal that never says its background ends soon: it waits
// for the answer at most a moment, not 4 seconds.
func TestHelpAtATerminalThatNeverSaysItsBackgroundEndsSoon(t *testing.T) {
	testkit.EndToEnd(t)
	t.Parallel()
	screen, took := onAnsweringTerm(t, "", nil, "--help")
	t.Logf("ended %v after it started", took)
	if !strings.Contains(screen, "USAGE") {
		t.Fatalf("no help on the screen:\n%s", screen)
	}
	if took > 2500*time.Millisecond {
		t.Errorf("help ended %v after it started: the shell prompt waited that long for an answer that never came", took)
	}
}

// truecolorFg is the select-graphic-rendition parameters that draw text
// in c on a terminal of 24-bit colour.
func truecolorFg(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("38;2;%d;%d;%d", r>>8, g>>8, b>>8)
}

// Help at a terminal is drawn in the colours for the background the
// terminal says it has, or COLORFGBG says when set: the descriptions in
// dark text on a light background, in light text on a dark one.
func TestHelpAtATerminalIsDrawnForItsBackground(t *testing.T) {
	testkit.EndToEnd(t)
	t.Parallel()
	light := truecolorFg(fang.DefaultColorScheme(lipgloss.LightDark(false)).Description)
	dark := truecolorFg(fang.DefaultColorScheme(lipgloss.LightDark(true)).Description)
	if light == dark {
		t.Fatalf("the light and dark descriptions are both %s: the check tells nothing", light)
	}
	for name, c := range map[string]struct {
		answer string
		env    []string
		light  bool
	}{
		"a light background answered": {lightAnswer, nil, true},
		"a dark background answered":  {darkAnswer, nil, false},
		"COLORFGBG light, not asked":  {"", []string{"COLORFGBG=0;15"}, true},
		"COLORFGBG dark, not asked":   {"", []string{"COLORFGBG=15;0"}, false},
	} {
		screen, took := onAnsweringTerm(t, c.answer, c.env, "--help")
		want, not := light, dark
		if !c.light {
			want, not = dark, light
		}
		if !strings.Contains(screen, want) || strings.Contains(screen, not) {
			t.Errorf("%s: help is not drawn in the colours for it (want %s, not %s):\n%q", name, want, not, screen)
		}
		if c.env != nil && took > 1500*time.Millisecond {
			t.Errorf("%s: help ended %v after it started, though COLORFGBG said the background", name, took)
		}
	}
}
