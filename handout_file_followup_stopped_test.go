package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// TestShowHandoutOfAFollowUpSaysWhichAdjustmentsOfTheCheckBeforeStop: a
// community nurse's follow-up of a check that arranged large print, an
// Italian interpreter, translated letters, "Do not phone" and "Do not
// write", whose answers now need none of them. show --handout, and the
// handout file --save writes, tell the patient what stops, and name no
// patient number in it; so does the handout of the follow-up amended.
func TestShowHandoutOfAFollowUpSaysWhichAdjustmentsOfTheCheckBeforeStop(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	cfg := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfg, []byte("team = \"Community Nursing\"\nhandout_dir = \"handouts\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	was := questionnaire.Answers{
		questionnaire.LinkCommNeeds: {questionnaire.NeedLargePrint, questionnaire.NeedInterpreter}, questionnaire.LinkPrintSize: {"24"},
		questionnaire.LinkLanguage: nil, questionnaire.LinkLanguageCode: {"it"}, questionnaire.LinkTranslated: {questionnaire.Yes},
		questionnaire.LinkContactAvoid: {questionnaire.AvoidPhone, questionnaire.AvoidLetter},
		questionnaire.LinkReadingHelp:  {questionnaire.ReadNever}, questionnaire.LinkWorry: {"not"}, questionnaire.LinkChoice: {questionnaire.ChoiceNone},
	}
	first := testkit.AssessedV2(t, testkit.Interpreter(was))
	first.Team, first.Status = "Community Nursing", record.Completed
	first.Result = cloneWithConsent(first.Result, questionnaire.Agreed)
	if err := st.Save(&first); err != nil {
		t.Fatal(err)
	}
	now := testkit.AssessedV2(t, testkit.Interpreter(questionnaire.Answers{
		questionnaire.LinkCommNeeds: {questionnaire.NeedNone}, questionnaire.LinkLanguage: nil,
		questionnaire.LinkContactAvoid: {questionnaire.AvoidNone},
		questionnaire.LinkReadingHelp:  {questionnaire.ReadNever}, questionnaire.LinkWorry: {"not"}, questionnaire.LinkChoice: {questionnaire.ChoiceNone},
	}))
	now.Team, now.Status, now.FollowsUp = "Community Nursing", record.Completed, first.ID
	now.Result = cloneWithConsent(now.Result, questionnaire.Agreed)
	if err := st.Save(&now); err != nil {
		t.Fatal(err)
	}
	if now.Change == nil || len(now.Change.Stopped) < 5 {
		t.Fatalf("the store's change holds no adjustments that stop: %+v", now.Change)
	}

	env := map[string]string{"DIGICHECK_DB": db, "DIGICHECK_CONFIG": cfg}
	h, _, err := runCLI(t, env, "", "show", now.ID.String(), "--handout")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCLI(t, env, "", "show", now.ID.String(), "--save"); err != nil {
		t.Fatal(err)
	}
	saved, _ := filepath.Glob(filepath.Join(dir, "handouts", "*.txt"))
	if len(saved) != 1 {
		t.Fatalf("--save left %v", saved)
	}
	b, _ := os.ReadFile(saved[0])
	// An amendment of the follow-up is a follow-up of the same check: its
	// handout says the same.
	am := now
	am.ID, am.Amends, am.AmendReason, am.Change = record.ID{}, now.ID, "clinician corrected", nil
	if err := st.Amend(&am); err != nil {
		t.Fatal(err)
	}
	ah, _, err := runCLI(t, env, "", "show", am.ID.String(), "--handout")
	if err != nil {
		t.Fatal(err)
	}
	for where, text := range map[string]string{"show --handout": h, "the handout file": string(b), "show --handout of its amendment": ah} {
		flat := flatText(text)
		for _, want := range []string{
			"What is different now",
			"Our letters to you will be in standard print from now on.",
			"We will no longer book an interpreter for you.",
			"Our letters to you will be in English from now on.",
			"We may phone you again.",
			"We may write to you again.",
		} {
			if !strings.Contains(flat, want) {
				t.Errorf("%s does not say %q:\n%s", where, want, text)
			}
		}
		if digits := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, text); strings.Contains(digits, testkit.NHSNumber) {
			t.Errorf("%s holds the patient's NHS number:\n%s", where, text)
		}
	}
}
