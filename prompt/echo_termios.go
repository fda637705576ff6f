//go:build linux || darwin

package prompt

import (
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
	"unicode/utf8"

	"digicheck/internal/ttyin"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/sys/unix"
)

// ownEcho takes over a terminal's echo and line editing, so that what is
// typed is shown once, after the prompt that reads it. A terminal left to
// echo shows a line typed ahead where it was typed, above its prompt, and
// the prompt could only write it again after itself: a screen reader read
// out every answer typed ahead twice. With the echo off, keys typed ahead
// wait unseen, and each line is shown as its prompt reads it.
//
// It returns a reader of edited lines (backspace, ctrl+u and ctrl+w edit;
// ctrl+d on an empty line ends the input) and stop, which gives the
// terminal back as it was found; ok is false when fd is not a terminal
// whose settings can be changed. Ctrl+C and the other signals still stop
// the program as before, the terminal given back first.
//
// With stopped set, a signal gives the terminal back and then calls it, in
// place of the signal's own action: the one way a run stops on a signal, so
// that what it says as it stops is said on a terminal given back (two
// handlers raced, and the one that re-raised the signal ended the run
// without a word).
func ownEcho(fd int, out io.Writer, stopped func(os.Signal)) (r io.Reader, stop func(), ok bool) {
	orig, err := unix.IoctlGetTermios(fd, getTermios)
	if err != nil {
		return nil, nil, false
	}
	saved := *orig
	t := saved
	t.Lflag &^= unix.ECHO | unix.ICANON // signals (ISIG) stay the terminal's
	// Enter comes as CR, not made a line feed: a CR then a line feed is
	// a Windows line end of text pasted as keys, which the editor marks
	// (edit), and the terminal made it two line ends, the second an
	// empty line that answered the next question (a team left empty).
	t.Iflag &^= unix.ICRNL
	t.Cc[unix.VMIN], t.Cc[unix.VTIME] = 1, 0
	// Set at once, not after a flush: keys already typed ahead are kept.
	if unix.IoctlSetTermios(fd, setTermios, &t) != nil {
		return nil, nil, false
	}
	restore := func() { _ = unix.IoctlSetTermios(fd, setTermios, &saved) }
	sigs := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT)
	go func() {
		select {
		case sig := <-sigs:
			// Stopped by a signal, as without this: the terminal is
			// given back first, so the shell after it echoes.
			restore()
			if stopped != nil {
				stopped(sig)
				return
			}
			signal.Reset(sig)
			_ = syscall.Kill(os.Getpid(), sig.(syscall.Signal))
		case <-done:
		}
	}()
	stop = func() {
		signal.Stop(sigs)
		close(done)
		restore()
	}
	return &lineEditor{fd: fd, out: out}, stop, true
}

// lineEditor reads a terminal with its echo off, a line at a time, and
// shows each line as it is read and edited.
type lineEditor struct {
	fd     int
	out    io.Writer
	raw    []byte // read from the terminal, not yet taken into a line
	line   []byte // the line being typed
	widths []int  // the columns each rune of line was shown in
	ready  []byte // a finished line, not yet returned
	eof    bool
	// afterCR is set when the last line ended with a CR, and nothing
	// has been read since: a line feed next is the rest of a CR LF.
	afterCR bool
	// rawAt is when the keys at the front of raw were read from the
	// terminal; began is when the first key of the line being typed
	// was (any key, an edit too), and lineBegan that of the last line
	// finished (firstKey).
	rawAt, began, lineBegan time.Time
}

// firstKey is when the first key of the line last returned was read from
// the terminal, an edit or the Enter itself if it came first: a question
// that must be read before it is answered judges the line by it, not by
// its Enter (prompter.line). A digit typed 0.3 s after an answered
// question was printed, left on the line, was sent by the Enter pressed
// after reading the question to keep the answer, and changed it.
func (e *lineEditor) firstKey() time.Time { return e.lineBegan }

func (e *lineEditor) Read(p []byte) (int, error) {
	for len(e.ready) == 0 {
		if e.eof {
			// As a terminal does: ctrl+d ends this read, and input
			// may follow it.
			e.eof = false
			return 0, io.EOF
		}
		if e.edit() {
			continue
		}
		buf := make([]byte, 512)
		n, err := unix.Read(e.fd, buf)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return 0, err
		}
		if n == 0 {
			return 0, io.EOF
		}
		if len(e.raw) == 0 {
			e.rawAt = time.Now()
		}
		e.raw = append(e.raw, buf[:n]...)
	}
	n := copy(p, e.ready)
	e.ready = e.ready[n:]
	return n, nil
}

// edit takes the keys read into the line, showing each, up to the end of
// the first line; the keys after it wait for the next read, unseen. It
// reports whether a line was finished or the input ended.
func (e *lineEditor) edit() bool {
	for len(e.raw) > 0 {
		if !utf8.FullRune(e.raw) {
			return false // the rest of the character is still to come
		}
		r, size := utf8.DecodeRune(e.raw)
		e.raw = e.raw[size:]
		if e.began.IsZero() {
			e.began = e.rawAt
		}
		afterCR := e.afterCR
		e.afterCR = false
		switch r {
		case '\r', '\n':
			end := "\n"
			switch {
			case r == '\r' && len(e.raw) > 0 && e.raw[0] == '\n':
				// Enter gives a CR alone (ownEcho): a CR LF is the
				// line end of text pasted as keys (a Windows console, a
				// remote desktop), no line typed. The line ends with
				// it, for the prompts to refuse (prompter.readLine).
				e.raw = e.raw[1:]
				end = "\r\n"
			case r == '\r':
				e.afterCR = true
			case afterCR && len(e.line) == 0:
				// The LF of a CR LF, read after the line its CR
				// ended: an empty line marked as pasted, never an
				// empty answer to the next question.
				end = "\r\n"
			}
			io.WriteString(e.out, "\n")
			e.ready = append(e.line, end...)
			e.line, e.widths = nil, nil
			e.lineBegan, e.began = e.began, time.Time{}
			return true
		case 0x7f, 0x08: // backspace
			e.erase(1)
		case 0x15: // ctrl+u: the whole line
			e.erase(len(e.widths))
		case 0x17: // ctrl+w: the word before the cursor
			n, i := 0, len(e.line)
			for i > 0 && e.line[i-1] == ' ' {
				i, n = i-1, n+1
			}
			for i > 0 && e.line[i-1] != ' ' {
				_, s := utf8.DecodeLastRune(e.line[:i])
				i, n = i-s, n+1
			}
			e.erase(n)
		case 0x04: // ctrl+d
			if len(e.line) == 0 {
				e.eof, e.began = true, time.Time{}
				return true
			}
		default:
			shown := string(r)
			if r < 0x20 {
				// Kept, and shown as a terminal shows it (^[ for
				// esc), so that the answer is refused as it would
				// be, never silently changed.
				shown = "^" + string(rune(r+'@'))
			}
			e.line = utf8.AppendRune(e.line, r)
			e.widths = append(e.widths, ansi.StringWidth(shown))
			io.WriteString(e.out, shown)
		}
	}
	return false
}

// drop discards the keys read from the terminal and not yet returned in a
// line, none of them shown yet, and reports whether there were any.
func (e *lineEditor) drop() bool {
	had := len(e.raw) > 0 || len(e.line) > 0 || len(e.ready) > 0 || e.eof
	e.raw, e.line, e.widths, e.ready, e.eof = nil, nil, nil, nil, false
	e.began = time.Time{}
	return had
}

// discard reads and drops what the terminal holds typed and not yet read,
// and reports whether it held anything. It reads, never flushes: a flush
// also throws away keys the terminal has been sent and has not yet taken
// in, and a Ctrl+C among them never became the signal it is. Pressed in
// the instant a saved assessment's note was shown, it was lost, and the
// run went on at "What next?" as if it had not been pressed. Only what
// the terminal held when asked is read, so a key held down cannot keep
// it reading; and each read waits for nothing.
func (e *lineEditor) discard() bool {
	had := false
	for n := ttyin.Pending(uintptr(e.fd)); n > 0; {
		fds := []unix.PollFd{{Fd: int32(e.fd), Events: unix.POLLIN}}
		if k, err := unix.Poll(fds, 0); err == unix.EINTR {
			continue
		} else if err != nil || k == 0 || fds[0].Revents&unix.POLLIN == 0 {
			break
		}
		buf := make([]byte, n)
		m, err := unix.Read(e.fd, buf)
		if err == unix.EINTR {
			continue
		}
		if err != nil || m <= 0 {
			break
		}
		had, n = true, n-m
	}
	return had
}

// erase removes the last n runes of the line from it and from the screen.
func (e *lineEditor) erase(n int) {
	for ; n > 0 && len(e.widths) > 0; n-- {
		_, s := utf8.DecodeLastRune(e.line)
		e.line = e.line[:len(e.line)-s]
		w := e.widths[len(e.widths)-1]
		e.widths = e.widths[:len(e.widths)-1]
		for range w {
			io.WriteString(e.out, "\b \b")
		}
	}
}
