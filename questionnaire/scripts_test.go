package questionnaire

import (
	"strings"
	"testing"
)

// A team's name typed with a letter of another script ("Ward А", its А
// Cyrillic) prints as "Ward A" and is another team. A name whose letters
// mix scripts is refused, naming the letter; one wholly in one script, or
// in the scripts one language writes together, is not.
func TestANameMixingScriptsIsRefusedNamingTheLetter(t *testing.T) {
	for _, c := range []struct {
		name, want string // want "" for accepted
	}{
		{"Ward A", ""},
		{"Ward 7", ""},
		{"7", ""},
		{"", ""},
		{"St. Mary's (A&E) - Bay 3", ""},
		{"Café Ward", ""},       // Latin with an accent
		{"Cafe\u0301 Ward", ""}, // a combining accent: every script's
		{"Палата 5", ""},        // Cyrillic alone
		{"Θάλαμος 2", ""},       // Greek alone
		{"病棟 さくら", ""},          // Han with Hiragana: Japanese
		{"병동 東", ""},            // Hangul with Han: Korean
		{"جناح 4", ""},          // Arabic alone
		{"Ward \u0410", "character 6, 'А' (U+0410), is a Cyrillic letter among Latin ones"},
		{"\u0410 Ward", "character 3, 'W' (U+0057), is a Latin letter among Cyrillic ones"},
		{"W\u0430rd A", "character 2, 'а' (U+0430), is a Cyrillic letter among Latin ones"},
		{"Ward \u0391", "character 6, 'Α' (U+0391), is a Greek letter among Latin ones"},
		{"Палата A", "character 8, 'A' (U+0041), is a Latin letter among Cyrillic ones"},
		{"さくら Ward", "is a Latin letter among Hiragana ones"},
		{"병동 さくら", "is a Hiragana letter among Hangul ones"},
	} {
		err := MixedScript(c.name)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%q refused: %v", c.name, err)
		case c.want != "" && err == nil:
			t.Errorf("%q accepted, want refused", c.name)
		case c.want != "" && !strings.Contains(err.Error(), c.want):
			t.Errorf("%q: %v\nwant it to say %q", c.name, err, c.want)
		}
	}
}

// Names kept before the check may still mix scripts: LookAlike is the form
// two names that print alike share.
func TestNamesThatPrintAlikeHaveOneLookAlike(t *testing.T) {
	for _, c := range []struct {
		a, b  string
		alike bool
	}{
		{"Ward A", "Ward \u0410", true},
		{"Ward A", "W\u0430rd \u0391", true},
		{"Ward A", "Ward B", false},
		{"Ward A", "ward a", false},
		{"Палата", "П\u0061л\u0061т\u0061", true}, // Latin a for Cyrillic а
		{"Ward 7", "Ward 7\u200b", false},         // shown escaped: it reads otherwise
	} {
		if got := LookAlike(c.a) == LookAlike(c.b); got != c.alike {
			t.Errorf("%q and %q alike: %v, want %v", c.a, c.b, got, c.alike)
		}
	}
	if got := OtherScriptLetters("W\u0430rd \u0410"); got != "U+0430 Cyrillic, U+0410 Cyrillic" {
		t.Errorf("OtherScriptLetters = %q", got)
	}
}

// A name wholly in Latin script with a compatibility character ("Ward K"
// with the Kelvin sign, U+212A; "Ward Ⅰ" with the Roman numeral one; a
// full-width digit) or an accent typed as a mark of its own prints as the
// name typed with the ordinary character: kept by a digicheck before entry
// refused it, a summary showed two rows reading "Ward K" and named them
// nowhere as printing alike. They share a LookAlike now, Unicode's NFKC
// form, and OtherScriptLetters names the character that tells them apart.
func TestNamesWithACompatibilityCharacterPrintAlike(t *testing.T) {
	for _, c := range []struct {
		a, b, other string
	}{
		{"Ward K", "Ward \u212a", `U+212A, a form of "K"`},
		{"Ward I", "Ward \u2160", `U+2160, a form of "I"`},
		{"Ward 7", "Ward \uff17", `U+FF17, a form of "7"`},
		{"Ward 7", "Ward \U0001d7d5", `U+1D7D5, a form of "7"`},
		{"Caf\u00e9", "Cafe\u0301", `U+0301, an accent typed apart from its letter`},
		{"Ward A", "Ward \uff21", `U+FF21, a form of "A"`},
	} {
		if LookAlike(c.a) != LookAlike(c.b) {
			t.Errorf("%q and %q print alike and have LookAlikes %q and %q", c.a, c.b, LookAlike(c.a), LookAlike(c.b))
		}
		if got := OtherScriptLetters(c.b); got != c.other {
			t.Errorf("OtherScriptLetters(%q) = %q, want %q", c.b, got, c.other)
		}
		if got := OtherScriptLetters(c.a); got != "" {
			t.Errorf("OtherScriptLetters(%q) = %q, want none", c.a, got)
		}
	}
	// The Cyrillic А in full width too.
	if LookAlike("Ward A") != LookAlike("Ward \u0410") {
		t.Error("a Cyrillic look-alike no longer prints alike")
	}
	if LookAlike("Ward K") == LookAlike("Ward k") {
		t.Error("letter case is folded: Ward K and Ward k do not print alike")
	}
}
