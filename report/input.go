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

// lineEndsRefused is a refusal of an export by its line ends (cutShort,
// crLineEnds): errors.Is(err, errCutShort), which callers pass on as
// naming FILE:LINE itself, with its own words.
type lineEndsRefused struct{ msg string }

func (e lineEndsRefused) Error() string        { return e.msg }
func (e lineEndsRefused) Is(target error) bool { return target == errCutShort }

// cutShort refuses an export whose last line has no line ending. Which
// happened cannot be told from the file: a copy cut short, or a program
// that saved it again and leaves off the last line ending (a text editor,
// a spreadsheet). "Copy it again" alone told the second to do what would
// not help.
func cutShort(name string, line int) error {
	return lineEndsRefused{fmt.Sprintf("%s:%d: the file ends inside this line, which has no line ending as every line of an export has, and nothing of it is counted, as part of it might be counted as the whole. Either the file was cut short (a copy or a download interrupted?): copy it again, or export it again; or a program that leaves off the last line ending (a text editor, a spreadsheet) saved it again: summarise the file as it was exported, or save it with a line ending after its last line", name, line)}
}

// crLineEnds refuses an export whose lines end in a carriage return (CR)
// alone, as Excel for Mac's "CSV (Macintosh)" saves them: every export
// ends its lines with CRLF (CSV) or LF (NDJSON). It was refused as cut
// short, and copied again to no end.
func crLineEnds(name string, line int, ndjson bool) error {
	if ndjson {
		// Saving it "as CSV UTF-8" makes no NDJSON export.
		return lineEndsRefused{fmt.Sprintf("%s:%d: the file's lines end in a carriage return (CR) alone, where every NDJSON export ends them in a line feed (LF): it was saved again since it was exported (by a text editor or a tool set to old Mac line ends?), and nothing of it is counted. Summarise the file as it was exported, or export it again (or save it again with LF line ends)", name, line)}
	}
	return lineEndsRefused{fmt.Sprintf("%s:%d: the file's lines end in a carriage return (CR) alone, as Excel for Mac's \"CSV (Macintosh)\" saves them, where every export ends them in CRLF or LF: it was saved again since it was exported, and nothing of it is counted. Summarise the file as it was exported, or save it again as \"CSV UTF-8\" (with Windows or Unix line ends)", name, line)}
}

// lfCRLineEnds refuses an export whose lines end in a line feed then a
// carriage return (LF CR), each line's CR moved after its LF: line is the
// first line so ended.
func lfCRLineEnds(name string, line int, ndjson bool) error {
	ends, save := "CRLF (a carriage return, then a line feed) or LF", "Windows (CRLF) or Unix (LF)"
	if ndjson {
		ends, save = "LF (a line feed)", "Unix (LF)"
	}
	return lineEndsRefused{fmt.Sprintf("%s:%d: the file's line ends are reversed: its lines end in a line feed followed by a carriage return (LF CR), where every export ends them in %s: a program changed them since it was exported (a text editor or a transfer set to convert line ends?), and nothing of it is counted. Summarise the file as it was exported, or export it again (or save it again with %s line ends)", name, line, ends, save)}
}

// mixedLineEnds refuses an export whose lines from line on end in a
// carriage return (CR) alone, where the lines above end in a line feed:
// rows saved or pasted in from a file with old Mac line ends.
func mixedLineEnds(name string, line int, ndjson bool) error {
	ends := "CRLF or LF"
	if ndjson {
		ends = "LF"
	}
	return lineEndsRefused{fmt.Sprintf("%s:%d: the file's line ends are mixed: the lines above end in a line feed (LF), and from this line on they end in a carriage return (CR) alone, where every export ends every line in %s: lines were pasted in from, or the file joined with, one saved with old Mac line ends since it was exported, and nothing of it is counted. Summarise the file as it was exported, or export it again", name, line, ends)}
}

// crBeforeRecord reports whether b holds a carriage return followed by
// what starts an export's row or line (a record's id, quoted or not, the
// CSV end mark's words, or an NDJSON line's brace): lines ended by CR
// alone, read as one. A CR followed by anything else (a CR, a space, a
// comma, the quote that ends a field) is another change, said as such
// where the row is read.
func crBeforeRecord(b []byte) bool {
	for i := bytes.IndexByte(b, '\r'); i >= 0 && i+1 < len(b); i = bytes.IndexByte(b, '\r') {
		next := b[i+1:]
		if next[0] == '{' || bytes.HasPrefix(next, []byte(EndOfExport)) || startsWithID(next) {
			return true
		}
		b = next
	}
	return false
}

// crAlone reports whether b holds a carriage return not followed by a
// line feed: line ends of CR alone, where b is read as one line.
func crAlone(b []byte) bool {
	for i := bytes.IndexByte(b, '\r'); i >= 0; i = bytes.IndexByte(b, '\r') {
		if i+1 < len(b) && b[i+1] != '\n' {
			return true
		}
		b = b[i+1:]
	}
	return false
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
	// ndjson: the file is read as an NDJSON export (crLineEnds).
	ndjson bool
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
			if crAlone(l.buf) || crAlone(chunk) {
				return nil, crLineEnds(l.name, l.n+1, l.ndjson)
			}
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
			if l.n > 0 && bytes.Equal(l.buf, []byte{'\r'}) {
				return nil, lfCRLineEnds(l.name, l.n, l.ndjson) // the last line's CR
			}
			if crAlone(l.buf) {
				return nil, crLineEnds(l.name, l.n+1, l.ndjson)
			}
			return nil, cutShort(l.name, l.n+1)
		}
		break
	}
	if l.n > 0 {
		// The lines above ended in a line feed: this one starts with
		// the CR of the line above (LF CR), or runs on over lines ended
		// by CR alone to its own LF (rows ended CR under a header ended
		// CRLF). Either was refused with the parser's words (a bad id,
		// a wrong number of fields, "invalid character").
		if len(l.buf) > 1 && l.buf[0] == '\r' && l.buf[1] != '\n' {
			return nil, lfCRLineEnds(l.name, l.n, l.ndjson)
		}
		if crBeforeRecord(l.buf) {
			return nil, mixedLineEnds(l.name, l.n+1, l.ndjson)
		}
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
