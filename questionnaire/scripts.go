package questionnaire

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Names in mixed scripts. A team's name typed with one letter from another
// script ("Ward А" with the Cyrillic А, U+0410, from a keyboard layout left
// on Russian or Bulgarian, or a name pasted from elsewhere) prints exactly
// as "Ward A", and is another team: a summary showed two rows reading
// "Ward A", and a note that "Ward A" was not counted beside a counted
// "Ward A" row. So a name whose letters are of more than one script, as
// Unicode TR39's mixed-script detection finds it, is refused where it is
// typed (MixedScript), as an invisible character is; a name wholly in one
// script ("Палата 5", "Ward 7") is fine. Only letters count: digits,
// spaces, punctuation, symbols (Braille's dots) and combining marks are
// no letters of a script here, and, as
// TR39 allows, Han with Hiragana and Katakana (Japanese), with Hangul
// (Korean) or with Bopomofo is one writing system.
//
// Names kept before this check, in stores and exports, may still mix
// scripts: LookAlike gives the form a summary compares team names by, to
// say when two print alike.

// scriptOf is the script of r, by its Unicode Script property; "" for
// Common and Inherited (digits, punctuation, spaces, combining marks),
// which belong to every script.
func scriptOf(r rune) string {
	if r < 0x80 {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' {
			return "Latin"
		}
		return ""
	}
	for _, name := range commonScripts {
		if unicode.Is(unicode.Scripts[name], r) {
			return name
		}
	}
	if unicode.Is(unicode.Common, r) || unicode.Is(unicode.Inherited, r) {
		return ""
	}
	for name, t := range unicode.Scripts {
		if unicode.Is(t, r) {
			return name
		}
	}
	return "" // unassigned
}

// commonScripts are looked at first.
var commonScripts = []string{"Latin", "Cyrillic", "Greek", "Arabic", "Hebrew", "Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Tamil", "Han", "Hiragana", "Katakana", "Hangul"}

// writingSystems are the sets of writing systems (TR39's augmented script
// sets) a letter of script may stand in: most scripts are one, Han is also
// written with Japanese kana, Korean Hangul and Bopomofo.
func writingSystems(script string) []string {
	switch script {
	case "Han":
		return []string{"Han", "Japanese", "Korean", "Bopomofo"}
	case "Hiragana", "Katakana":
		return []string{"Japanese"}
	case "Hangul":
		return []string{"Korean"}
	case "Bopomofo":
		return []string{"Bopomofo"}
	}
	return []string{script}
}

// MixedScript refuses a name whose letters are of more than one script
// (Unicode TR39's mixed-script detection): the error names the first
// letter that is not of the script of those before it, by its position,
// its code point and its script.
func MixedScript(s string) error {
	var systems []string // what every letter so far may be written in
	first := ""          // the first letter's script
	pos := 0
	for _, r := range s {
		pos++
		script := ""
		if unicode.IsLetter(r) { // symbols (Braille dots) are no letters
			script = scriptOf(r)
		}
		if script == "" {
			continue
		}
		ws := writingSystems(script)
		if systems == nil {
			systems, first = ws, script
			continue
		}
		var both []string
		for _, w := range systems {
			for _, v := range ws {
				if w == v {
					both = append(both, w)
				}
			}
		}
		if len(both) == 0 {
			return fmt.Errorf("character %d, %q (U+%04X), is a %s letter among %s ones: a name mixing the letters of two scripts can print exactly as another name (\"Ward \u0410\" with a Cyrillic \u0410 prints as \"Ward A\") and is counted as another team. Retype the name with a keyboard set to one language", pos, r, r, script, first)
		}
		systems = both
	}
	return nil
}

// LookAlike is s with each letter that prints as a Latin letter in most
// fonts (the Cyrillic and Greek capitals А, В, Е, К, М, Н, О, Р, С, Т, Х,
// Α, Β, Ε, Ζ, Η, Ι, Κ, Μ, Ν, Ο, Ρ, Τ, Υ, Χ and the small letters а, е, о,
// р, с, у, х, і, ј, ѕ, ο, ν among them, after TR39's confusables) written
// as that Latin letter: two team names with the same LookAlike print
// alike. It is no full skeleton (TR39's covers thousands of characters):
// it covers the letters a keyboard of another script types.
//
// A compatibility character (the Kelvin sign K, U+212A; the Roman numeral
// Ⅰ; full-width Ｗ and ７) and an accent typed as a mark of its own print
// as the ordinary character too: LookAlike is of s in Unicode's NFKC form
// (UAX #15), which replaces them so. Entry refuses them
// (assess.CheckTeam); stores and exports made before may hold them.
//
// Spaces print alike too: a run of spaces of any kind (a no-break space
// among them) counts as one space, and spaces at the start or end as none.
func LookAlike(s string) string {
	s = norm.NFKC.String(s)
	if f := strings.Fields(s); len(f) != 1 || f[0] != s {
		s = strings.Join(f, " ")
	}
	if !strings.ContainsFunc(s, func(r rune) bool { return lookAlike[r] != 0 }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if l := lookAlike[r]; l != 0 {
			return l
		}
		return r
	}, s)
}

var lookAlike = map[rune]rune{
	// Cyrillic.
	'А': 'A', 'В': 'B', 'Е': 'E', 'К': 'K', 'М': 'M', 'Н': 'H', 'О': 'O', 'Р': 'P', 'С': 'C', 'Т': 'T', 'Х': 'X',
	'Ѕ': 'S', 'І': 'I', 'Ј': 'J', 'Ԛ': 'Q', 'Ԝ': 'W', 'Ү': 'Y',
	'а': 'a', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'у': 'y', 'х': 'x', 'ѕ': 's', 'і': 'i', 'ј': 'j',
	'ԁ': 'd', 'һ': 'h', 'ԛ': 'q', 'ԝ': 'w', 'ӏ': 'l',
	// Greek.
	'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M', 'Ν': 'N', 'Ο': 'O', 'Ρ': 'P',
	'Τ': 'T', 'Υ': 'Y', 'Χ': 'X',
	'ο': 'o', 'ν': 'v', 'ι': 'i', 'κ': 'k', 'ρ': 'p', 'τ': 't', 'υ': 'u', 'χ': 'x', 'α': 'a',
}

// OtherScriptLetters names the letters of s that are not Latin and print
// as Latin ones (LookAlike), as "U+0410 Cyrillic", and the compatibility
// characters and accents typed apart that print as another character, as
// `U+212A, a form of "K"`, for a note that tells two names apart; "" for
// none.
func OtherScriptLetters(s string) string {
	var out []string
	add := func(w string) {
		if !contains(out, w) {
			out = append(out, w)
		}
	}
	starter := 0
	for i, r := range s {
		one := string(r)
		switch plain := norm.NFKC.String(one); {
		case lookAlike[r] != 0:
			add(fmt.Sprintf("U+%04X %s", r, scriptOf(r)))
		case plain != one && !unicode.Is(unicode.Zs, r):
			add(fmt.Sprintf("U+%04X, a form of %q", r, plain))
		case norm.NFC.PropertiesString(one).CCC() == 0:
			starter = i
		default:
			// A combining mark that composes with its letter.
			if typed := s[starter : i+len(one)]; norm.NFKC.String(typed) != typed {
				add(fmt.Sprintf("U+%04X, an accent typed apart from its letter", r))
			}
		}
	}
	if strings.Join(strings.Fields(s), " ") != s {
		add("spaces of another kind, two together, or at its start or end")
	}
	return strings.Join(out, ", ")
}

// SpacesDiffer says whether s holds a space that is not one plain space
// between two words: a no-break space, two together, one at the start or
// end; such a name prints like the name with plain single spaces.
func SpacesDiffer(s string) bool {
	return strings.Join(strings.Fields(s), " ") != s
}

// HasCompatibilityForm says whether s holds a character that Unicode's
// NFKC normalisation (UAX #15) replaces by another, other than a space
// (a no-break space is tidied to a space where a name is given): a
// compatibility form (the Kelvin sign K, U+212A; full-width letters) or
// an accent typed apart from its letter. assess.CheckTeam refuses such a
// name; an earlier version kept it.
func HasCompatibilityForm(s string) bool {
	for _, f := range strings.Fields(s) {
		if !norm.NFKC.IsNormalString(f) {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
