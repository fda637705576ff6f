package assess

import (
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// TestALanguageWithAnInvisibleCharacterIsRefusedAsItIsTyped: "Tigrinya"
// copied from a web page with a right-to-left mark after it was taken,
// and the patient's handout said "We will book an interpreter who speaks
// Tigrinya\u200f", the note the same, and the export counted it apart
// from Tigrinya. A language is a name: an invisible format character in
// it is refused where it is typed, as in a team's name, a zero width
// non-joiner or joiner too ("Dar\u200ci" reads as Dari), but for one
// between two letters of a script that spells words with it: Persian
// written correctly, "Farsi-Dari" with a non-joiner, was refused.
func TestALanguageWithAnInvisibleCharacterIsRefusedAsItIsTyped(t *testing.T) {
	var lang *questionnaire.Item
	for _, sec := range questionnaire.V2.Sections {
		for i := range sec.Items {
			if sec.Items[i].LinkID == questionnaire.LinkLanguageOther && sec.Items[i].Type == questionnaire.Text {
				lang = &sec.Items[i]
			}
		}
	}
	if lang == nil {
		t.Fatal("instrument v2 asks no language in words")
	}
	for _, tc := range []struct {
		typed string
		ok    bool
	}{
		{"Tigrinya", true},
		{"Tigrinya\u200f", false},
		{"Tigrinya\u200e", false},
		{"Ti\u200bgrinya", false},
		{"\ufeffTigrinya", false},
		{"Tigri\u00adnya", false},
		{"Tigrinya\u061c", false},
		{"Tigrinya\u2060", false},
		{"Dar\u200ci", false}, // reads as Dari
		{"Dar\u200di", false},
		// In a script that spells words with them, a non-joiner or a
		// joiner between two of its letters is the spelling, printed as
		// itself; anywhere else it is refused
		// (questionnaire.SpelledJoiner).
		{"\u0641\u0627\u0631\u0633\u06cc\u200c\u062f\u0631\u06cc", true}, // Farsi-Dari in Persian script
		{"\u0939\u093f\u0928\u094d\u200d\u0926\u0940", true},             // Hindi with a joiner after the virama
		{"\u09ac\u09be\u0982\u09b2\u09be", true},                         // Bengali, no joiner
		{"\u062f\u0631\u06cc\u200c", false},                              // a non-joiner at the end
		{"\u200c\u062f\u0631\u06cc", false},                              // at the start
		{"\u062f\u0631\u06cc\u200cDari", false},                          // between two scripts
		{"\u062f\u0631\u06cc\u200f\u062f\u0631\u06cc", false},            // a right-to-left mark in Persian
	} {
		err := CheckTextAnswer(lang, []string{tc.typed})
		switch {
		case tc.ok && err != nil:
			t.Errorf("%q refused: %v", tc.typed, err)
		case !tc.ok && err == nil:
			t.Errorf("%q taken as a language, invisible character and all", tc.typed)
		case !tc.ok && !strings.Contains(err.Error(), "invisible character"):
			t.Errorf("%q refused without saying why: %v", tc.typed, err)
		}
	}
}
