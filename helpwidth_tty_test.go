//go:build !windows

package main

import (
	"errors"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/creack/pty"
)

// TestHelpOnATerminalIsDrawnInColour: help is written through a buffer
// that wraps it; on a terminal the buffer must still read as one, or every
// help was drawn with no colour at all.
func TestHelpOnATerminalIsDrawnInColour(t *testing.T) {
	t.Parallel()
	ptmx, tty, err := pty.Open()
	if errors.Is(err, pty.ErrUnsupported) {
		t.Skip("no pseudo-terminals here")
	}
	if err != nil {
		t.Fatal(err)
	}
	defer ptmx.Close()
	defer tty.Close()
	w, _ := helpOutput([]string{"export", "--help"}, tty)
	env := []string{"TERM=xterm-256color"}
	if p := colorprofile.Detect(tty, env); p <= colorprofile.Ascii {
		t.Skipf("the terminal itself reads as %v", p)
	}
	if p := colorprofile.Detect(w, env); p <= colorprofile.Ascii {
		t.Errorf("help on a terminal is drawn as %v, with no colour", p)
	}
}
