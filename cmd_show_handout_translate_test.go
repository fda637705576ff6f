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

// TestShowHandoutSaysToTranslateItFirst: the full screen says "This
// handout is in English: have it translated into Polish first" over the
// handout of a patient who needs letters in their own language, but show
// --handout printed it, or saved it with -o, with no such word, on either
// stream. It says so on standard error, leaving the handout alone on
// standard output for printing; for a patient who reads English it says
// nothing.
func TestShowHandoutSaysToTranslateItFirst(t *testing.T) {
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
	translated := testkit.AssessedV2(t, testkit.Interpreter(questionnaire.Answers{questionnaire.LinkTranslated: {questionnaire.Yes}}))
	plain := testkit.AssessedV2(t, testkit.Interpreter(questionnaire.Answers{questionnaire.LinkTranslated: {questionnaire.No}}))
	plain.Patient = record.PatientID{Kind: record.NHSNumber, Value: "9434765870"}
	for _, r := range []*record.Record{&translated, &plain} {
		r.Team, r.Status = "Ward 7", record.Completed
		if err := st.Save(r); err != nil {
			t.Fatal(err)
		}
	}
	lang := record.HandoutTranslation(translated)
	if lang == "" || record.HandoutTranslation(plain) != "" {
		t.Fatalf("the scenario needs one handout to translate and one not: %q, %q", lang, record.HandoutTranslation(plain))
	}
	want := "This handout is in English: have it translated into " + lang + " before giving it to the patient."
	env := map[string]string{"DIGICHECK_DB": db, "DIGICHECK_CONFIG": cfg}
	out, errs, err := runCLI(t, env, "", "show", translated.ID.String(), "--handout")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(strings.Fields(errs), " "), want) {
		t.Errorf("show --handout does not say %q on standard error:\n%s", want, errs)
	}
	if strings.Contains(out, "have it translated") {
		t.Errorf("the handout printed holds the word to staff:\n%s", out)
	}
	_, errs, err = runCLI(t, env, "", "show", translated.ID.String(), "--handout", "-o", filepath.Join(dir, "h.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(strings.Fields(errs), " "), want) {
		t.Errorf("show --handout -o does not say %q:\n%s", want, errs)
	}
	_, errs, err = runCLI(t, env, "", "show", plain.ID.String(), "--handout")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(errs, "have it translated") {
		t.Errorf("a handout in the language the patient reads is said to need translating:\n%s", errs)
	}
}
