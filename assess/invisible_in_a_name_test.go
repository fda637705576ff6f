package assess

import (
	"strings"
	"testing"
)

// A team or clinician typed with an invisible format character (a
// right-to-left mark pasted from a web page, a zero width space, a word
// joiner) reads on screen as the name without it, but is another team:
// the patient's handout then leaves out the team's phone and address, and
// `due --team "Ward 7"` leaves the patient off the list. Such a name is
// refused where it is typed, saying what was found.
func TestANameHoldingAnInvisibleCharacterIsRefusedWhereItIsTyped(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
		want string // "" when the name is taken
	}{
		{"plain team", "Ward 7", ""},
		{"accented letters", "Équipe Ébène", ""},
		{"another script", "Отделение", ""},
		{"soft hyphen U+00AD", "Ward\u00ad7", "U+00AD"},
		{"Arabic letter mark U+061C", "Ward 7\u061c", "U+061C"},
		{"zero width space U+200B, first of its run", "Ward\u200b 7", "U+200B"},
		{"left-to-right mark U+200E", "Ward 7\u200e", "U+200E"},
		{"right-to-left mark U+200F, last of its run", "Ward 7\u200f", "U+200F"},
		{"word joiner U+2060", "\u2060Ward 7", "U+2060"},
		{"invisible plus U+2064", "Ward\u2064 7", "U+2064"},
		{"byte order mark U+FEFF", "\ufeffWard 7", "U+FEFF"},
		{"a tag U+E0067", "Ward 7\U000e0067", "U+E0067"},
		{"right-to-left override, refused before", "Ward \u202e7", "U+202E"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, check := range []struct {
				what string
				err  error
			}{{"team", CheckTeam(tc.text)}, {"clinician", CheckClinician(tc.text)}} {
				switch {
				case tc.want == "" && check.err != nil:
					t.Errorf("%s %q refused: %v", check.what, tc.text, check.err)
				case tc.want != "" && check.err == nil:
					t.Errorf("%s %q taken: it reads on screen as a name without its %s", check.what, tc.text, tc.want)
				case tc.want != "" && !strings.Contains(check.err.Error(), tc.want):
					t.Errorf("%s %q refused without naming %s: %v", check.what, tc.text, tc.want, check.err)
				}
			}
		})
	}
}
