package questionnaire

import (
	"strings"
	"testing"
)

// spelledJoiners are words whose spelling holds a zero width non-joiner
// (U+200C) or joiner (U+200D) between two letters of a script that writes
// words with them, as a language's name is typed in its own script, and
// words where the same character is no part of the spelling.
var spelledJoiners = []struct {
	name, s string
	spelled bool
}{
	{"Persian, Farsi-Dari with a non-joiner", "\u0641\u0627\u0631\u0633\u06cc\u200c\u062f\u0631\u06cc", true},
	{"Persian, a non-joiner after a letter and before a letter", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", true},
	{"Hindi, a joiner after a virama", "\u0915\u094d\u200d\u0937", true},
	{"Hindi, a non-joiner after a virama", "\u0915\u094d\u200c\u0937", true},
	{"Bengali, a joiner after a virama", "\u09b0\u09cd\u200d\u09af", true},
	{"Malayalam, a joiner", "\u0d28\u0d4d\u200d\u0d28", true},
	{"Tamil, a non-joiner", "\u0b95\u0bcd\u200c\u0bb7", true},
	{"Gurmukhi, a joiner", "\u0a38\u0a4d\u200d\u0a39", true},
	{"Gujarati, a non-joiner", "\u0a95\u0acd\u200c\u0ab7", true},
	{"Latin, Dar(ZWNJ)i reads as Dari", "Dar\u200ci", false},
	{"Latin, a joiner", "Dar\u200di", false},
	{"Persian, a non-joiner at the end", "\u062f\u0631\u06cc\u200c", false},
	{"Persian, a non-joiner at the start", "\u200c\u062f\u0631\u06cc", false},
	{"Persian, two non-joiners", "\u0641\u0627\u0631\u0633\u06cc\u200c\u200c\u062f\u0631\u06cc", false},
	{"Persian then Latin", "\u062f\u0631\u06cc\u200cDari", false},
	{"Devanagari then Arabic", "\u0915\u200c\u062f", false},
	{"Persian, a non-joiner before a space", "\u062f\u0631\u06cc\u200c \u062f\u0631\u06cc", false},
	{"Persian, a non-joiner beside an Arabic-Indic digit", "\u06f1\u200c\u06f2", false},
	{"Greek, a non-joiner", "\u03b1\u200c\u03b2", false},
	{"Persian, a right-to-left mark, not a joiner", "\u062f\u0631\u06cc\u200f\u062f\u0631\u06cc", false},
}

// TestAJoinerIsPrintedAsItselfOnlyBetweenLettersOfAScriptThatSpellsWithIt:
// Persian written correctly (Farsi-Dari in Persian script, with a
// non-joiner) was printed with \u200c in the note, the handout and show,
// as every format character is printed escaped. A non-joiner or joiner between two letters of one script that
// spells words with them (Arabic, and the Brahmic scripts) is printed as
// itself; anywhere else ("Dar\u200ci", which reads as Dari, at an end, two
// together, between two scripts) it is still escaped, and so is every
// other format character.
func TestAJoinerIsPrintedAsItselfOnlyBetweenLettersOfAScriptThatSpellsWithIt(t *testing.T) {
	for _, tc := range spelledJoiners {
		got := Printable(tc.s)
		if escaped := got != tc.s; escaped == tc.spelled {
			t.Errorf("%s: %q printed %q", tc.name, tc.s, got)
		}
		if lines := PrintableLines(tc.s + "\n"); lines != got+"\n" {
			t.Errorf("%s: PrintableLines %q, Printable %q", tc.name, lines, got)
		}
		if !tc.spelled && !strings.Contains(got, `\u20`) {
			t.Errorf("%s: the character is not shown escaped: %q", tc.name, got)
		}
		spelled := true
		for i, r := range tc.s {
			if formatCharacter(r) && !SpelledJoiner(tc.s, i) {
				spelled = false
			}
		}
		if spelled != tc.spelled {
			t.Errorf("%s: SpelledJoiner says %v", tc.name, spelled)
		}
	}
}
