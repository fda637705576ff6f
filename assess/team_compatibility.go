package assess

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Team names that print as another, in one script. The mixed-script check
// (questionnaire.MixedScript) lets through a name wholly in Latin script
// that holds a compatibility character: the Kelvin sign K (U+212A) prints
// as K, the Roman numeral Ⅰ (U+2160) as I, full-width Ｗ and ７ (an East
// Asian input method) and the mathematical 𝟕 as W and 7, the ligature ﬃ
// (pasted from a PDF) as ffi. Each made a second team printing as the
// first, which no summary told apart. Unicode publishes which characters
// these are: those that its compatibility normalisation, NFKC (Unicode
// Standard Annex #15), replaces by another. checkCompatibility refuses a
// team holding one, as PRECIS refuses them in identifiers (RFC 8264,
// section 9.17, HasCompat), and so an accent typed as a combining mark
// after its letter ("e" then U+0301), which NFKC composes into the one
// character "é" a keyboard types and which prints the same. The table is
// golang.org/x/text/unicode/norm's.
//
// The spaces of Unicode category Zs (a no-break space, the ideographic
// space) are let through: questionnaire.TidyName keeps each as one
// ordinary space. Letters that are letters of their own (the Turkish
// dotless ı, ß, the accented letters typed as one) are not compatibility
// characters, and stay.
func checkCompatibility(name string) error {
	pos, starter := 0, 0
	for i, r := range name {
		pos++
		if unicode.Is(unicode.Zs, r) {
			starter = i + utf8.RuneLen(r)
			continue
		}
		one := string(r)
		if plain := norm.NFKC.String(one); plain != one {
			return fmt.Errorf("character %d, %q (U+%04X), is another form of %q and prints as %q does, or nearly: a name holding it is counted as another team than the name typed with %q. Retype it as %q", pos, r, r, plain, plain, plain, plain)
		}
		if norm.NFC.PropertiesString(one).CCC() == 0 {
			starter = i
			continue
		}
		// A combining mark: its letter and it compose into one
		// character, which a keyboard types instead.
		typed := name[starter : i+utf8.RuneLen(r)]
		if whole := norm.NFKC.String(typed); whole != typed {
			return fmt.Errorf("character %d (U+%04X) is an accent typed as a character of its own after its letter: so typed, %q prints as %q typed as one character does, and a name holding it is counted as another team. Retype %q as the keyboard types accented letters", pos, r, typed, whole, whole)
		}
	}
	// Anything else NFKC would change (marks it would reorder) is
	// refused too, without naming a character.
	spaced := strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Zs, r) {
			return ' '
		}
		return r
	}, name)
	if !norm.NFKC.IsNormalString(spaced) {
		return fmt.Errorf("it prints as %q does, typed otherwise, and is counted as another team: retype the name", norm.NFKC.String(spaced))
	}
	return nil
}
