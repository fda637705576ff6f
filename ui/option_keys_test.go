package ui

import (
	"slices"
	"strings"
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

// TestALongListHasDigitsAndArrowsNoLetters: the interpreter's language
// has eleven options. The first nine are chosen by their numbers and
// Italian, the tenth, by 0; "Another language", the eleventh, has no key
// and is reached by the arrows (end), which no typing makes. The help line
// says so, and a is refused like every letter.
func TestALongListHasDigitsAndArrowsNoLetters(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		keys       []string
		want, next string
	}{
		{[]string{"0"}, "it", "Do you need letters written in your own language?"},
		{[]string{"end", "enter"}, questionnaire.LanguageOther, "What is the other language?"},
	} {
		t.Run(tt.want, func(t *testing.T) {
			t.Parallel()
			d := toLanguageList(t)
			if s := flat(d.screen()); !strings.Contains(s, "Choose an answer: type the number beside it (1 then enter for the first), or ↑/↓ then enter.") {
				t.Fatalf("the list does not say how it is answered:\n%s", d.screen())
			}
			d.waitFor("10 ( ) Italian", "11 ( ) Another language", "1-11 choose")
			d.typeText("a")
			d.waitFor(`Not an answer: "a" is not a key of this list`)
			if f := d.m.activeForm().focused(); f.values() != nil || f.cursor != -1 {
				t.Fatalf("a chose or highlighted an option:\n%s", d.screen())
			}
			d.press("esc") // the refusal read: keys are taken again
			d.press(tt.keys...)
			d.waitFor(tt.next)
			if got := d.m.sections[d.m.current].values()[questionnaire.LinkLanguageCode]; !slices.Equal(got, []string{tt.want}) {
				t.Errorf("keys %v chose %q, want %q", tt.keys, got, tt.want)
			}
		})
	}
}

// TestNoLetterIsTheKeyOfAnOption: ethnic category has 17 options; the
// help names 1-9 and 0 and the arrows for the rest, and no option past
// the tenth has a key.
func TestNoLetterIsTheKeyOfAnOption(t *testing.T) {
	t.Parallel()
	if got := numberHelp(17, "choose").Help(); got.Key != "1-17" || got.Desc != "choose" {
		t.Errorf("keys of 17 options: %q %q", got.Key, got.Desc)
	}
	for i := 10; i < 17; i++ {
		if k := optionKey(i); k != "" {
			t.Errorf("option %d has key %q", i+1, k)
		}
	}
	if got := numberHelp(4, "choose").Help(); got.Key != "1-4" || got.Desc != "choose" {
		t.Errorf("keys of 4 options: %q %q", got.Key, got.Desc)
	}
}
