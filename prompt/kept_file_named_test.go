package prompt

import (
	"strings"
	"testing"

	"digicheck/record"
)

// A window closed at the save while another program held the store kept
// the assessment's answers as last given in a file; the next start listed
// the store's older draft of it and never named the file, so the referral
// decisions the patient gave, in the file alone, were easy to miss. The
// list, the draft chosen from it, and a new assessment of its patient now
// say the file and what to do with it.
func TestADraftWhoseLaterAnswersAreInAFileNamesTheFile(t *testing.T) {
	pt := record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
	file := "/var/lib/digicheck/digicheck-not-saved-draft-0190a1b2-0000-7000-8000-0000000000bb.txt"
	d := Resume{Label: "Patient 943 476 5919, kept 10:00 by Nurse Ed, stopped at the result", Draft: draft(pt, "Nurse Ed", "Ward 7", firstTwoSections(), "skills"), KeptFile: file}
	var s saver
	o := options(&s)
	o.Drafts = []Resume{d}
	o.DraftsFromInput = true
	var out strings.Builder
	// The draft chosen, back to the list, a new assessment of its patient.
	_, _ = Run(o, strings.NewReader("2\n1\n1\n1\n943 476 5919\n\nWard 5\n"), &out)
	said := out.String()
	if !strings.Contains(said, d.Label+keptFileLabel) {
		t.Errorf("the list does not say the draft's later answers are in a file:\n%s", said)
	}
	chosen := strings.Index(said, "What would you like to do with this draft?")
	if chosen < 0 || strings.Count(said[:chosen], file) != 1 {
		t.Errorf("the draft chosen from the list does not name the file its later answers are in:\n%s", said)
	}
	given := strings.Index(said, "Patient 943 476 5919 has an unfinished assessment kept as a draft")
	if given < 0 || !strings.Contains(said[given:], file) || !strings.Contains(strings.Join(strings.Fields(said[given:]), " "), "with any referral decisions") {
		t.Errorf("a new assessment of the draft's patient does not name the file its later answers are in:\n%s", said)
	}
}
