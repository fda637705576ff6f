package prompt

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/record"
)

// TestSavedFromAResumedDraftSaysItsFileIsLeftToCheck: a draft whose later
// answers are in a not-saved file, resumed and saved, leaves the file
// (it holds answers the store never had); the full screen says so, and
// what of a note pasted from it. The plain prompts said nothing of it
// after "Saved.". They now say it as the full screen does.
func TestSavedFromAResumedDraftSaysItsFileIsLeftToCheck(t *testing.T) {
	file := filepath.Join(t.TempDir(), "digicheck-not-saved-draft-"+draftID.String()+".txt")
	if err := os.WriteFile(file, []byte("answers\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var s saver
	o := options(&s)
	o.Drafts = []Resume{{
		Label:    "Patient 943 476 5919, kept 10:00 by jsmith, at Motivation and trust",
		Draft:    draft(record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}, "jsmith", "Ward 5", firstTwoSections(), "motivation"),
		KeptFile: file,
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
	for _, w := range []string{"is still there: check that every answer in it was given again, then delete it:", file, "It held no note: paste this record's note into the patient record."} {
		if !strings.Contains(flat, w) {
			t.Errorf("after the save the plain prompts do not say %q:\n%s", w, after)
		}
	}
	if _, err := os.Stat(file); err != nil {
		t.Errorf("the file was removed on the save: %v", err)
	}
}
