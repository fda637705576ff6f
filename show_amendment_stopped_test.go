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

// TestShowOfAnAmendmentSaysWhichAdjustmentsOfTheVersionAmendedStop: an
// amendment that corrects "must not contact: phone calls" (recorded in
// error) and large print not needed. show prints its note with the
// adjustments of the version amended that stop, and show --handout tells
// the patient, who holds the earlier handout ("We will not phone you").
func TestShowOfAnAmendmentSaysWhichAdjustmentsOfTheVersionAmendedStop(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	cfg := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfg, []byte("team = \"Ward 7\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	base := questionnaire.Answers{
		questionnaire.LinkLanguage: nil, questionnaire.LinkReadingHelp: {questionnaire.ReadNever}, questionnaire.LinkWorry: {"not"},
		questionnaire.LinkChoice: {questionnaire.ChoiceNone},
	}
	was := testkit.Interpreter(withAnswersOf(base, questionnaire.Answers{
		questionnaire.LinkCommNeeds: {questionnaire.NeedLargePrint}, questionnaire.LinkPrintSize: {"24"},
		questionnaire.LinkContactAvoid: {questionnaire.AvoidPhone},
	}))
	first := testkit.AssessedV2(t, was)
	first.Team, first.Status = "Ward 7", record.Completed
	first.Result = cloneWithConsent(first.Result, questionnaire.Agreed)
	if err := st.Save(&first); err != nil {
		t.Fatal(err)
	}
	am := testkit.AssessedV2(t, testkit.Interpreter(withAnswersOf(base, questionnaire.Answers{
		questionnaire.LinkCommNeeds: {questionnaire.NeedNone}, questionnaire.LinkContactAvoid: {questionnaire.AvoidNone},
	})))
	am.Patient, am.Team, am.Amends, am.AmendReason = first.Patient, "Ward 7", first.ID, "Phone calls are fine, recorded in error"
	am.Result = cloneWithConsent(am.Result, questionnaire.Agreed)
	if err := st.Amend(&am); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"DIGICHECK_DB": db, "DIGICHECK_CONFIG": cfg}
	show, _, err := runCLI(t, env, "", "show", am.ID.String())
	if err != nil {
		t.Fatal(err)
	}
	at := strings.Index(show, "These adjustments of the earlier note stop with this amendment:\n")
	if at < 0 {
		t.Fatalf("show does not say which adjustments stop:\n%s", show)
	}
	for _, want := range []string{"- Do not phone the patient\n", "- Send letters and leaflets in large print, 24 point"} {
		if !strings.Contains(show[at:], want) {
			t.Errorf("show does not say that %q stops:\n%s", want, show)
		}
	}
	h, _, err := runCLI(t, env, "", "show", am.ID.String(), "--handout")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"What is different now", "We may phone you again.", "Our letters to you will be in standard print from now on."} {
		if !strings.Contains(flatText(h), want) {
			t.Errorf("show --handout does not say %q:\n%s", want, h)
		}
	}
}

// withAnswersOf is a copy of a with each answer of b set (nil: taken out).
func withAnswersOf(a, b questionnaire.Answers) questionnaire.Answers {
	out := a.Clone()
	for k, v := range b {
		out[k] = v
	}
	return out
}
