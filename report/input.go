package report

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// MaxInputLine is the longest line, and the longest CSV row, a summary
// reads from an export, in bytes. A digicheck record is a few kilobytes at
// most; a longer line is not one of ours, and reading it whole (a CSV
// field of 300 MB took 1.4 GB) is refused with its FILE:LINE instead.
const MaxInputLine = 1 << 20

// errLineTooLong is wrapped by the error for a line or row over
// MaxInputLine.
var errLineTooLong = errors.New("longer than any digicheck record")

// errCutShort is wrapped by the error for an export whose last line has
// no line ending: every line of an export has one, so the file was cut
// short (a copy or a download interrupted) and part of it would be
// counted as the whole.
var errCutShort = errors.New("the file was cut short")

func cutShort(name string, line int) error {
	return fmt.Errorf("%s:%d: the file ends inside this line, which has no line ending as every line of an export has: %w (a copy or a download interrupted?), and nothing of it is counted, as part of it would be counted as the whole; copy it again, or export it again", name, line, errCutShort)
}

func tooLong(name string, line int, what string) error {
	return fmt.Errorf("%s:%d: %s of more than %d MB, %w: not a digicheck export, or damaged", name, line, what, MaxInputLine>>20, errLineTooLong)
}

// lines reads an export a line at a time, holding at most MaxInputLine
// bytes of a line, and counts lines for messages. A UTF-8 byte order mark
// at the start of the file is taken off. A last line with no line ending
// is refused (errCutShort).
type lines struct {
	r    *bufio.Reader
	name string
	n    int // the number of the line last read
	buf  []byte
}

func newLines(in io.Reader, name string) *lines {
	return &lines{r: bufio.NewReaderSize(in, 64<<10), name: name}
}

// next returns the next line with its line ending, or io.EOF after the
// last. The line is valid until the next call.
func (l *lines) next() ([]byte, error) {
	l.buf = l.buf[:0]
	for {
		chunk, err := l.r.ReadSlice('\n')
		if len(l.buf)+len(chunk) > MaxInputLine+2 { // +2: the line ending
			return nil, tooLong(l.name, l.n+1, "a line")
		}
		l.buf = append(l.buf, chunk...)
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil && (!errors.Is(err, io.EOF) || len(l.buf) == 0) {
			return nil, err
		}
		if err != nil && !bytes.HasSuffix(l.buf, []byte{'\n'}) {
			return nil, cutShort(l.name, l.n+1)
		}
		break
	}
	l.n++
	if l.n == 1 {
		l.buf = bytes.TrimPrefix(l.buf, bom)
	}
	return l.buf, nil
}

var bom = []byte("\ufeff")

// csvInput hands a CSV reader whole lines, each at most MaxInputLine, and
// refuses a row (a quoted field may run over many lines) that goes on past
// MaxInputLine: the reader holds a whole row, so this bounds its memory.
// Call rowDone after each row is read.
type csvInput struct {
	lines    *lines
	pending  []byte
	sinceRow int
	err      error
}

func (c *csvInput) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	if len(c.pending) == 0 {
		line, err := c.lines.next()
		if err != nil {
			c.err = err
			return 0, err
		}
		c.pending = line
	}
	// The CSV reader reads ahead a buffer's worth (4 KB) beyond the row
	// it is on, hence the slack.
	if c.sinceRow > MaxInputLine+8<<10 {
		c.err = tooLong(c.lines.name, c.lines.n, "a row running on to this line, in all")
		return 0, c.err
	}
	n := copy(p, c.pending)
	c.pending = c.pending[n:]
	c.sinceRow += n
	return n, nil
}

// rowDone starts the count of the next row.
func (c *csvInput) rowDone() { c.sinceRow = 0 }
