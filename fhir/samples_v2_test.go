package fhir_test

import (
	"strings"
	"testing"

	"digicheck/fhir"
	"digicheck/fhir/internal/samples"
	"digicheck/questionnaire"
)

// TestVersion2SamplesAreWhatNewAssessmentsWrite: the samples the validator
// checks include instrument version 2 records, which new assessments make:
// each answers version 2's Questionnaire, and each coded need with a
// published SNOMED CT code is written as a Flag carrying it.
func TestVersion2SamplesAreWhatNewAssessmentsWrite(t *testing.T) {
	all, err := samples.Version2()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 5 {
		t.Fatalf("%d version 2 samples", len(all))
	}
	codes := 0
	for _, s := range all {
		if s.Record.InstrumentVersion != questionnaire.V2.Version {
			t.Errorf("%s: instrument version %q", s.Name, s.Record.InstrumentVersion)
		}
		subj, err := samples.Site.Subject(questionnaire.V2, s.Record.Patient, s.Identifiable, samples.Key)
		if err != nil {
			t.Fatal(err)
		}
		res, err := fhir.Resources(fhir.Version{Record: s.Record}, questionnaire.V2, subj, fhir.ResponseOptions{Site: samples.Site, Pseudonymised: !s.Identifiable})
		if err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		if !strings.Contains(string(res[0].JSON), `|2"`) {
			t.Errorf("%s: the response does not answer version 2's Questionnaire: %.200s", s.Name, res[0].JSON)
		}
		var all strings.Builder
		for _, r := range res[1:] {
			all.Write(r.JSON)
		}
		for _, n := range s.Record.Recommendation.Needs {
			if n.Code == "" || n.Key == questionnaire.ConceptNeedsAssessment {
				continue // the assessment itself is no flag
			}
			codes++
			if !strings.Contains(all.String(), `"code":"`+n.Code+`"`) {
				t.Errorf("%s: need %s (%s) is not written with its code", s.Name, n.Key, n.Code)
			}
		}
	}
	if codes == 0 {
		t.Error("no version 2 sample has a coded need")
	}
}
