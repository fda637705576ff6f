//go:build !windows

package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// interpreterDraft keeps, in the store in dir, a draft whose needs (the
// section on screen when it is resumed) include an interpreter.
func interpreterDraft(t *testing.T, dir string) {
	t.Helper()
	var patient questionnaire.Answers
	for _, p := range testkit.ScriptedPatients {
		if p.Answers.Has(questionnaire.LinkCommNeeds, questionnaire.NeedInterpreter) {
			patient = p.Answers
			break
		}
	}
	if patient == nil {
		t.Fatal("no scripted patient needs an interpreter")
	}
	ins := questionnaire.Current
	k := slices.IndexFunc(ins.Sections, func(s questionnaire.Section) bool {
		return slices.ContainsFunc(s.Items, func(it questionnaire.Item) bool { return it.LinkID == questionnaire.LinkLanguageCode })
	})
	if k < 0 {
		t.Fatal("no section asks the interpreter's language")
	}
	d := store.Draft{}
	d.Answers = questionnaire.Answers{}
	for _, s := range ins.Sections[:k] {
		for _, it := range s.Items {
			if v, ok := patient[it.LinkID]; ok {
				d.Answers[it.LinkID] = v
			}
		}
	}
	d.Answers[questionnaire.LinkCommNeeds] = []string{questionnaire.NeedInterpreter}
	d.Patient = record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
	d.Clinician, d.InstrumentVersion, d.Section = "Nurse Bea", ins.Version, ins.Sections[k].ID
	st, err := store.Open(filepath.Join(dir, "digicheck.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	if err := st.ReleaseDrafts(); err != nil {
		t.Fatal(err)
	}
}

// TestTwoDigitsOnTheLanguageListAtATerminalAreTheOptionOfThatNumber: "1 0
// enter" as one burst on the interpreter's language list (the plain
// prompts number Italian 10) recorded Polish, and the 0 went to the next
// question; "1 1" typed half a second apart chose Polish and answered
// translated letters Yes. Two digits are one number, the option of that
// number, as in the plain prompts: "1 5" (the list has 11) chooses
// nothing, and "1 1" a slow typist's half second apart is "Another
// language", with translated letters still to be asked.
func TestTwoDigitsOnTheLanguageListAtATerminalAreTheOptionOfThatNumber(t *testing.T) {
	t.Parallel()
	testkit.EndToEnd(t)
	dir := t.TempDir()
	interpreterDraft(t, dir)
	tm := draftsListRead(t, dir)
	tm.keys("enter")
	tm.waitFor("Communication and contact")
	time.Sleep(1500 * time.Millisecond)
	tm.keys("enter") // keeps the needs answered: an interpreter
	tm.waitFor("Which language does the interpreter need to speak?")
	time.Sleep(1500 * time.Millisecond)

	tm.keys("15\r") // one write: one burst
	time.Sleep(700 * time.Millisecond)
	s := tm.vt.Screen()
	if !strings.Contains(s, "Which language does the interpreter need to speak?") || strings.Contains(s, "✓ Language") {
		t.Fatalf("1 5 enter typed on the language list chose an answer:\n%s", s)
	}
	if f := flatScreen(tm); !strings.Contains(f, `Not an answer: "15": the options go up to 11.`) {
		t.Fatalf("the list does not say the two digits were refused:\n%s", s)
	}

	time.Sleep(1500 * time.Millisecond)
	tm.keys("esc") // the refusal read: keys are taken again
	time.Sleep(700 * time.Millisecond)
	slowly(t, tm, 500*time.Millisecond, "1", "1")
	tm.waitFor("What is the other language?")
	if s := tm.vt.Screen(); strings.Contains(s, "Polish") || strings.Contains(s, "Translated letters") {
		t.Fatalf("1 then 1 half a second apart chose Polish or answered translated letters:\n%s", s)
	}
	tm.quitDiscarding()
}
