package main

import (
	"bytes"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Help at the reader's width. fang draws help at the terminal's width up
// to 120 columns, and at 120 when it is not a terminal, whatever COLUMNS
// says; and it never wraps a flag's or a command's description, so
// `digicheck export --help` ran to 155 columns. When help is asked for,
// it is drawn for terminalWidth (the terminal's, else COLUMNS, else 80)
// and every line still wider is wrapped between words.

// helpOutput returns the writer help is written to: stdout itself unless
// args ask for help, when it is a helpBuffer that wraps what it is given to
// the width as it is flushed.
func helpOutput(args []string, stdout io.Writer) (io.Writer, *helpBuffer) {
	if !asksForHelp(args) {
		return stdout, nil
	}
	width := terminalWidth(stdout)
	// fang has no option for its width, only this variable, read once,
	// which its own tests use. Without it the paragraphs come out at 120
	// columns and are wrapped again line by line, raggedly.
	os.Setenv("__FANG_TEST_WIDTH", strconv.Itoa(width))
	h := &helpBuffer{w: stdout, width: width}
	return h, h
}

// asksForHelp reports whether args ask for help: -h or --help before any
// "--", or the help command.
func asksForHelp(args []string) bool {
	for i, a := range args {
		switch {
		case a == "--":
			return false
		case a == "-h" || a == "--help", i == 0 && a == "help":
			return true
		}
	}
	return false
}

// helpBuffer holds help as it is written and writes it wrapped on flush.
// It passes the terminal's descriptor on, so that help on a terminal is
// still drawn in colour.
type helpBuffer struct {
	w     io.Writer
	width int
	buf   bytes.Buffer
}

func (h *helpBuffer) Write(p []byte) (int, error) { return h.buf.Write(p) }

// Fd is the descriptor of the writer wrapped, for colour detection.
func (h *helpBuffer) Fd() uintptr {
	if f, ok := h.w.(interface{ Fd() uintptr }); ok {
		return f.Fd()
	}
	return ^uintptr(0)
}

func (h *helpBuffer) flush() error {
	if h == nil || h.w == nil {
		return nil
	}
	_, err := io.WriteString(h.w, wrapHelp(h.buf.String(), h.width))
	h.buf.Reset()
	return err
}

// twoColumns is a line of a list of commands or flags: an indent, a key,
// two or more spaces, and its description.
var twoColumns = regexp.MustCompile(`^( +)(\S(?:.*?\S)?)( {2,})(\S.*)$`)

// wrapHelp wraps each line of help wider than width between words. A
// line that fits is left as it is, colours and all; one that does not is
// wrapped as plain text. A description is wrapped under itself, or, when
// its column is past half the width, starts on the line after its key.
func wrapHelp(text string, width int) string {
	lines := strings.Split(text, "\n")
	// A list with a line too wide for its description column is drawn
	// with every description under its key, not only that line's.
	stacked := map[int]bool{}
	column := func(plain string) ([]string, int) {
		m := twoColumns.FindStringSubmatch(plain)
		if m == nil {
			return nil, 0
		}
		return m, len(m[1]) + ansi.StringWidth(m[2]) + len(m[3])
	}
	for _, line := range lines {
		plain := strings.TrimRight(ansi.Strip(line), " ")
		if m, col := column(plain); m != nil && ansi.StringWidth(plain) > width && col > width/2 {
			stacked[col] = true
		}
	}
	var out []string
	for _, line := range lines {
		plain := strings.TrimRight(ansi.Strip(line), " ")
		if m, col := column(plain); m != nil && stacked[col] {
			out = append(out, m[1]+m[2])
			out = append(out, indented(m[4], len(m[1])+4, width, "")...)
			continue
		}
		if ansi.StringWidth(line) <= width {
			out = append(out, line)
			continue
		}
		plain = strings.TrimRight(ansi.Strip(line), " ")
		if ansi.StringWidth(plain) <= width {
			out = append(out, plain)
			continue
		}
		if m := twoColumns.FindStringSubmatch(plain); m != nil && len(m[1])+ansi.StringWidth(m[2]) < width {
			col := len(m[1]) + ansi.StringWidth(m[2]) + len(m[3])
			if col <= width/2 {
				out = append(out, indented(m[4], col, width, m[1]+m[2]+m[3])...)
			} else {
				out = append(out, m[1]+m[2])
				out = append(out, indented(m[4], len(m[1])+4, width, "")...)
			}
			continue
		}
		indent := len(plain) - len(strings.TrimLeft(plain, " "))
		out = append(out, indented(plain[indent:], indent, width, "")...)
	}
	return strings.Join(out, "\n")
}

// indented wraps text to the columns from indent to width, the first line
// after first (or indented like the rest when first is "").
func indented(text string, indent, width int, first string) []string {
	pad := strings.Repeat(" ", indent)
	var out []string
	for i, l := range strings.Split(ansi.Wrap(text, max(width-indent, 10), ""), "\n") {
		l = strings.TrimRight(l, " ")
		if i == 0 && first != "" {
			out = append(out, first+l)
		} else {
			out = append(out, pad+l)
		}
	}
	return out
}
