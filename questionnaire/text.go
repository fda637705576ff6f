package questionnaire

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Free text reaches a terminal: the note and `show` print what a clinician
// typed, and the site files name teams and programmes. A control character
// in any of it can recolour the screen, clear it, move the cursor over what
// was printed, or write the clipboard (OSC 52), and a bidi override can
// make a name read backwards. So text is checked once where it comes in
// (CheckText) and neutralised again where it goes out (Printable,
// PrintableLines, PrintableWriter): records written by older builds, and
// files edited by hand, may hold what the check now refuses. Printing
// also shows the invisible format characters (a left-to-right mark, a
// zero width space) that the check lets in: "Ward 7" with one is another
// team than "Ward 7", and should not read the same.

// textProblem says why r may not stand in one line of typed text, or ""
// if it may.
func textProblem(r rune) string {
	switch {
	case r == '\t':
		return "a tab"
	case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
		return "a line break"
	case r == 0x1b:
		return "an escape character (ESC), which can change what a terminal shows"
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
		return fmt.Sprintf("a control character (U+%04X), which can change what a terminal shows", r)
	case bidiNames[r] != "":
		return fmt.Sprintf("a %s (U+%04X), which can make text read in another order than it was typed", bidiNames[r], r)
	case r == utf8.RuneError:
		return "a character that is not valid text"
	}
	return ""
}

// bidiNames names the embeddings, overrides and isolates that CheckText
// refuses, by their Unicode names: U+2066 was called "a right-to-left
// override", which it is not.
var bidiNames = map[rune]string{
	0x202a: "left-to-right embedding",
	0x202b: "right-to-left embedding",
	0x202c: "pop directional formatting",
	0x202d: "left-to-right override",
	0x202e: "right-to-left override",
	0x2066: "left-to-right isolate",
	0x2067: "right-to-left isolate",
	0x2068: "first strong isolate",
	0x2069: "pop directional isolate",
}

// CheckText refuses text that may not be kept in a one-line field (a name,
// a team, a language, a reason, a patient number, a value in a site file):
// C0 controls (ESC, tab and line breaks among them), DEL, C1 controls
// (U+0080 to U+009F), bidi overrides and isolates (U+202A to U+202E,
// U+2066 to U+2069), line and paragraph separators, and bytes that are
// not UTF-8. The error says in plain English what was found and where.
func CheckText(s string) error {
	pos := 0
	for i, r := range s {
		pos++
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return fmt.Errorf("character %d is not valid text: retype it", pos)
			}
			continue // U+FFFD typed as itself is text
		}
		if why := textProblem(r); why != "" {
			return fmt.Errorf("character %d is %s: retype the text without it", pos, why)
		}
	}
	return nil
}

// CheckName refuses what CheckText refuses and, besides, every invisible
// format character (Unicode category Cf: a soft hyphen, a left-to-right or
// right-to-left mark, a zero width space, a word joiner, a byte order
// mark, a tag), for a name that says who or which team: "Ward 7" with a
// right-to-left mark pasted after it reads on screen as "Ward 7" but is
// another team, so the handout left out the team's phone and address and
// `due --team "Ward 7"` left the patient off the list. Free text (a reason,
// a language) keeps CheckText, where a joiner may belong to a script.
func CheckName(s string) error {
	if err := CheckText(s); err != nil {
		return err
	}
	pos := 0
	for _, r := range s {
		pos++
		if formatCharacter(r) {
			return fmt.Errorf("character %d is an invisible character (U+%04X), which makes a name read the same as another that differs from it: retype the name without it", pos, r)
		}
	}
	return nil
}

// TidyName is a one-line name (a team's) as it is kept: with no space at
// either end, and each run of spaces inside it (two spaces, a no-break
// space, a thin space: Unicode category Zs) one space. "Ward 7 " and
// "Ward  7", typed so, had been kept and counted as other teams than
// "Ward 7". Letter case is left as typed, and so is what CheckText
// refuses (a tab, a line break), for the check to say so.
func TidyName(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.Is(unicode.Zs, r) }), " ")
}

// escape is the visible form of a rune Printable will not print: \x1b for
// a C0 or C1 control or DEL, \u202e for a bidi control, a separator or
// another format character (\u00ad for a soft hyphen), \U000e0041 for one
// beyond U+FFFF, so the reader sees that something was there and what it
// was.
func escape(b *strings.Builder, r rune) {
	switch {
	case r < 0x100 && !formatCharacter(r):
		fmt.Fprintf(b, `\x%02x`, r)
	case r <= 0xffff:
		fmt.Fprintf(b, `\u%04x`, r)
	default:
		fmt.Fprintf(b, `\U%08x`, r)
	}
}

// formatCharacter reports whether r is a format character (Unicode
// category Cf): a mark, joiner or space with no glyph of its own (U+200B
// to U+200F, U+2060 to U+2064, U+FEFF, U+061C, the tags U+E0020 to
// U+E007F among them). CheckText accepts those that are not bidi
// overrides or isolates (a zero width joiner belongs in some scripts and
// emoji), but two names that differ by one read the same on screen.
func formatCharacter(r rune) bool {
	return r >= 0xad && unicode.Is(unicode.Cf, r)
}

// DrawsNothing reports whether r shows nothing where it stands: a format
// character (Unicode category Cf), a Default_Ignorable_Code_Point (the
// Hangul fillers, the combining grapheme joiner, the variation
// selectors), or the Braille pattern blank U+2800.
func DrawsNothing(r rune) bool {
	return r >= 0xad && (unicode.Is(unicode.Cf, r) || unicode.Is(defaultIgnorable, r) || r == '\u2800')
}

// defaultIgnorable is the Unicode property Default_Ignorable_Code_Point,
// which Go's unicode package has no table for: the ranges listed in
// DerivedCoreProperties.txt of the Unicode Character Database
// (https://www.unicode.org/Public/14.0.0/ucd/DerivedCoreProperties.txt,
// Unicode 14.0.0; the property is stable, and unchanged since), reserved
// code points of it included.
var defaultIgnorable = &unicode.RangeTable{
	R16: []unicode.Range16{
		{Lo: 0x00ad, Hi: 0x00ad, Stride: 1}, // soft hyphen
		{Lo: 0x034f, Hi: 0x034f, Stride: 1}, // combining grapheme joiner
		{Lo: 0x061c, Hi: 0x061c, Stride: 1}, // Arabic letter mark
		{Lo: 0x115f, Hi: 0x1160, Stride: 1}, // Hangul choseong and jungseong fillers
		{Lo: 0x17b4, Hi: 0x17b5, Stride: 1}, // Khmer inherent vowels
		{Lo: 0x180b, Hi: 0x180f, Stride: 1}, // Mongolian variation selectors, vowel separator
		{Lo: 0x200b, Hi: 0x200f, Stride: 1}, // zero width space, non-joiner, joiner; LRM, RLM
		{Lo: 0x202a, Hi: 0x202e, Stride: 1}, // bidi embeddings and overrides
		{Lo: 0x2060, Hi: 0x206f, Stride: 1}, // word joiner, invisible operators, isolates
		{Lo: 0x3164, Hi: 0x3164, Stride: 1}, // Hangul filler
		{Lo: 0xfe00, Hi: 0xfe0f, Stride: 1}, // variation selectors 1-16
		{Lo: 0xfeff, Hi: 0xfeff, Stride: 1}, // zero width no-break space (byte order mark)
		{Lo: 0xffa0, Hi: 0xffa0, Stride: 1}, // halfwidth Hangul filler
		{Lo: 0xfff0, Hi: 0xfff8, Stride: 1}, // reserved
	},
	R32: []unicode.Range32{
		{Lo: 0x1bca0, Hi: 0x1bca3, Stride: 1}, // shorthand format controls
		{Lo: 0x1d173, Hi: 0x1d17a, Stride: 1}, // musical symbol beams and phrases
		{Lo: 0xe0000, Hi: 0xe0fff, Stride: 1}, // tags, variation selectors 17-256, reserved
	},
}

func unprintable(r rune) bool {
	return textProblem(r) != "" && r != utf8.RuneError || formatCharacter(r)
}

// joiningScripts are the scripts that spell words with a zero width
// non-joiner or joiner between letters: Arabic (Persian writes "Farsi-Dari" with one), and
// the Brahmic scripts of the languages patients here speak, where one
// after a virama chooses how a conjunct is written.
var joiningScripts = []*unicode.RangeTable{
	unicode.Arabic,
	unicode.Devanagari, unicode.Bengali, unicode.Gurmukhi, unicode.Gujarati, unicode.Oriya,
	unicode.Tamil, unicode.Telugu, unicode.Kannada, unicode.Malayalam, unicode.Sinhala,
}

// SpelledJoiner reports whether the rune at s[i:] is a zero width
// non-joiner (U+200C) or joiner (U+200D) that is part of a word's
// spelling: between two letters (a letter's vowel sign or virama counts
// with it) of one script that spells words with them (joiningScripts).
// Anywhere else, in Latin ("Dar\u200ci" reads as Dari), at either end,
// beside a space, a digit or another joiner, or between two scripts, it
// is an invisible character that makes one name read as another, and is
// refused and printed escaped as every format character is.
func SpelledJoiner(s string, i int) bool {
	r, n := utf8.DecodeRuneInString(s[i:])
	if r != '\u200c' && r != '\u200d' {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	after, _ := utf8.DecodeRuneInString(s[i+n:])
	inWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsMark(r) }
	if !inWord(before) || !unicode.IsLetter(after) {
		return false
	}
	for _, script := range joiningScripts {
		if unicode.Is(script, before) && unicode.Is(script, after) {
			return true
		}
	}
	return false
}

// Printable returns s safe to print on one line of a terminal: every rune
// CheckText refuses, line breaks and tabs included, and every format
// character, is written as a visible escape (ESC as \x1b, U+202E as
// \u202e, a left-to-right mark as \u200e), and bytes that are not UTF-8
// become U+FFFD. Text that CheckText accepts and that holds no format
// character comes back unchanged. Every plain printer passes text from a
// record or a file through it. It is for showing text only: a team is
// counted, matched and kept by its name as saved, never by this.
func Printable(s string) string {
	return printable(s, false, false)
}

// Quote is typed text as a refusal quotes it: in double quotes, as
// Printable shows it, and with every character that draws nothing
// (DrawsNothing) escaped too, but for a joiner that is part of a word's
// spelling. A team of a Hangul filler was refused as team "ㅤ", the
// character raw between the quotes, where a tab reads "\x09" and a zero
// width space "\u200b"; it reads "\u3164".
func Quote(s string) string {
	return `"` + printable(s, false, true) + `"`
}

// PrintableTyped is Printable for text people typed and a record keeps (a
// reason, a team, a clinician's name), as history, show and the note show
// it: every character that draws nothing is escaped too, as Quote escapes
// it, without the quotes. A void reason of two Hangul fillers, or a team
// "Ward " with the Braille blank after it, that an earlier build kept
// printed as nothing ("entered in error because: "), so the audit trail
// did not show that anything was typed; it reads "\u3164\u3164". The
// record is not changed.
func PrintableTyped(s string) string {
	return printable(s, false, true)
}

// PrintableLines is Printable for a block of several lines: it keeps line
// feeds (and a carriage return just before one), and neutralises every
// other control character as Printable does.
func PrintableLines(s string) string {
	return printable(s, true, false)
}

// PrintableTypedLines is PrintableLines for a block of several lines that
// holds text people typed and a record or a draft keeps (a clinician's
// name, a team, a reason, a language), as the plain prompts say it: every
// character that draws nothing is escaped too, as PrintableTyped escapes
// it. The name offered to take with = on amending a record an earlier
// build kept with a Hangul filler was said as "or = for Dr Lee", the
// filler unseen.
func PrintableTypedLines(s string) string {
	return printable(s, true, true)
}

// printable is Printable, or PrintableLines with lines; typed escapes
// every character that draws nothing too (Quote).
func printable(s string, lines, typed bool) string {
	unprintable := func(r rune) bool { return unprintable(r) || typed && DrawsNothing(r) }
	clean := true
	for i, r := range s {
		if (unprintable(r) && !(lines && r == '\n') && !SpelledJoiner(s, i)) || r == utf8.RuneError {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i, r := range s {
		switch {
		case lines && r == '\n':
			b.WriteByte('\n')
		case lines && r == '\r' && strings.HasPrefix(s[i+1:], "\n"):
			b.WriteByte('\r')
		case r == utf8.RuneError:
			b.WriteRune(utf8.RuneError)
		case unprintable(r) && !SpelledJoiner(s, i):
			escape(&b, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// PrintableWriter passes what is written to it on to W through
// PrintableLines, for output streamed in pieces (a summary table, a CSV
// printed to a terminal). A rune or a CRLF split between two writes is
// held until the next write; Close writes whatever is held.
type PrintableWriter struct {
	W    io.Writer
	held []byte
}

// NewPrintableWriter returns a PrintableWriter writing to w.
func NewPrintableWriter(w io.Writer) *PrintableWriter { return &PrintableWriter{W: w} }

// Write neutralises p and writes it on. It reports len(p) written when
// the neutralised text was written in full.
func (pw *PrintableWriter) Write(p []byte) (int, error) {
	buf := append(pw.held, p...)
	// Hold an incomplete rune at the end, and a carriage return that a
	// line feed may follow in the next write.
	keep := 0
	for i := len(buf) - 1; i >= 0 && i >= len(buf)-utf8.UTFMax; i-- {
		if utf8.RuneStart(buf[i]) {
			if !utf8.FullRune(buf[i:]) {
				keep = len(buf) - i
			}
			break
		}
	}
	if keep == 0 && len(buf) > 0 && buf[len(buf)-1] == '\r' {
		keep = 1
	}
	out := buf[:len(buf)-keep]
	pw.held = append([]byte(nil), buf[len(buf)-keep:]...)
	if _, err := io.WriteString(pw.W, PrintableLines(string(out))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Close writes what Write held back; it does not close W.
func (pw *PrintableWriter) Close() error {
	if len(pw.held) == 0 {
		return nil
	}
	s := PrintableLines(string(pw.held))
	pw.held = nil
	_, err := io.WriteString(pw.W, s)
	return err
}
