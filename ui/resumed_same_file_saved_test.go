package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// TestTheSavedScreenOfADraftAFileAlsoKeptSaysANotePastedFromItIsReplaced:
// a save refused while another program held the store kept the answers
// and note in a file, and told the clinician to paste its note; the run
// was finished with the draft kept too, which holds every answer of the
// file. Resumed and saved, the saved screen said only "Paste this note
// into the patient record": a second note went in beside the first. It
// says, at its top, that this one replaces a note pasted from the file,
// and names the file, still there, not to enter again but to delete.
func TestTheSavedScreenOfADraftAFileAlsoKeptSaysANotePastedFromItIsReplaced(t *testing.T) {
	t.Parallel()
	id, _ := record.NewID()
	file := filepath.Join(t.TempDir(), "digicheck-not-saved-"+id.String()+".txt")
	if err := os.WriteFile(file, []byte("Digital inclusion check (digicheck)\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	dr := store.Draft{Draft: assess.Draft{ID: id,
		Patient:   record.PatientID{Kind: record.LocalID, Value: "H300"},
		Clinician: "Hal", Team: "Ward 9",
		InstrumentVersion: questionnaire.V1.Version, Answers: scenarioAnswers.Clone(),
	}}
	o := testOptions((&memStore{}).Save)
	o.Drafts = []Resumable{{Draft: dr, SameFile: file}}
	d := newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments", "by Hal")
	d.press("enter")
	d.waitFor("Review")
	readReviewDown(d)
	d.press("enter")
	d.waitFor("Result")
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Saved ·")
	s := flat(d.screen())
	if strings.Contains(s, "Saved. Paste this note into the patient record.") || !strings.Contains(s, "replacing any pasted from the file") {
		t.Errorf("the saved screen does not say at its top that this note replaces one pasted from the file:\n%s", d.screen())
	}
	text := strings.Join(strings.Fields(d.m.savedText(d.m.contentWidth())), " ")
	for _, w := range []string{"do not enter them again", "A note already pasted from it"} {
		if !strings.Contains(text, w) {
			t.Errorf("the saved screen does not say %q of the file:\n%s", w, d.screen())
		}
	}
	if !strings.Contains(strings.ReplaceAll(d.m.savedText(200), "\n", ""), file) {
		t.Errorf("the saved screen does not name the file %s:\n%s", file, d.m.savedText(200))
	}
}
