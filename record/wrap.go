package record

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// Wrap fills text into lines of at most width terminal cells (a wide
// character counts two, a combining mark none), breaking only at spaces, so
// that a web address or a phone number is never cut at a hyphen, nor an
// NHS number written "943 476 5919" between its groups; a word longer than
// a line is left whole. The first line starts with first, the others with
// rest, and both count towards width. A no-break space (U+00A0) joins two
// words. Escape sequences stay with the word they touch. Every line ends
// in "\n".
func Wrap(text, first, rest string, width int) string {
	// ansi.Wordwrap always breaks after a hyphen: hide hyphens from it as
	// non-breaking ones (as wide), and the spaces of an NHS number as a
	// mark of one cell, and put them back after.
	words := strings.Join(joinNHSNumbers(strings.FieldsFunc(text, breakable), !strings.Contains(text, nhsSpace)), " ")
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
	return unhide.Replace(b.String())
}

// nbhyphen and nhsSpace stand for a hyphen and a space of an NHS number
// while Wrap wraps, as characters of one cell it never breaks at.
const nbhyphen, nhsSpace = "\u2011", "\u2423"

var unhide = strings.NewReplacer(nbhyphen, "-", nhsSpace, " ")

// breakable is a space that may end a line: any but the no-break space.
func breakable(r rune) bool { return unicode.IsSpace(r) && r != '\u00a0' }

// nhsHead, nhsMid and nhsTail are the three groups of an NHS number
// written "943 476 5919", each with what may stand before or after it:
// nhsHead a word ending in three digits with no digit before them ("943",
// "(943"), nhsMid three digits, nhsTail four digits alone or followed by
// what is not a digit ("5919", "5919)."). They are matched by hand, not by
// regular expressions: Wrap words every command's help as digicheck
// starts, and compiling a pattern there touched the regexp package's code
// and memory on every start.
func nhsHead(w string) bool {
	n := len(w) - 3
	return n >= 0 && allDigits(w[n:]) && !strings.ContainsAny(w[:n], "0123456789")
}

func nhsMid(w string) bool { return len(w) == 3 && allDigits(w) }

func nhsTail(w string) bool {
	return len(w) >= 4 && allDigits(w[:4]) && (len(w) == 4 || !isDigit(w[4]))
}

// allDigits reports whether s is all ASCII digits (a byte of a character
// of more than one byte never is one).
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// joinNHSNumbers joins the three groups of each NHS number among words
// into one word by nhsSpace (when join; a text that holds nhsSpace itself
// is left as it is), so that a line is never broken inside the number: a
// clinician reading "patient 943" on one line and "476 5919" on the next
// may take down the wrong patient.
func joinNHSNumbers(words []string, join bool) []string {
	if !join {
		return words
	}
	out := words[:0:0]
	for i := 0; i < len(words); i++ {
		if i+2 < len(words) && nhsHead(words[i]) && nhsMid(words[i+1]) && nhsTail(words[i+2]) {
			out = append(out, words[i]+nhsSpace+words[i+1]+nhsSpace+words[i+2])
			i += 2
			continue
		}
		out = append(out, words[i])
	}
	return out
}
