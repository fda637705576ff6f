package questionnaire

import (
	"bytes"
	"strings"
	"testing"
	"unicode"
)

// hostile holds text that would change what a terminal shows if printed
// raw, each with what a reader should see instead.
var hostile = []struct {
	name, in, shown string
}{
	{"colour", "Ward \x1b[31m7", `Ward \x1b[31m7`},
	{"clipboard write (OSC 52)", "A\x1b]52;c;ZXZpbA==\x07B", `A\x1b]52;c;ZXZpbA==\x07B`},
	{"screen clear", "\x1b[2J\x1b[H", `\x1b[2J\x1b[H`},
	{"C1 CSI", "x\u009b31my", `x\x9b31my`},
	{"DEL", "a\x7fb", `a\x7fb`},
	{"NUL", "a\x00b", `a\x00b`},
	{"carriage return over the line", "Dr Good\rDr Evil", `Dr Good\x0dDr Evil`},
	{"tab", "a\tb", `a\x09b`},
	{"line break", "wrong patient\nContact by: Letter", `wrong patient\x0aContact by: Letter`},
	{"right-to-left override", "Ann \u202eevoli", `Ann \u202eevoli`},
	{"isolate", "a\u2066b\u2069", `a\u2066b\u2069`},
	{"line separator", "a\u2028b", `a\u2028b`},
}

func TestCheckTextRefusesControlsWithAReason(t *testing.T) {
	for _, c := range hostile {
		err := CheckText(c.in)
		if err == nil {
			t.Errorf("%s: %q accepted", c.name, c.in)
			continue
		}
		if strings.ContainsFunc(err.Error(), func(r rune) bool { return unprintable(r) }) {
			t.Errorf("%s: the reason itself holds a control character: %q", c.name, err)
		}
		if !strings.Contains(err.Error(), "character ") {
			t.Errorf("%s: the reason does not say which character: %q", c.name, err)
		}
	}
	if err := CheckText("a\xffb"); err == nil {
		t.Error("bytes that are not UTF-8 accepted")
	}
}

func TestCheckTextAcceptsNamesInAnyScript(t *testing.T) {
	for _, s := range []string{"", "Dr Zoë O'Brien-Smith", "Ward 7 (Elderly care)", "Polski", "العربية", "粵語", "Nguyễn", "emoji 🙂", "U+FFFD \uFFFD"} {
		if err := CheckText(s); err != nil {
			t.Errorf("%q refused: %v", s, err)
		}
	}
}

func TestPrintableShowsWhatWasThereAndLeavesTextAlone(t *testing.T) {
	for _, c := range hostile {
		if got := Printable(c.in); got != c.shown {
			t.Errorf("%s: Printable(%q) = %q, want %q", c.name, c.in, got, c.shown)
		}
		if err := CheckText(Printable(c.in)); err != nil {
			t.Errorf("%s: Printable's output is still refused: %v", c.name, err)
		}
	}
	if got := Printable("a\xffb"); got != "a\uFFFDb" {
		t.Errorf("invalid UTF-8 printed as %q", got)
	}
	for _, s := range []string{"Dr Zoë O'Brien", "العربية", "plain"} {
		if got := Printable(s); got != s {
			t.Errorf("Printable(%q) = %q: clean text must not change", s, got)
		}
	}
}

func TestPrintableLinesKeepsLineEndsOnly(t *testing.T) {
	in := "title\r\nrow \x1b[31mred\r\nlast\rover\n"
	want := "title\r\nrow \\x1b[31mred\r\nlast\\x0dover\n"
	if got := PrintableLines(in); got != want {
		t.Errorf("PrintableLines(%q) = %q, want %q", in, got, want)
	}
}

// TestPrintableWriterHoldsSplitRunes: a summary is written in pieces, and
// a C1 control or a bidi override split between two writes must still be
// caught, as must a format character (a left-to-right mark, a tag of four
// bytes), while text split the same way passes unchanged.
func TestPrintableWriterHoldsSplitRunes(t *testing.T) {
	in := "Zoë\r\n\u009b2J \u202eevil\x1b[0m\r\nWard 7\u200e \U000e0067🙂\r\nend"
	want := PrintableLines(in)
	if !strings.Contains(want, `7\u200e \U000e0067🙂`) {
		t.Fatalf("PrintableLines(%q) = %q: the mark and the tag are not escaped", in, want)
	}
	for cut := 0; cut <= len(in); cut++ {
		var out bytes.Buffer
		w := NewPrintableWriter(&out)
		for _, part := range []string{in[:cut], in[cut:]} {
			if n, err := w.Write([]byte(part)); err != nil || n != len(part) {
				t.Fatalf("cut %d: Write = %d, %v", cut, n, err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if out.String() != want {
			t.Errorf("cut at byte %d: wrote %q, want %q", cut, out.String(), want)
		}
	}
}

func TestTextAnswersRefuseControlCharacters(t *testing.T) {
	it, ok := V1.Item(LinkLanguage)
	if !ok {
		t.Fatal("no interpreter language item")
	}
	for _, c := range hostile {
		if err := V1.ValidateItem(it, []string{c.in}); err == nil {
			t.Errorf("%s: interpreter language %q accepted", c.name, c.in)
		}
	}
	if err := V1.ValidateItem(it, []string{"Polish"}); err != nil {
		t.Errorf("a plain language refused: %v", err)
	}
}

// formatCharacters are the first and last runes of each run of invisible
// format characters (Unicode category Cf): marks and joiners with no glyph
// of their own that make two names which look alike on screen different
// names, or show a name in another order than it was typed. Each is shown
// as an escape, as a control is; the runes just outside each run are text
// and pass unchanged (formatNeighbours).
var formatCharacters = []struct {
	name  string
	r     rune
	shown string
}{
	{"soft hyphen", 0x00ad, `\u00ad`},
	{"Arabic number sign (first)", 0x0600, `\u0600`},
	{"Arabic number mark above (last)", 0x0605, `\u0605`},
	{"Arabic letter mark", 0x061c, `\u061c`},
	{"Arabic end of ayah", 0x06dd, `\u06dd`},
	{"Syriac abbreviation mark", 0x070f, `\u070f`},
	{"Arabic pound mark above (first)", 0x0890, `\u0890`},
	{"Arabic piastre mark above (last)", 0x0891, `\u0891`},
	{"Arabic disputed end of ayah", 0x08e2, `\u08e2`},
	{"Mongolian vowel separator", 0x180e, `\u180e`},
	{"zero width space (first)", 0x200b, `\u200b`},
	{"zero width non-joiner", 0x200c, `\u200c`},
	{"zero width joiner", 0x200d, `\u200d`},
	{"left-to-right mark", 0x200e, `\u200e`},
	{"right-to-left mark (last)", 0x200f, `\u200f`},
	{"left-to-right embedding (first)", 0x202a, `\u202a`},
	{"right-to-left override (last)", 0x202e, `\u202e`},
	{"word joiner (first)", 0x2060, `\u2060`},
	{"invisible plus (last)", 0x2064, `\u2064`},
	{"left-to-right isolate (first)", 0x2066, `\u2066`},
	{"pop directional isolate", 0x2069, `\u2069`},
	{"inhibit symmetric swapping", 0x206a, `\u206a`},
	{"nominal digit shapes (last)", 0x206f, `\u206f`},
	{"zero width no-break space (byte order mark)", 0xfeff, `\ufeff`},
	{"interlinear annotation anchor (first)", 0xfff9, `\ufff9`},
	{"interlinear annotation terminator (last)", 0xfffb, `\ufffb`},
	{"Kaithi number sign", 0x110bd, `\U000110bd`},
	{"Kaithi number sign above", 0x110cd, `\U000110cd`},
	{"Egyptian hieroglyph vertical joiner (first)", 0x13430, `\U00013430`},
	{"Egyptian hieroglyph end walled enclosure (last)", 0x1343f, `\U0001343f`},
	{"shorthand format letter overlap (first)", 0x1bca0, `\U0001bca0`},
	{"shorthand format up step (last)", 0x1bca3, `\U0001bca3`},
	{"musical symbol begin beam (first)", 0x1d173, `\U0001d173`},
	{"musical symbol end phrase (last)", 0x1d17a, `\U0001d17a`},
	{"language tag", 0xe0001, `\U000e0001`},
	{"tag space (first)", 0xe0020, `\U000e0020`},
	{"cancel tag (last)", 0xe007f, `\U000e007f`},
}

// formatNeighbours are the runes on either side of a run of format
// characters that are text (a letter, a mark, a symbol, a space), and a
// few that are not yet assigned: each is printed as it is.
var formatNeighbours = []rune{
	0x00ac, 0x00ae, // ¬ ®
	0x05ff, 0x0606, // unassigned, Arabic-Indic cube root
	0x061b, 0x061d, // Arabic semicolon, Arabic end of text mark
	0x06dc, 0x06de, // Arabic small high seen, start of rub el hizb
	0x070e, 0x0710, // unassigned, Syriac letter alaph
	0x088f, 0x0892, // unassigned on either side
	0x08e1, 0x08e3, // Arabic small high sign safha, turned damma below
	0x180d, 0x180f, // Mongolian free variation selectors three and four
	0x200a, 0x2010, // hair space, hyphen
	0x202f,         // narrow no-break space
	0x205f, 0x2065, // medium mathematical space, unassigned
	0x2070,         // superscript zero
	0xfefc, 0xfefe, // Arabic ligature lam with alef final, unassigned
	0xfff8, 0xfffc, // unassigned, object replacement character
	0x110bc, 0x110be, // Kaithi enumeration sign, Kaithi section mark
	0x110cc, 0x110ce, // unassigned on either side
	0x1342f, 0x13440, // Egyptian hieroglyph V011D, mirror horizontally
	0x1bc9f, 0x1bca4, // Duployan punctuation chinook full stop, unassigned
	0x1d172, 0x1d17b, // musical symbol combining flag-5, combining accent
	0xe0000, 0xe0002, 0xe001f, 0xe0080, // unassigned around the tags
	0xe0100, // variation selector-17
}

// TestPrintableShowsInvisibleFormatCharactersEscaped: a left-to-right mark
// or a zero width space in a team's name made "Ward 7" and "Ward 7" with
// the mark two teams that read the same on screen, and an isolate or a
// mark could reorder a name; every format character (Unicode category Cf)
// is shown as an escape, in one line and in a block of lines, and the
// text either side of each run of them is printed as it is.
func TestPrintableShowsInvisibleFormatCharactersEscaped(t *testing.T) {
	for _, c := range formatCharacters {
		in := "Ward" + string(c.r) + "7"
		if got, want := Printable(in), "Ward"+c.shown+"7"; got != want {
			t.Errorf("%s (U+%04X): Printable = %q, want %q", c.name, c.r, got, want)
		}
		if got, want := PrintableLines(in+"\n"), "Ward"+c.shown+"7\n"; got != want {
			t.Errorf("%s (U+%04X): PrintableLines = %q, want %q", c.name, c.r, got, want)
		}
	}
	for _, r := range formatNeighbours {
		if s := "Ward" + string(r) + "7"; Printable(s) != s || PrintableLines(s) != s {
			t.Errorf("U+%04X beside a run of format characters is text, printed %q", r, Printable(s))
		}
	}
	// Every format character of the Unicode tables Go was built with,
	// and nothing else that CheckText accepts.
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= 0xd800 && r <= 0xdfff || CheckText(string(r)) != nil {
			continue
		}
		s := string(r)
		if escaped := Printable(s) != s; escaped != unicode.Is(unicode.Cf, r) {
			t.Errorf("U+%04X (format character: %t) printed as %q", r, unicode.Is(unicode.Cf, r), Printable(s))
		}
	}
}

// TestTwoTeamsThatReadAlikeArePrintedApart: team names differing only by
// an invisible mark or joiner read differently once printed, with what is
// invisible on a screen taken away.
func TestTwoTeamsThatReadAlikeArePrintedApart(t *testing.T) {
	onScreen := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.Is(unicode.Cf, r) {
				return -1
			}
			return r
		}, s)
	}
	plain := "Ward 7"
	for _, marked := range []string{"Ward 7\u200e", "Ward\u200b 7", "\ufeffWard 7", "Ward \u20607"} {
		if err := CheckText(marked); err != nil {
			t.Fatalf("%q is refused where a team is typed, so this test shows nothing: %v", marked, err)
		}
		if onScreen(Printable(marked)) == onScreen(Printable(plain)) {
			t.Errorf("%q and %q both read %q on screen", marked, plain, onScreen(Printable(plain)))
		}
	}
}

// TestTidyNameTakesOutStraySpacesOnly: "Ward 7 " and "Ward  7" were kept,
// and counted, as other teams than "Ward 7". A name is kept without
// spaces at either end and with each run of spaces inside it (a no-break
// space, a thin space) one space; letter case, and what CheckText refuses
// (a tab, a line break, for the check to say so), are left as typed.
func TestTidyNameTakesOutStraySpacesOnly(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Ward 7", "Ward 7"},
		{"Ward 7 ", "Ward 7"},
		{"  Ward 7", "Ward 7"},
		{"Ward  7", "Ward 7"},
		{"Ward \u00a07", "Ward 7"},
		{"Ward\u00a07", "Ward 7"},
		{"Ward\u2009\u20097\u3000", "Ward 7"},
		{"ward 7", "ward 7"},
		{"WARD 7", "WARD 7"},
		{"   ", ""},
		{"", ""},
		{"Ward\t7", "Ward\t7"},
		{"Ward 7\n", "Ward 7\n"},
		{"Ward\u200b 7", "Ward\u200b 7"},
		{"Zoë's  team (Leeds)", "Zoë's team (Leeds)"},
	} {
		if got := TidyName(c.in); got != c.want {
			t.Errorf("TidyName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestPrintableTypedShowsEveryCharacterThatDrawsNothingAsItsCode: a reason
// or a team an earlier build kept with a Hangul filler, the Braille blank,
// a combining grapheme joiner or a variation selector printed as nothing
// in history, show and the note. PrintableTyped, which they print through,
// shows each as its code, as Quote does without the quotes; a joiner that
// spells a Persian word is printed as itself, and plain text is unchanged.
func TestPrintableTypedShowsEveryCharacterThatDrawsNothingAsItsCode(t *testing.T) {
	for in, want := range map[string]string{
		"\u3164\u3164":       `\u3164\u3164`,
		"x\u2800y":           `x\u2800y`,
		"x\u034fy":           `x\u034fy`,
		"x\ufe0fy":           `x\ufe0fy`,
		"\u115f\u1160\uffa0": `\u115f\u1160\uffa0`,
		"x\U000e0100y":       `x\U000e0100y`,
		"wrong\x1bpatient":   `wrong\x1bpatient`,
		"فارسی\u200cدری":     "فارسی\u200cدری",
		"Ward 7":             "Ward 7",
	} {
		if got := PrintableTyped(in); got != want {
			t.Errorf("PrintableTyped(%+q) = %q, want %q", in, got, want)
		}
		if got := Quote(in); got != `"`+want+`"` {
			t.Errorf("Quote(%+q) = %q, want it quoted as PrintableTyped shows it", in, got)
		}
	}
}

// TestPrintableTypedLinesKeepsLinesAndShowsWhatDrawsNothing: the plain
// prompts say blocks of lines that hold names and teams a record keeps;
// a Hangul filler an earlier build let into one was said as nothing. It is
// shown as its code, as PrintableTyped shows it, and the lines are kept.
func TestPrintableTypedLinesKeepsLinesAndShowsWhatDrawsNothing(t *testing.T) {
	for in, want := range map[string]string{
		"By: Dr\u3164Lee.\nTeam: Ward 5.": "By: Dr\\u3164Lee.\nTeam: Ward 5.",
		"a\r\nb\u2800":                    "a\r\nb\\u2800",
		"wrong\x1bpatient\n":              "wrong\\x1bpatient\n",
		"فارسی\u200cدری\n":                "فارسی\u200cدری\n",
		"Ward 7\n":                        "Ward 7\n",
	} {
		if got := PrintableTypedLines(in); got != want {
			t.Errorf("PrintableTypedLines(%+q) = %q, want %q", in, got, want)
		}
	}
}
