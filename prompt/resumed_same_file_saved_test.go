package prompt

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/record"
)

// TestSavedFromADraftWithTheFilesAnswersSaysTheFileIsNowSaved: a save
// refused while another program held the store kept its answers in a
// file, which told the clinician to enter them again as a new
// assessment; the draft kept before held every one of those answers.
// Resumed and saved, the plain prompts said nothing of the file, still
// beside the store telling them to enter again answers now saved (a
// second assessment of the patient). The save now says the file's
// answers are saved and to delete it, and that nothing in it is to be
// entered again.
func TestSavedFromADraftWithTheFilesAnswersSaysTheFileIsNowSaved(t *testing.T) {
	file := filepath.Join(t.TempDir(), "digicheck-not-saved-"+draftID.String()+".txt")
	if err := os.WriteFile(file, []byte("answers\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var s saver
	o := options(&s)
	o.Drafts = []Resume{{
		Label:    "Patient 943 476 5919, kept 10:00 by jsmith, at Motivation and trust",
		Draft:    draft(record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}, "jsmith", "Ward 5", firstTwoSections(), "motivation"),
		SameFile: file,
	}}
	o.DraftsFromInput = true
	lines := strings.Split(strings.TrimSuffix(script, "\n"), "\n")
	in := "2\n3\n" + strings.Join(lines[9:], "\n") + "\n" + consentLines(len(expectedResult(t).Recommendation.Referrals))
	var out strings.Builder
	if _, err := Run(o, strings.NewReader(in), &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if len(s.saved) != 1 {
		t.Fatalf("%d saved, want 1:\n%s", len(s.saved), out.String())
	}
	said := out.String()
	after := said[strings.LastIndex(said, "Saved."):]
	flat := strings.Join(strings.Fields(after), " ")
	for _, w := range []string{"its answers are saved now, in this assessment:", file, "do not enter them again", "delete it"} {
		if !strings.Contains(flat, w) {
			t.Errorf("after the save the plain prompts do not say %q:\n%s", w, after)
		}
	}
	if strings.Contains(flat, "given again") {
		t.Errorf("after the save the plain prompts ask for the file's answers to be given again:\n%s", after)
	}
	if _, err := os.Stat(file); err != nil {
		t.Errorf("the file was removed on the save: %v", err)
	}
}
