package questionnaire

import (
	"strings"
	"testing"
)

// TestATypedLanguageThatMatchedACodedOneIsNamedAsCoded: "Another
// language" typed as " tigrinya " was coded right (Tigrinya language
// interpreter needed) but named in lower case, as typed, in the
// adjustments, the needs with no published code and everything made from
// them: a language name in lower case in the patient record. A typed
// language that matches a coded one is named as the code names it; one
// that matches none is kept as typed.
func TestATypedLanguageThatMatchedACodedOneIsNamedAsCoded(t *testing.T) {
	for _, typed := range []string{" tigrinya ", "TIGRINYA", "Tigrinya"} {
		a := withV2(Answers{LinkCommNeeds: {NeedInterpreter}, LinkLanguageCode: {LanguageOther}, LinkLanguage: {typed}, LinkTranslated: {Yes}})
		if got := LanguageOf(a); got != "Tigrinya" {
			t.Errorf("%q: LanguageOf = %q, want Tigrinya", typed, got)
		}
		rec := assessV2(t, a, Services{}).Recommendation
		var texts []string
		for _, ad := range rec.Adjustments {
			texts = append(texts, ad.Text, ad.Reason)
		}
		for _, n := range rec.Needs {
			texts = append(texts, n.Text)
		}
		all := strings.Join(texts, "\n")
		for _, want := range []string{"Use an interpreter for Tigrinya", "translated into Tigrinya", "Written information in Tigrinya", "Interpreter: Tigrinya"} {
			if !strings.Contains(all, want) {
				t.Errorf("%q: the result does not say %q:\n%s", typed, want, all)
			}
		}
		if strings.Contains(all, "tigrinya") || strings.Contains(all, "TIGRINYA") {
			t.Errorf("%q: the result names the language as typed:\n%s", typed, all)
		}
	}
	// Version 1: the language is typed, never chosen.
	v1 := Answers{
		LinkDevices: {DevSmartphone}, LinkInternet: {NetHome}, LinkAfford: {"never"},
		LinkTasks: {TaskText, TaskEmail, TaskApp, TaskLogin, TaskForm, TaskVideo}, LinkHelp: {HelpNone},
		LinkWant: {Yes}, LinkWorry: {"not"}, LinkBadExperience: {No}, LinkCommNeeds: {NeedInterpreter},
		LinkLanguage: {"polish"}, LinkReadingHelp: {ReadNever}, LinkChoice: {ChoiceNone},
	}
	res, err := V1.Assess(v1, National)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, ad := range res.Recommendation.Adjustments {
		if strings.Contains(ad.Text, "interpreter for") {
			found = true
			if !strings.Contains(ad.Text, "interpreter for Polish") {
				t.Errorf("version 1: %q, want the language named Polish", ad.Text)
			}
		}
	}
	if !found {
		t.Errorf("version 1: no interpreter adjustment: %+v", res.Recommendation.Adjustments)
	}
	// A language with no code is kept as typed.
	a := withV2(Answers{LinkCommNeeds: {NeedInterpreter}, LinkLanguageCode: {LanguageOther}, LinkLanguage: {"wolof"}, LinkTranslated: {No}})
	if got := LanguageOf(a); got != "wolof" {
		t.Errorf("a language with no code: LanguageOf = %q, want it as typed (wolof)", got)
	}
}
