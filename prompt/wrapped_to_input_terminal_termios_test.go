//go:build linux || darwin

package prompt

import (
	"bytes"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"
)

// shownBuffer is the prompts' output, read by the test while they write.
type shownBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *shownBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *shownBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// `digicheck | cat` at a terminal: the answers typed at the terminal, the
// prompts written to a pipe, which the terminal shows. The prompts were
// not wrapped, and the terminal broke them mid-word ("the last ques" /
// "tion"), which a screen reader read as broken words. They are wrapped at
// words to the width of the terminal the answers are typed at.
func TestPromptsPipedOutWhileTypedAtATerminalAreWrappedToItsWidth(t *testing.T) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	const width = 50
	if err := pty.Setsize(ptmx, &pty.Winsize{Rows: 24, Cols: width}); err != nil {
		t.Fatal(err)
	}
	go func() { _, _ = io.Copy(io.Discard, ptmx) }() // the terminal's echo
	var s saver
	var out shownBuffer
	done := make(chan error, 1)
	go func() {
		_, err := Run(options(&s), tty, &out)
		done <- err
	}()
	// q once the first question is shown (keys typed before it are
	// dropped), again until the run ends.
	deadline := time.After(30 * time.Second)
wait:
	for {
		select {
		case <-done:
			break wait
		case <-deadline:
			t.Fatalf("the prompts did not stop at q:\n%s", out.String())
		case <-time.After(300 * time.Millisecond):
			if strings.Contains(out.String(), "Type a number") {
				_, _ = ptmx.Write([]byte("q\n"))
			}
		}
	}
	got := out.String()
	if !strings.Contains(strings.Join(strings.Fields(got), " "), "Type b to go back to the last question, or q to stop.") {
		t.Fatalf("the prompts' words are not all there, whole:\n%s", got)
	}
	for _, l := range strings.Split(got, "\n") {
		if ansi.StringWidth(l) > width && len(strings.Fields(l)) > 1 {
			t.Errorf("a line of %d columns, at a terminal of %d, which breaks it mid-word:\n%s", ansi.StringWidth(l), width, l)
		}
	}
}
