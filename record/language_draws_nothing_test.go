package record

import (
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// TestALanguageKeptWithACharacterThatDrawsNothingReadsAsItsCodeInTheHandoutAndNote:
// a language an earlier build kept with a Hangul filler (U+3164) read
// "\u3164" in show and push, whose words come from Item.AnswerText, but the
// handout printed it raw ("an interpreter who speaks Tigrinya" and a blank
// after it), and so did the line that says the handout must be translated
// (the note, the saved screen, show --handout). Every one now words it as
// show does.
func TestALanguageKeptWithACharacterThatDrawsNothingReadsAsItsCodeInTheHandoutAndNote(t *testing.T) {
	const typed = "Tigrinya\u3164"
	r := assessedV2(t, questionnaire.Answers{
		questionnaire.LinkCommNeeds: {questionnaire.NeedInterpreter}, questionnaire.LinkPrintSize: nil,
		questionnaire.LinkLanguageCode: {questionnaire.LanguageOther}, questionnaire.LinkLanguage: {typed},
		questionnaire.LinkTranslated: {questionnaire.Yes},
	})
	ins, ok := questionnaire.Lookup(r.InstrumentVersion)
	if !ok {
		t.Fatalf("no instrument %s", r.InstrumentVersion)
	}
	it, ok := ins.Item(questionnaire.LinkLanguage)
	if !ok {
		t.Fatal("the instrument asks no language")
	}
	shown := it.AnswerText([]string{typed}) // as show and push word it
	if shown != `Tigrinya\u3164` {
		t.Fatalf("show words the language %q; the scenario expects its code", shown)
	}
	h := flat(HandoutWith(r, HandoutOptions{}))
	for _, want := range []string{"an interpreter who speaks " + shown + ".", "letters in " + shown + "."} {
		if !strings.Contains(h, want) {
			t.Errorf("the handout does not say %q, the language as show words it:\n%s", want, h)
		}
	}
	if got := HandoutTranslation(r); got != shown {
		t.Errorf("the handout is to be translated into %q; want %q, as show words it", got, shown)
	}
	n := NoteWith(r, NoteOptions{})
	if !strings.Contains(n, "translated into "+shown+" before") {
		t.Errorf("the note does not say the handout is to be translated into %q:\n%s", shown, n)
	}
	for name, s := range map[string]string{"handout": h, "note": n, "translation": HandoutTranslation(r)} {
		if strings.ContainsRune(s, '\u3164') {
			t.Errorf("the %s prints the filler raw, drawing nothing:\n%q", name, s)
		}
	}
}
