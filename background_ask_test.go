//go:build !windows

package main

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/creack/pty"
)

// askDark reads the background from the terminal's answer, and gives up
// on a terminal that does not answer within the wait, leaving it as it was
// (not in raw mode).
func TestTheBackgroundIsReadFromTheTerminalsAnswerOrNotWaitedFor(t *testing.T) {
	for name, c := range map[string]struct {
		answer   string
		dark, ok bool
	}{
		"light":                     {lightAnswer, false, true},
		"dark":                      {darkAnswer, true, true},
		"only device attributes":    {"\x1b[?62;22c", false, false},
		"never answers":             {"", false, false},
		"answered in pieces, light": {lightAnswer[:9] + "\x00" + lightAnswer[9:], false, true},
		"bell-ended answer, dark":   {"\x1b]11;rgb:1111/1111/1111\x07\x1b[?1;2c", true, true},
	} {
		ptmx, tty, err := pty.Open()
		if err != nil {
			t.Skipf("no pseudo-terminals here: %v", err)
		}
		before, _ := termState(tty)
		go func() {
			var seen bytes.Buffer
			buf := make([]byte, 256)
			for !strings.Contains(seen.String(), askedBackground) {
				n, err := ptmx.Read(buf)
				seen.Write(buf[:n])
				if err != nil {
					return
				}
			}
			if c.answer == "" {
				return
			}
			if i := strings.IndexByte(c.answer, 0); i >= 0 {
				_, _ = ptmx.WriteString(c.answer[:i])
				time.Sleep(50 * time.Millisecond)
				_, _ = ptmx.WriteString(c.answer[i+1:])
				return
			}
			_, _ = ptmx.WriteString(c.answer)
		}()
		start := time.Now()
		dark, ok := askDark(tty, tty, 300*time.Millisecond)
		took := time.Since(start)
		after, _ := termState(tty)
		if dark != c.dark || ok != c.ok {
			t.Errorf("%s: dark %v, known %v; want %v, %v", name, dark, ok, c.dark, c.ok)
		}
		if took > 1500*time.Millisecond {
			t.Errorf("%s: asked for %v, given 300 ms", name, took)
		}
		if !reflect.DeepEqual(before, after) {
			t.Errorf("%s: the terminal was left in another mode (%+v, was %+v)", name, after, before)
		}
		_ = tty.Close()
		_ = ptmx.Close()
	}
}

// termState is the terminal's settings, to tell whether they changed.
func termState(f *os.File) (*term.State, error) {
	return term.GetState(f.Fd())
}
