package questionnaire

import (
	"strings"
	"testing"
	"unicode"
)

// TestTheTableOfDefaultIgnorableCodePointsIsInOrder: unicode.Is finds a
// character in a table by searching it in order, so a range out of order
// is a range never found. Every format character from the soft hyphen up
// but the few the property leaves out is in it, as the property says.
func TestTheTableOfDefaultIgnorableCodePointsIsInOrder(t *testing.T) {
	var last rune = -1
	for _, r := range defaultIgnorable.R16 {
		if rune(r.Lo) <= last || r.Hi < r.Lo || r.Stride != 1 {
			t.Errorf("range %04X..%04X after %04X", r.Lo, r.Hi, last)
		}
		last = rune(r.Hi)
	}
	for _, r := range defaultIgnorable.R32 {
		if rune(r.Lo) <= last || r.Hi < r.Lo || r.Stride != 1 {
			t.Errorf("range %04X..%04X after %04X", r.Lo, r.Hi, last)
		}
		last = rune(r.Hi)
	}
	// The format characters that are not default ignorable: the Arabic
	// and Syriac signs that draw a mark over the number after them, the
	// Kaithi and Egyptian hieroglyph format controls.
	shown := func(r rune) bool {
		return r >= 0x0600 && r <= 0x0605 || r == 0x06dd || r == 0x070f || r >= 0x0890 && r <= 0x0891 || r == 0x08e2 ||
			r == 0x110bd || r == 0x110cd || r >= 0x13430 && r <= 0x1345f || r == 0xfff9 || r == 0xfffa || r == 0xfffb
	}
	for r := rune(0xad); r <= unicode.MaxRune; r++ {
		if unicode.Is(unicode.Cf, r) && !shown(r) && !unicode.Is(defaultIgnorable, r) {
			t.Errorf("U+%04X is a format character the table leaves out", r)
		}
	}
}

// TestQuoteEscapesEveryCharacterThatDrawsNothing: a refusal quoting what
// was typed showed a Hangul filler, the Braille blank or a variation
// selector raw between its quotes ("ㅤ"), where a tab read "\x09" and a
// zero width space "\u200b". Quote escapes every character that draws
// nothing, but for a joiner in a word's spelling, and leaves the rest as
// Printable does.
func TestQuoteEscapesEveryCharacterThatDrawsNothing(t *testing.T) {
	for typed, want := range map[string]string{
		"\u3164":             `"\u3164"`,
		"Ward\u3164 7":       `"Ward\u3164 7"`,
		"\u2800\u2800":       `"\u2800\u2800"`,
		"\u115f\u1160\uffa0": `"\u115f\u1160\uffa0"`,
		"no\u034ftime":       `"no\u034ftime"`,
		"ok\ufe0f":           `"ok\ufe0f"`,
		"\u200b":             `"\u200b"`,
		"a\tb":               `"a\x09b"`,
		"\U000e0041":         `"\U000e0041"`,
		"caf\u00e9":          "\"caf\u00e9\"",
		"Ward 7":             `"Ward 7"`,
		"\u0641\u200c\u0627": "\"\u0641\u200c\u0627\"", // a joiner in a Persian word's spelling
	} {
		if got := Quote(typed); got != want {
			t.Errorf("Quote(%+q) = %s, want %s", typed, got, want)
		}
		if strings.ContainsAny(Quote(typed), "\u3164\u2800\u115f\u1160\uffa0\u034f\ufe0f\u200b") {
			t.Errorf("Quote(%+q) holds a character that draws nothing raw", typed)
		}
	}
}
