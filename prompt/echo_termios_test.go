//go:build linux || darwin

package prompt

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"time"

	"digicheck/internal/ttyin"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// TestTheLineEditorShowsEachLineAsItIsRead: keys typed ahead wait unseen
// until a read takes their line, which is then shown once, as edited:
// backspace, ctrl+u and ctrl+w edit it, and esc is kept and shown as ^[ so
// that the answer is refused, never silently changed.
func TestTheLineEditorShowsEachLineAsItIsRead(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var shown strings.Builder
	in := bufio.NewReader(&lineEditor{fd: int(r.Fd()), out: &shown})
	if _, err := w.WriteString("ab\x7fc\r12 34\x17x\nnope\x15Polish\n\x1b[A\n\x04"); err != nil {
		t.Fatal(err)
	}
	w.Close()
	for _, step := range []struct{ line, shown string }{
		{"ac\n", "ab\b \bc\n"},
		{"12 x\n", "12 34\b \b\b \bx\n"},
		{"Polish\n", "nope\b \b\b \b\b \b\b \bPolish\n"},
		{"\x1b[A\n", "^[[A\n"},
	} {
		shown.Reset()
		got, err := in.ReadString('\n')
		if err != nil || got != step.line {
			t.Fatalf("read %q, %v; want %q", got, err, step.line)
		}
		if shown.String() != step.shown {
			t.Errorf("reading %q showed %q, want %q: a line is shown once, when it is read", step.line, shown.String(), step.shown)
		}
	}
	if _, err := in.ReadString('\n'); err == nil {
		t.Error("ctrl+d on an empty line did not end the input")
	}
}

// TestOwnEchoGivesTheTerminalBackAsItWasFound: echo and line editing are
// the terminal's again once the prompts stop, so the shell after them
// echoes what is typed.
func TestOwnEchoGivesTheTerminalBackAsItWasFound(t *testing.T) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	fd := int(tty.Fd())
	before, err := unix.IoctlGetTermios(fd, getTermios)
	if err != nil {
		t.Fatal(err)
	}
	_, stop, ok := ownEcho(fd, &strings.Builder{}, nil)
	if !ok {
		t.Fatal("ownEcho did not take a pseudo-terminal")
	}
	during, _ := unix.IoctlGetTermios(fd, getTermios)
	if during.Lflag&(unix.ECHO|unix.ICANON) != 0 || during.Lflag&unix.ISIG == 0 {
		t.Errorf("while prompting, lflag %#x: want echo and line editing off, signals on", during.Lflag)
	}
	stop()
	after, _ := unix.IoctlGetTermios(fd, getTermios)
	if after.Lflag != before.Lflag || after.Cc != before.Cc {
		t.Errorf("after the prompts, lflag %#x cc %v; want them as found, %#x %v", after.Lflag, after.Cc, before.Lflag, before.Cc)
	}
}

// TestDroppedKeysAreReadAndTheKeysAfterThemKept: keys the terminal holds
// typed ahead are dropped by reading them (a flush would also throw away
// a Ctrl+C sent and not yet taken in, which is then never a signal), and
// the line typed after the drop is read whole.
func TestDroppedKeysAreReadAndTheKeysAfterThemKept(t *testing.T) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	fd := int(tty.Fd())
	r, stop, ok := ownEcho(fd, &strings.Builder{}, nil)
	if !ok {
		t.Fatal("ownEcho did not take a pseudo-terminal")
	}
	defer stop()
	e := r.(*lineEditor)
	if e.discard() {
		t.Error("nothing was typed, yet discard said keys were dropped")
	}
	if _, err := ptmx.WriteString("1\r2\r"); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for ttyin.Pending(uintptr(fd)) < 4 {
		if time.Now().After(deadline) {
			t.Fatalf("the terminal holds %d keys of the 4 typed", ttyin.Pending(uintptr(fd)))
		}
		time.Sleep(time.Millisecond)
	}
	if !e.discard() {
		t.Error("four keys were typed ahead, and discard said none were dropped")
	}
	if n := ttyin.Pending(uintptr(fd)); n != 0 {
		t.Errorf("the terminal still holds %d keys after the drop", n)
	}
	if _, err := ptmx.WriteString("3\r"); err != nil {
		t.Fatal(err)
	}
	got, err := bufio.NewReader(e).ReadString('\n')
	if err != nil || got != "3\n" {
		t.Errorf("after the drop, read %q, %v; want the line typed after it, \"3\\n\"", got, err)
	}
}
