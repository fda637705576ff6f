package ui

import (
	"slices"
	"testing"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// languageDraft is a version 2 draft of a patient who needs a
// spoken-language interpreter, resumed at Communication and contact with
// the needs question answered, so the language question is the next.
func languageDraft(t *testing.T) store.Draft {
	t.Helper()
	var polish questionnaire.Answers
	for _, p := range testkit.ScriptedPatients {
		if p.Answers.Has(questionnaire.LinkCommNeeds, questionnaire.NeedInterpreter) {
			polish = p.Answers
			break
		}
	}
	if polish == nil {
		t.Fatal("no scripted patient needs an interpreter")
	}
	ins := questionnaire.V2
	k := slices.IndexFunc(ins.Sections, func(s questionnaire.Section) bool {
		return slices.ContainsFunc(s.Items, func(it questionnaire.Item) bool { return it.LinkID == questionnaire.LinkLanguageCode })
	})
	a := questionnaire.Answers{}
	for _, s := range ins.Sections[:k] {
		for _, it := range s.Items {
			if v, ok := polish[it.LinkID]; ok {
				a[it.LinkID] = v
			}
		}
	}
	a[questionnaire.LinkCommNeeds] = []string{questionnaire.NeedInterpreter}
	id, _ := record.NewID()
	return store.Draft{Draft: assess.Draft{
		ID:                id,
		Patient:           record.PatientID{Kind: record.NHSNumber, Value: validNHS},
		Clinician:         "Dr Ada Test",
		InstrumentVersion: ins.Version,
		Answers:           a,
		Section:           ins.Sections[k].ID,
		Started:           fixedNow,
	}}
}

// TestEveryOptionOfALongListHasAKey: the interpreter's language has
// eleven options. The first nine are chosen by their numbers; Italian,
// the tenth, by 0 and "Another language", the eleventh, by a. Each key is
// shown beside its option and in the help line, so none is reached only
// by the arrows.
func TestEveryOptionOfALongListHasAKey(t *testing.T) {
	for _, tt := range []struct {
		key, want, next string
	}{
		{"0", "it", "Do you need letters written in your own language?"},
		{"a", questionnaire.LanguageOther, "What is the other language?"},
	} {
		t.Run(tt.want, func(t *testing.T) {
			o := testOptions(nil)
			o.Instrument = questionnaire.V2
			o.Drafts = offered(languageDraft(t))
			d := newDriver(t, o, 80, 24)
			d.waitFor("Unfinished assessments")
			d.press("enter")
			d.waitFor("Communication and contact")
			d.press("enter") // keeps the needs answered: an interpreter
			d.waitFor("Which language does the interpreter need to speak?")
			d.waitFor("Choose an answer: press the number or letter beside it")
			d.press("end") // the last options in view
			d.waitFor("0 ( ) Italian", "> a ( ) Another language", "1-9, 0, a choose")
			d.press("home")
			d.press(tt.key)
			d.waitFor(tt.next)
			if got := d.m.sections[d.m.current].values()[questionnaire.LinkLanguageCode]; !slices.Equal(got, []string{tt.want}) {
				t.Errorf("key %s chose %q, want %q", tt.key, got, tt.want)
			}
		})
	}
}

// TestTheKeysOfTheLongestListAreShownInRuns: ethnic category has 17
// options; the help names every key, with the letters the fields use to
// move (g, j, k) and tick (x) left out.
func TestTheKeysOfTheLongestListAreShownInRuns(t *testing.T) {
	if got := numberHelp(17, "choose").Help().Key; got != "1-9, 0, a-f, h" {
		t.Errorf("keys of 17 options: %q", got)
	}
	for i := 0; i < 17; i++ {
		k := optionKey(i)
		if k == "" || k == "g" || k == "j" || k == "k" || k == "x" {
			t.Errorf("option %d has key %q", i+1, k)
		}
	}
	if got := numberHelp(4, "choose").Help().Key; got != "1-4" {
		t.Errorf("keys of 4 options: %q", got)
	}
}
