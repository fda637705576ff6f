package prompt

import (
	"reflect"
	"strings"
	"testing"

	"digicheck/record"
)

// TestANewAssessmentOfAPatientWithADraftSaysSoFirst: the clinician starts
// a new assessment beside a kept draft and enters that draft's patient.
// Before the first question the prompts name the draft and offer to
// resume it: chosen, the draft goes on where it was left and is saved as
// it; a new assessment anyway leaves it kept; a draft not on offer here
// is named with how to resume it.
func TestANewAssessmentOfAPatientWithADraftSaysSoFirst(t *testing.T) {
	patient := record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
	label := "Patient 943 476 5919, kept 10:00 by jsmith, at Motivation and trust"
	lines := strings.Split(strings.TrimSuffix(script, "\n"), "\n")
	n := len(expectedResult(t).Recommendation.Referrals)

	t.Run("resume", func(t *testing.T) {
		var s saver
		o := options(&s)
		o.Drafts = []Resume{{Label: label, Draft: draft(patient, "jsmith", "Ward 5", firstTwoSections(), "motivation")}}
		o.DraftsFromInput = true
		// The list: a new assessment; the patient's details; then resume.
		in := "1\n" + strings.Join(lines[:4], "\n") + "\n1\n" + strings.Join(lines[9:], "\n") + "\n" + consentLines(n)
		var out strings.Builder
		if _, err := Run(o, strings.NewReader(in), &out); err != nil {
			t.Fatalf("%v\n%s", err, out.String())
		}
		for _, want := range []string{
			"Patient 943 476 5919 has an unfinished assessment kept as a draft: kept 10:00 by jsmith, at Motivation and trust.",
			"1. Resume the draft",
			"Resuming the assessment of patient 943 476 5919",
		} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("no %q in:\n%s", want, out.String())
			}
		}
		if i, j := strings.Index(out.String(), "has an unfinished assessment"), strings.Index(out.String(), "Section "); j >= 0 && j < i {
			t.Errorf("a question was asked before the draft was said:\n%s", out.String())
		}
		if len(s.saved) != 1 || s.saved[0].ID.IsZero() || !reflect.DeepEqual(s.saved[0].Answers, scriptAnswers) {
			t.Fatalf("saved %+v", s.saved)
		}
		if len(o.Drafts) != 1 {
			t.Fatal("the list given was changed")
		}
	})

	t.Run("new anyway", func(t *testing.T) {
		var s saver
		o := options(&s)
		o.Drafts = []Resume{{Label: label, Draft: draft(patient, "jsmith", "Ward 5", firstTwoSections(), "motivation")}}
		o.DraftsFromInput = true
		in := "1\n" + strings.Join(lines[:4], "\n") + "\n2\n" + strings.Join(lines[4:], "\n") + "\n" + consentLines(n)
		var out strings.Builder
		if _, err := Run(o, strings.NewReader(in), &out); err != nil {
			t.Fatalf("%v\n%s", err, out.String())
		}
		if !strings.Contains(out.String(), "2. Start a new assessment anyway (the draft stays kept)") ||
			!strings.Contains(out.String(), "Section 1 of 5: Access") {
			t.Errorf("the new assessment did not go on from the start:\n%s", out.String())
		}
		if len(s.saved) != 1 || !reflect.DeepEqual(s.saved[0].Answers, scriptAnswers) {
			t.Fatalf("saved %+v", s.saved)
		}
	})

	t.Run("piped", func(t *testing.T) {
		// Answers piped in never resume a draft: the draft is named, and
		// the script's lines answer the new assessment's questions.
		var s saver
		o := options(&s)
		o.Drafts = []Resume{{Label: label, Draft: draft(patient, "jsmith", "Ward 5", firstTwoSections(), "motivation")}}
		var out strings.Builder
		if _, err := Run(o, strings.NewReader(script+consentLines(n)), &out); err != nil {
			t.Fatalf("%v\n%s", err, out.String())
		}
		if !strings.Contains(out.String(), "Patient 943 476 5919 has an unfinished assessment kept as a draft") ||
			!strings.Contains(out.String(), "never resume a draft") || strings.Contains(out.String(), "Resume the draft") {
			t.Errorf("the draft is not said, or is offered to a script:\n%s", out.String())
		}
		if len(s.saved) != 1 || !reflect.DeepEqual(s.saved[0].Answers, scriptAnswers) {
			t.Fatalf("saved %+v", s.saved)
		}
	})

	t.Run("open elsewhere", func(t *testing.T) {
		var s saver
		o := options(&s)
		o.Elsewhere = []Elsewhere{{ID: draftID, Patient: patient, Label: label, How: "It is open in another window: finish it there."}}
		o.DraftsFromInput = true
		in := strings.Join(lines[:4], "\n") + "\n1\n" + strings.Join(lines[4:], "\n") + "\n" + consentLines(n)
		var out strings.Builder
		if _, err := Run(o, strings.NewReader(in), &out); err != nil {
			t.Fatalf("%v\n%s", err, out.String())
		}
		for _, want := range []string{
			"Patient 943 476 5919 has an unfinished assessment kept as a draft: kept 10:00 by jsmith, at Motivation and trust.",
			"It is open in another window: finish it there.",
			"1. Start a new assessment anyway (the draft stays kept)",
		} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("no %q in:\n%s", want, out.String())
			}
		}
		if strings.Contains(out.String(), "Resume the draft") || len(s.saved) != 1 {
			t.Errorf("offered to resume a draft not on offer, or saved %d:\n%s", len(s.saved), out.String())
		}
	})
}
