package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"

	"github.com/charmbracelet/x/ansi"
)

// pushOutput is push's standard output, watched for a write that fails:
// a full disk, a file size limit, a standard output closed. push says on
// it what it did as it goes (what it sent, a settle, the conflicts), in
// many writes across many helpers, and took none of their errors: push >
// /dev/full ended 0 with nothing said, "Sent 2 of 2" lost. The first
// failure is kept, and every write after it, as before it, is taken as
// written: push goes on and finishes what it does, says all of it here,
// and failed then says why it fails, with all it said, on standard error
// (kept).
type pushOutput struct {
	w    io.Writer
	keep bool // keep what is said, to be said again on standard error
	at   *termCursor
	term bool // w is a terminal

	mu   sync.Mutex
	err  error
	said bytes.Buffer
}

func newPushOutput(w io.Writer, keep bool, at *termCursor) *pushOutput {
	return &pushOutput{w: w, keep: keep, at: at, term: isTerminal(w)}
}

func (o *pushOutput) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.keep {
		o.said.Write(p)
	}
	if o.err == nil {
		if _, err := o.at.write(o.w, o.term, p); err != nil {
			o.err = err
		}
	}
	return len(p), nil
}

// failed is err, the push's own outcome, once what it said on standard
// output is known to have been written, or could not be. A reader that
// stopped reading (push | head -3) asked for no more: err alone. Any other
// write that failed is a failure: what push said is said on errOut (when
// kept), and the write's error is the push's, after err if it failed
// too. A list cut short (push --conflicts) is said to be so, not again.
func (o *pushOutput) failed(err error, errOut io.Writer) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.err == nil || readerGone(o.err) {
		return err
	}
	var werr error
	if o.keep {
		// What push did stands: sent stays sent, a settle saved
		// stays saved. Only where it was said is lost.
		fmt.Fprint(errOut, o.said.String())
		werr = fmt.Errorf("%w: what push says on standard output could not all be written there, so it is said above; what push did is done all the same", o.err)
	} else {
		werr = fmt.Errorf("%w: the list of conflicts could not be written whole to standard output; nothing was sent", o.err)
	}
	if err == nil {
		return werr
	}
	return errors.Join(err, werr)
}

// pushErrOut is push's standard error, written through the terminal's
// cursor (termCursor), so that push's last word starts a line of its own
// (freshLine).
type pushErrOut struct {
	w    io.Writer
	at   *termCursor
	term bool // w is a terminal
}

func newPushErrOut(w io.Writer, at *termCursor) *pushErrOut {
	return &pushErrOut{w: w, at: at, term: isTerminal(w)}
}

func (e *pushErrOut) Write(p []byte) (int, error) { return e.at.write(e.w, e.term, p) }

// freshLine ends the line the terminal's cursor is on, when standard error
// is that terminal and the cursor is not at a line's start: what is said
// next (the error) starts at column 0.
func (e *pushErrOut) freshLine() {
	if !e.term {
		return
	}
	e.at.mu.Lock()
	defer e.at.mu.Unlock()
	e.at.caret()
	if e.at.breakDue || !e.at.atStart {
		io.WriteString(e.w, "\n")
		e.at.breakDue, e.at.atStart = false, true
	}
}

// termCursor is where push's writes to the terminal (standard output,
// standard error, or both) leave its cursor: at the start of a line or
// not. Ctrl+C at a terminal echoes "^C" where the cursor is, and what push
// said after it was filled to the width as if it began at column 0:
// "^Cdigicheck: push stopped while it asked … which of th" / "e", and
// "^CSent 0 of 300 …". The first write after the "^C" starts on the next
// line, unless it goes back to the line's start itself.
type termCursor struct {
	mu sync.Mutex
	// atStart is whether the cursor is at the start of a line.
	atStart bool
	// stopped reports whether Ctrl+C stopped the push (nil until
	// watched); echoed is set once the "^C" is counted, and breakDue
	// until a write after it has begun on a line of its own.
	stopped  func() bool
	echoed   bool
	breakDue bool
}

func newTermCursor() *termCursor {
	return &termCursor{atStart: true}
}

// watch takes ctx, cancelled when a signal stops the push (cancelOnSignal):
// from then on the cursor is taken to be after the "^C" the terminal
// echoed. Windows' console echoes none.
func (c *termCursor) watch(ctx context.Context) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stopped = func() bool {
		cause := context.Cause(ctx)
		return runtime.GOOS != "windows" && cause != nil && strings.HasPrefix(cause.Error(), os.Interrupt.String()+" ")
	}
}

// caret counts the "^C" echoed, once, if Ctrl+C stopped the push: before
// the first write after it, so that what is written after it tells where
// the cursor is (c.mu held).
func (c *termCursor) caret() {
	if !c.echoed && c.stopped != nil && c.stopped() {
		c.echoed, c.atStart, c.breakDue = true, false, true
	}
}

// write writes p to w, and, when w is a terminal (term), notes where it
// leaves the cursor, starting p on a line of its own after a "^C".
func (c *termCursor) write(w io.Writer, term bool, p []byte) (int, error) {
	if c == nil || !term {
		return w.Write(p)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.caret()
	if c.breakDue && len(p) > 0 {
		c.breakDue = false
		if p[0] != '\r' && p[0] != '\n' {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return 0, err
			}
		}
	}
	n, err := w.Write(p)
	if n > 0 {
		c.atStart = lineStarted(c.atStart, p[:n])
	}
	return n, err
}

// lineStarted is whether the cursor is at the start of a line after p is
// written, from wasAt, whether it was before: after a newline or a
// carriage return, and what draws nothing (\x1b[K).
func lineStarted(wasAt bool, p []byte) bool {
	i := bytes.LastIndexAny(p, "\r\n")
	if i < 0 {
		return wasAt && ansi.Strip(string(p)) == ""
	}
	return ansi.Strip(string(p[i+1:])) == ""
}

// fileUnder is what w writes to in the end: w itself, or the writer under
// push's watched output or standard error, so that a terminal under it is
// still seen as one (isTerminal, terminalWidth).
func fileUnder(w any) any {
	switch o := w.(type) {
	case *pushOutput:
		return o.w
	case *pushErrOut:
		return o.w
	}
	return w
}
