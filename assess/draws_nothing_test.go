package assess

import (
	"strings"
	"testing"
)

// TestAReasonOrTeamNameThatDrawsNothingIsRefused: the check on invisible
// characters refused the format characters (Unicode category Cf) only, and
// others that draw nothing were taken: a void reason of two Hangul fillers
// (U+3164), of the Braille blank (U+2800), of a combining grapheme joiner
// (U+034F), and history printed "entered in error because: " with nothing
// after it; a team "Ward\u3164 7" made a row that read as "Ward 7"'s
// beside it, and a team of spaces only a row with a blank name. Every
// Default_Ignorable_Code_Point and the Braille blank are refused, naming
// the character, but for a joiner between two letters of a script that
// spells words with it; text of spaces only is refused too.
func TestAReasonOrTeamNameThatDrawsNothingIsRefused(t *testing.T) {
	for _, tc := range []struct {
		name   string
		text   string
		want   string // "" when taken
		reason bool   // a reason's case only: a team's name refuses every format character
	}{
		{"plain", "Ward 7", "", false},
		{"Korean syllables", "\ubcd1\ub3d9 7", "", false},                                                   // 병동 7
		{"Braille that draws dots", "Ward \u2803\u2817 7", "", false},                                       // ⠃⠗
		{"Persian with its non-joiner", "\u0641\u0627\u0631\u0633\u06cc\u200c\u062f\u0631\u06cc", "", true}, // Farsi-Dari
		{"Hindi with a joiner after the virama", "\u0939\u093f\u0928\u094d\u200d\u0926\u0940", "", true},
		{"Hangul filler U+3164", "\u3164\u3164", "U+3164", false},
		{"Hangul filler inside a name", "Ward\u3164 7", "U+3164", false},
		{"halfwidth Hangul filler U+FFA0", "Ward 7\uffa0", "U+FFA0", false},
		{"Hangul choseong filler U+115F", "\u115fWard 7", "U+115F", false},
		{"Hangul jungseong filler U+1160", "Ward \u11607", "U+1160", false},
		{"combining grapheme joiner U+034F", "\u034f", "U+034F", false},
		{"Khmer inherent vowel U+17B4", "Ward\u17b4 7", "U+17B4", false},
		{"Khmer inherent vowel U+17B5", "\u17b5", "U+17B5", false},
		{"Braille blank U+2800", "\u2800\u2800", "U+2800", false},
		{"Mongolian free variation selector U+180B", "Ward 7\u180b", "U+180B", false},
		{"variation selector U+FE0F", "Ward 7\ufe0f", "U+FE0F", false},
		{"reserved default ignorable U+2065", "Ward\u2065 7", "U+2065", false},
		{"variation selector 17 U+E0100", "Ward 7\U000e0100", "U+E0100", false},
		{"shorthand format control U+1BCA0", "Ward\U0001bca0 7", "U+1BCA0", false},
		{"musical beam U+1D173", "Ward 7\U0001d173", "U+1D173", false},
		{"zero width space U+200B, as before", "Ward\u200b 7", "U+200B", false},
		{"a non-joiner between Latin letters, as before", "Dar\u200ci", "U+200C", false},
		{"spaces only", "   ", "spaces only", false},
		{"ideographic spaces only", "\u3000\u3000", "spaces only", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, check := range []struct {
				what string
				err  error
			}{
				{"reason", CheckNoInvisible(tc.text, "which shows nothing, or is printed as its code, wherever the reason is shown: retype the reason without it")},
				{"team", CheckTeam(tc.text)},
			} {
				if tc.reason && check.what == "team" {
					continue
				}
				switch {
				case tc.want == "" && check.err != nil:
					t.Errorf("%s %q refused: %v", check.what, tc.text, check.err)
				case tc.want != "" && check.err == nil:
					t.Errorf("%s %q taken: it shows nothing of its %s", check.what, tc.text, tc.want)
				case tc.want != "" && !strings.Contains(check.err.Error(), tc.want):
					t.Errorf("%s %q refused without naming %s: %v", check.what, tc.text, tc.want, check.err)
				}
			}
		})
	}
}
