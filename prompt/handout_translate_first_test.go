package prompt

import (
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// TestTheHandoutReadOutSaysToTranslateItFirst: the full screen's handout
// says "This handout is in English: have it translated into Polish first"
// for a patient who needs letters in their own language, but "Read the
// patient handout" in the plain prompts printed the handout with no such
// line; only the note said it. The plain prompts now say it just before
// the handout, for each scripted patient whose letters are translated, and
// say nothing of it for the others.
func TestTheHandoutReadOutSaysToTranslateItFirst(t *testing.T) {
	said := 0
	for _, p := range testkit.ScriptedPatients {
		lines := append([]string{"1", "943 476 5919", "", "Ward 5"}, scriptLines(questionnaire.V2, p.Answers)...)
		lines = append(lines, "1")
		for range min(len(p.Referrals), assess.FirstReferrals) {
			lines = append(lines, "1")
		}
		if len(p.Referrals) > assess.FirstReferrals {
			lines = append(lines, "2")
		}
		lines = append(lines, "1", "3", "2") // save; read the handout; finish
		var s saver
		o := options(&s)
		o.Instrument, o.Services = questionnaire.V2, questionnaire.Services{Video: p.Video}
		var out strings.Builder
		if _, err := Run(o, strings.NewReader(strings.Join(lines, "\n")+"\n"), &out); err != nil {
			t.Fatalf("%s: %v\n%s", p.Name, err, out.String())
		}
		if len(s.saved) != 1 {
			t.Fatalf("%s: %d records saved", p.Name, len(s.saved))
		}
		_, handout, ok := strings.Cut(out.String(), "\nHandout for the patient:\n")
		if !ok {
			t.Fatalf("%s: the handout was not read out:\n%s", p.Name, out.String())
		}
		before, _, _ := strings.Cut(out.String(), "\nHandout for the patient:\n")
		lang := record.HandoutTranslation(s.saved[0])
		want := "This handout is in English: have it translated into " + lang + " before giving it to the patient."
		switch {
		case lang == "" && strings.Contains(handout+before[strings.LastIndex(before, "What next?"):], "have it translated"):
			t.Errorf("%s: the handout is said to need translating:\n%s", p.Name, out.String())
		case lang != "" && !strings.HasPrefix(handout, want+"\n"):
			t.Errorf("%s: the line before the handout does not say %q:\n%s", p.Name, want, out.String())
		case lang != "":
			said++
		}
	}
	if said == 0 {
		t.Fatal("no scripted patient's letters are translated: the test shows nothing")
	}
}
