package prompt

import (
	"strings"
	"testing"

	"digicheck/record"
)

// TestChangeThePatientsDetailsFromTheDraftOfferAsksForThePatient: a nurse
// who typed the wrong NHS number, told that patient has a draft, chose
// "Change the patient's details" and was asked "Team (press Enter for
// Ward 7):"; Enter there asked about the same draft again, and only b
// twice reached the number. The choice now goes to the patient's number,
// Enter keeping it as given, and the questions after it follow.
func TestChangeThePatientsDetailsFromTheDraftOfferAsksForThePatient(t *testing.T) {
	patient := record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
	label := "Patient 943 476 5919, kept 10:00 by jsmith, at Motivation and trust"
	lines := strings.Split(strings.TrimSuffix(script, "\n"), "\n")
	n := len(expectedResult(t).Recommendation.Referrals)
	var s saver
	o := options(&s)
	o.Drafts = []Resume{{Label: label, Draft: draft(patient, "jsmith", "Ward 5", firstTwoSections(), "motivation")}}
	o.DraftsFromInput = true
	// The list: a new assessment; the patient's details; change them;
	// another patient's number; the clinician and team kept.
	in := "1\n" + strings.Join(lines[:4], "\n") + "\n3\n401 023 2137\n\n\n" + strings.Join(lines[4:], "\n") + "\n" + consentLines(n)
	var out strings.Builder
	if _, err := Run(o, strings.NewReader(in), &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	_, after, ok := strings.Cut(out.String(), "3. Change the patient's details\n")
	if !ok {
		t.Fatalf("the draft's patient was not offered a change:\n%s", out.String())
	}
	// The choice's own line, then the question it leads to.
	_, next, _ := strings.Cut(after, ": 3\n")
	if !strings.HasPrefix(next, "NHS number (10 digits)") {
		t.Errorf("after \"Change the patient's details\" the question asked is not the patient's number:\n%s", next)
	}
	if len(s.saved) != 1 || s.saved[0].Patient.Value != "4010232137" {
		t.Fatalf("saved %d records, want 1 of patient 401 023 2137:\n%s", len(s.saved), out.String())
	}
}
