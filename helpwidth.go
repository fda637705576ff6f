package main

import (
	"bytes"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/charmbracelet/x/ansi"

	"digicheck/record"
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

// Read and Close, with Write and Fd, make a helpBuffer a term.File, which
// is what colorprofile asks of a writer before it asks whether it is a
// terminal: without them help was drawn with no colour on any terminal.
func (h *helpBuffer) Read([]byte) (int, error) { return 0, io.EOF }

// Close does nothing: the writer wrapped is not the buffer's to close.
func (h *helpBuffer) Close() error { return nil }

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
var twoColumns = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^( +)(\S(?:.*?\S)?)( {2,})(\S.*)$`) })

// sectionHeader is a heading of fang's help (USAGE, COMMANDS, FLAGS, ...).
var sectionHeader = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^ *[A-Z][A-Z ]*[A-Z]$`) })

// wrapHelp wraps each line of help wider than width between words, in its
// colours: the parts of a line are cut from it with their styles. A
// description is wrapped under itself, or, when its column is past half
// the width, starts on the line after its key. No wrapped text ends on a
// line of one word: it is wrapped narrower until it does not, and a
// paragraph of the description (before the first heading) that fang left
// ending on one word is wrapped again as a whole.
func wrapHelp(text string, width int) string {
	lines := strings.Split(text, "\n")
	// A list with a line too wide for its description column is drawn
	// with every description under its key, not only that line's.
	stacked := map[int]bool{}
	column := func(plain string) ([]string, int) {
		m := twoColumns().FindStringSubmatch(plain)
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
		end := ansi.StringWidth(plain)
		part := func(from, to int) string { return ansi.Cut(line, from, to) }
		m, col := column(plain)
		if m != nil && stacked[col] {
			out = append(out, part(0, len(m[1])+ansi.StringWidth(m[2])))
			out = append(out, indented(part(col, end), len(m[1])+4, width, "")...)
			continue
		}
		if ansi.StringWidth(line) <= width {
			out = append(out, line)
			continue
		}
		if end <= width {
			out = append(out, part(0, end))
			continue
		}
		if m != nil && len(m[1])+ansi.StringWidth(m[2]) < width {
			if col <= width/2 {
				out = append(out, indented(part(col, end), col, width, part(0, col))...)
			} else {
				out = append(out, part(0, len(m[1])+ansi.StringWidth(m[2])))
				out = append(out, indented(part(col, end), len(m[1])+4, width, "")...)
			}
			continue
		}
		indent := len(plain) - len(strings.TrimLeft(plain, " "))
		out = append(out, indented(part(indent, end), indent, width, "")...)
	}
	out = reflowOrphans(out, width)
	// fang pads every line with spaces to the width (piped, `cat -A`
	// showed each description line ending in a run of them): none is
	// kept, before a line's closing styles too.
	for i, l := range out {
		out[i] = trailingSpaces().ReplaceAllString(l, "$1")
	}
	return strings.Join(out, "\n")
}

// trailingSpaces is the spaces a line ends in, with the styles after them.
var trailingSpaces = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(` +((?:\x1b\[[0-9;:]*m)*)$`) })

// reflowOrphans wraps again each paragraph of the description (the lines
// before the first heading) with a line of one word after its first: fang
// wraps each line of a command's text on its own, so a line of the text a
// little wider than the help left its last word alone below it. A paragraph is a
// run of lines of one indent, or a list item ("- ") and the lines indented
// under it; a run holding an example (a line ending in "\\") is left.
func reflowOrphans(lines []string, width int) []string {
	plainOf := func(l string) string { return strings.TrimRight(ansi.Strip(l), " ") }
	indentOf := func(p string) int { return len(p) - len(strings.TrimLeft(p, " ")) }
	var out []string
	i := 0
	for i < len(lines) {
		p := plainOf(lines[i])
		if sectionHeader().MatchString(p) {
			return append(out, lines[i:]...)
		}
		if p == "" {
			out = append(out, lines[i])
			i++
			continue
		}
		first := indentOf(p)
		rest := first
		if strings.HasPrefix(p[first:], "- ") {
			rest = first + 2
		}
		j := i + 1
		for j < len(lines) {
			q := plainOf(lines[j])
			if q == "" || indentOf(q) != rest || strings.HasPrefix(q[rest:], "- ") && rest == first || sectionHeader().MatchString(q) {
				break
			}
			j++
		}
		run := lines[i:j]
		example := slices.ContainsFunc(run, func(l string) bool { return strings.HasSuffix(plainOf(l), "\\") })
		orphan := slices.ContainsFunc(run[1:], func(l string) bool { return len(strings.Fields(plainOf(l))) == 1 })
		if example || !orphan {
			out = append(out, run...)
			i = j
			continue
		}
		var words []string
		for k, l := range run {
			q := plainOf(l)
			from := indentOf(q)
			if k == 0 {
				from = rest
			}
			words = append(words, ansi.Cut(l, from, ansi.StringWidth(q)))
		}
		lead := ansi.Cut(run[0], 0, rest)
		out = append(out, indented(strings.Join(words, " "), rest, width, lead)...)
		i = j
	}
	return out
}

// indented wraps text to the columns from indent to width, the first line
// after first (or indented like the rest when first is ""), ending on a
// line of two words or more where it can.
func indented(text string, indent, width int, first string) []string {
	pad := strings.Repeat(" ", indent)
	var out []string
	for i, l := range wrapWords(text, max(width-indent, 10)) {
		l = strings.TrimRight(l, " ")
		if i == 0 && first != "" {
			out = append(out, first+l)
		} else {
			out = append(out, pad+l)
		}
	}
	return out
}

// wrapWords wraps text, styles and all, to limit columns; when that leaves
// one word alone on the last line, it wraps narrower, down to two thirds
// of limit and never onto more lines, until the last line has two.
func wrapWords(text string, limit int) []string {
	lines := wrapSpaces(text, limit)
	alone := func(ls []string) bool {
		return len(ls) > 1 && len(strings.Fields(ansi.Strip(ls[len(ls)-1]))) == 1
	}
	for l := limit - 1; alone(lines) && l >= limit*2/3; l-- {
		try := wrapSpaces(text, l)
		if len(try) > len(lines) {
			break
		}
		if !alone(try) {
			return try
		}
	}
	return lines
}

// wrapSpaces wraps text to limit columns at its spaces only (record.Wrap):
// ansi.Wrap also breaks at hyphens, which cut --read-damaged and
// comms_print-size in two. A word wider than limit is cut. Escape
// sequences stay with the word they touch, so a styled text keeps its
// styles.
func wrapSpaces(text string, limit int) []string {
	var lines []string
	for _, l := range strings.Split(strings.TrimSuffix(record.Wrap(text, "", "", limit), "\n"), "\n") {
		lines = append(lines, strings.Split(ansi.Hardwrap(l, limit, false), "\n")...)
	}
	return lines
}

// commandLine reports whether line is a command to run, set on a line of
// its own and indented ("    digicheck push --resolve …"), as refusals
// and hints set them: every filler keeps such a line whole, however wide,
// since half a command pasted runs something else (found broken before
// its last flags).
func commandLine(line string) bool {
	body := strings.TrimLeft(line, " ")
	return len(body) < len(line) && strings.HasPrefix(body, "digicheck ")
}
