package record

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// Wrap fills text into lines of at most width terminal cells (a wide
// character counts two, a combining mark none), breaking only at spaces, so
// that a web address or a phone number is never cut at a hyphen; a word
// longer than a line is left whole. The first line starts with first, the
// others with rest, and both count towards width. A no-break space
// (U+00A0) joins two words. Every line ends in "\n".
func Wrap(text, first, rest string, width int) string {
	// ansi.Wordwrap always breaks after a hyphen: hide hyphens from it as
	// non-breaking ones (as wide) and put them back after.
	words := strings.Join(strings.FieldsFunc(text, breakable), " ")
	words = strings.ReplaceAll(words, "-", nbhyphen)
	head, tail := words, ""
	if wrapped := ansi.Wordwrap(words, width-ansi.StringWidth(first), ""); wrapped != words {
		head, _, _ = strings.Cut(wrapped, "\n")
		// The first line is a prefix of the words; the rest is wrapped
		// again for its own indent, hyphens and all.
		tail = strings.TrimLeft(strings.TrimPrefix(words, head), " ")
	}
	var b strings.Builder
	b.WriteString(first + head + "\n")
	if tail != "" {
		for _, l := range strings.Split(ansi.Wordwrap(tail, width-ansi.StringWidth(rest), ""), "\n") {
			b.WriteString(rest + l + "\n")
		}
	}
	return strings.ReplaceAll(b.String(), nbhyphen, "-")
}

const nbhyphen = "\u2011"

// breakable is a space that may end a line: any but the no-break space.
func breakable(r rune) bool { return unicode.IsSpace(r) && r != '\u00a0' }
