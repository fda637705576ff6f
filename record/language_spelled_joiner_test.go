package record

import (
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// TestALanguageSpelledWithAJoinerIsPrintedAsItselfInTheNoteAndHandout:
// Farsi-Dari written in Persian script with its zero width non-joiner
// was printed "...\u200c..." in the note and the patient's handout. A
// joiner that is part of the spelling (questionnaire.SpelledJoiner) is
// printed as itself; one that is not (a Latin "Dar\u200ci" saved by an
// earlier build) is still printed as its code.
func TestALanguageSpelledWithAJoinerIsPrintedAsItselfInTheNoteAndHandout(t *testing.T) {
	for _, tc := range []struct {
		lang, shown string
	}{
		{"\u0641\u0627\u0631\u0633\u06cc\u200c\u062f\u0631\u06cc", "\u0641\u0627\u0631\u0633\u06cc\u200c\u062f\u0631\u06cc"},
		{"\u0939\u093f\u0928\u094d\u200d\u0926\u0940", "\u0939\u093f\u0928\u094d\u200d\u0926\u0940"},
		{"Dar\u200ci", `Dar\u200ci`},
	} {
		r := assessedV2(t, questionnaire.Answers{
			questionnaire.LinkCommNeeds:    {questionnaire.NeedInterpreter},
			questionnaire.LinkLanguageCode: {questionnaire.LanguageOther},
			questionnaire.LinkLanguage:     {tc.lang},
			questionnaire.LinkTranslated:   {questionnaire.Yes},
			questionnaire.LinkPrintSize:    nil,
		})
		note := NoteWith(r, NoteOptions{})
		if !strings.Contains(note, "Use an interpreter for "+tc.shown) || !strings.Contains(note, "translated into "+tc.shown) {
			t.Errorf("%q: the note does not print the language as %q:\n%s", tc.lang, tc.shown, note)
		}
		for _, large := range []bool{false, true} {
			h := strings.Join(strings.Fields(HandoutWith(r, HandoutOptions{LargePrint: large, Team: "Ward 7"})), " ")
			if !strings.Contains(h, "We will book an interpreter who speaks "+tc.shown+".") {
				t.Errorf("%q (large print %v): the handout does not print the language as %q:\n%s", tc.lang, large, tc.shown, h)
			}
		}
		if tc.shown == tc.lang && (strings.Contains(note, `\u200`) || strings.Contains(HandoutWith(r, HandoutOptions{Team: "Ward 7"}), `\u200`)) {
			t.Errorf("%q: a joiner of the spelling printed as its code", tc.lang)
		}
	}
}
