package assess

import (
	"strings"
	"testing"
)

// A team typed wholly in Latin script with a character that is a
// compatibility form of another ("Ward K" with the Kelvin sign K, U+212A;
// "Ward Ⅰ" with the Roman numeral one, U+2160; full-width letters and
// digits from an East Asian input method; a mathematical bold digit; a
// ligature pasted from a PDF) was kept, printed exactly or nearly as the
// name typed with the ordinary letter, and was counted as another team
// that no summary named as printing alike: the mixed-script check lets it
// through, as every letter is Latin. It is refused at entry, naming the
// character, its code point and the plain form to type instead; so is an
// accent typed as a separate combining mark, which prints as the accented
// letter typed as one. Names in any script whose characters are the
// ordinary ones are kept.
func TestATeamNameWithACompatibilityCharacterIsRefused(t *testing.T) {
	for _, c := range []struct {
		team string
		want []string // what the refusal says; nil for kept
	}{
		{"Ward K", nil},
		{"Ward I", nil},
		{"Ward 7", nil},
		{"Ward\u00a07", nil}, // a no-break space is kept as a space
		{"Ward\u30007", nil},
		{"Caf\u00e9 team", nil},
		{"Ko\u011fu\u015f \u0131", nil}, // Turkish: ğ, ş and dotless ı are letters of their own
		{"\u041f\u0430\u043b\u0430\u0442\u0430 5", nil},
		{"\u75c5\u68df 3", nil},
		{"\u0986\u09ae\u09be\u09b0 \u09a6\u09b2", nil},
		{"Ward \u212a", []string{"character 6", "(U+212A)", `"K"`}},
		{"Ward \u2160", []string{"character 6", "(U+2160)", `"I"`}},
		{"\uff37ard 7", []string{"character 1", "(U+FF37)", `"W"`}},
		{"Ward \uff17", []string{"character 6", "(U+FF17)", `"7"`}},
		{"Ward \U0001d7d5", []string{"character 6", "(U+1D7D5)", `"7"`}},
		{"O\ufb03ce", []string{"character 2", "(U+FB03)", `"ffi"`}},
		{"Ward 2\u00b2", []string{"character 7", "(U+00B2)", `"2"`}},
		{"Cafe\u0301 team", []string{"character 5", "(U+0301)", `"é"`}},
		{"\u1100\u1161 3", []string{"\"\uac00 3\""}}, // Hangul jamo typed apart, which compose into one syllable
	} {
		err := CheckTeam(c.team)
		if c.want == nil {
			if err != nil {
				t.Errorf("CheckTeam(%q) = %v; want it kept", c.team, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("CheckTeam(%q) kept it; want it refused as printing like another name", c.team)
			continue
		}
		for _, w := range append(c.want, "prints as", "another team") {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("CheckTeam(%q) = %v; want it to say %s", c.team, err, w)
			}
		}
	}
}
