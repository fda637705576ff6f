//go:build linux || darwin

package prompt

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// A paste the terminal does not mark comes as keys, its Windows line ends
// as CR LF. The terminal made the CR a line feed too, and the two were two
// line ends: "Dr Test\r\nWard 5\r" answered the clinician, then the team
// with an empty line, and "Ward 5" went on to the devices question. With
// Enter read as a CR alone, the editor ends a line at a CR LF marked as
// pasted ("\r\n"), for the prompts to refuse; a lone line feed, or one
// read after the line its CR ended, is marked too.

func TestTheLineEditorMarksAWindowsLineEndAsPasted(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	e := &lineEditor{fd: int(r.Fd()), out: &strings.Builder{}}
	in := bufio.NewReader(e)
	read := func(want string) {
		t.Helper()
		got, err := in.ReadString('\n')
		if err != nil || got != want {
			t.Fatalf("read %q, %v; want %q", got, err, want)
		}
	}
	if _, err := w.WriteString("Tigrinya\r\n1\r"); err != nil {
		t.Fatal(err)
	}
	read("Tigrinya\r\n")
	read("1\n")
	// The LF of a CR LF read after the line its CR ended.
	if _, err := w.WriteString("\n"); err != nil {
		t.Fatal(err)
	}
	read("\r\n")
	// A line feed on its own, not after a CR, ends a line as ever.
	if _, err := w.WriteString("2\n3\r"); err != nil {
		t.Fatal(err)
	}
	read("2\n")
	read("3\n")
}

func TestOwnEchoReadsEnterAsACarriageReturnSoAPastedLineEndIsSeen(t *testing.T) {
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
	r, stop, ok := ownEcho(fd, &strings.Builder{}, nil)
	if !ok {
		t.Fatal("ownEcho did not take a pseudo-terminal")
	}
	if _, err := ptmx.WriteString("Dr Test\r\nWard 5\r"); err != nil {
		t.Fatal(err)
	}
	in := bufio.NewReader(r)
	for _, want := range []string{"Dr Test\r\n", "Ward 5\n"} {
		done := make(chan string, 1)
		go func() { s, _ := in.ReadString('\n'); done <- s }()
		select {
		case got := <-done:
			if got != want {
				t.Fatalf("read %q, want %q: the CR LF of a paste was not seen as one", got, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("no line read, want %q", want)
		}
	}
	stop()
	after, _ := unix.IoctlGetTermios(fd, getTermios)
	if after.Iflag != before.Iflag {
		t.Errorf("after the prompts, iflag %#x; want it as found, %#x", after.Iflag, before.Iflag)
	}
}
