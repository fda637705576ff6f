//go:build !windows

package main

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"
)

// Damaged stores, item 5: at a terminal the lines an export or a summary
// says of a damaged record ran past the width, and the terminal cut them
// mid-word ("left out: … stored under the ke / y"). Each is wrapped at
// whole words at the terminal's width; written to a file or a pipe it
// stays one line, for grep.
func TestDamageLinesOfAnExportWrapAtWholeWordsOnATerminal(t *testing.T) {
	path, rs := storeWith(t, 3)
	id := rs[1].ID.String()
	bad := flipKeyByte(t, path, id, func(k []byte) { k[14] = 'b' })

	screen := onTTY(t, 80, "--db", path, "export", "--format", "ndjson", "--identifiable")
	if !strings.Contains(screen, "unreadable: record "+id) {
		t.Fatalf("the export does not name the record:\n%s", screen)
	}
	for _, l := range strings.Split(screen, "\n") {
		// A path wider than the line stays whole on a line of its own.
		if w := ansi.StringWidth(l); w > 80 && len(strings.Fields(l)) > 1 {
			t.Errorf("a line of %d columns, which the terminal cuts mid-word: %q", w, l)
		}
	}
	if joined := strings.Join(strings.Fields(screen), " "); !strings.Contains(joined, "stored under the key "+bad+", which is damaged") {
		t.Errorf("the words of the left-out line were cut or lost:\n%s", screen)
	}

	// To a pipe, one line each.
	_, stderr, _ := runStoreCmd(t, path, (*app).exportCmd, "--format", "ndjson", "--identifiable")
	for _, l := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(l, "unreadable: record "+id) && !strings.Contains(l, "which is damaged") {
			t.Errorf("the left-out line is wrapped in a pipe: %q", l)
		}
	}
}

// onTTY runs digicheck with args, its standard error a terminal of
// width columns, and returns what the terminal was sent. The command
// must fail.
func onTTY(t *testing.T, width int, args ...string) string {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if errors.Is(err, pty.ErrUnsupported) {
		t.Skip("no pseudo-terminals here")
	}
	if err != nil {
		t.Fatal(err)
	}
	defer ptmx.Close()
	if err := pty.Setsize(tty, &pty.Winsize{Cols: uint16(width), Rows: 24}); err != nil {
		t.Fatal(err)
	}
	read := make(chan string)
	go func() {
		var b bytes.Buffer
		_, _ = io.Copy(&b, ptmx)
		read <- b.String()
	}()
	var out bytes.Buffer
	root := newRoot(strings.NewReader(""), &out, tty)
	root.SetArgs(args)
	t.Setenv("DIGICHECK_CONFIG", "")
	t.Setenv("HOME", t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	if err := root.Execute(); err == nil {
		t.Fatalf("%v passed", args)
	}
	tty.Close()
	return strings.ReplaceAll(<-read, "\r", "")
}

// The warnings an export of a store with a lost page gives, at a terminal
// narrower than 80 columns, are whole words at its width.
func TestAnExportsDamageWarningsWrapAtANarrowTerminalsWidth(t *testing.T) {
	path, _ := storeWith(t, 40)
	zeroRecordsLeaf(t, path, 2)
	screen := onTTY(t, 60, "--db", path, "export", "--format", "ndjson", "--identifiable")
	if !strings.Contains(screen, "records lost:") || !strings.Contains(screen, "unreadable: record") {
		t.Fatalf("the export does not say what it lost:\n%s", screen)
	}
	for _, l := range strings.Split(screen, "\n") {
		if strings.HasPrefix(l, "Error: ") {
			continue // the error itself, which the program prints wrapped (printError), not the command
		}
		if w := ansi.StringWidth(l); w > 60 && len(strings.Fields(l)) > 1 {
			t.Errorf("a line of %d columns at 60: %q", w, l)
		}
	}
}
