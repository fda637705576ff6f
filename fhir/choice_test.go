package fhir_test

import (
	"strings"
	"testing"
	"time"

	"digicheck/fhir"
	"digicheck/fhir/internal/samples"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// TestTheChoiceIsNeverCalledThePatientsWhenACarerGaveIt: the contact
// route's Observation said "Patient's choice of contact route" and
// "Patient's choice honoured" where a carer answered for the patient, so a
// carer's "through my carer" read as the patient's own wish. Its display
// is true whoever answered, and who gave the choice is a component of its
// own, coded from the instrument's "who answered" item: at the boundary,
// the patient, a carer and an interpreter; a version 1 record, which was
// never asked, has none.
func TestTheChoiceIsNeverCalledThePatientsWhenACarerGaveIt(t *testing.T) {
	carer := testkit.ScriptedPatients[3].Answers.Clone() // his daughter answers
	carer[questionnaire.LinkChoice] = []string{string(questionnaire.RouteCarer)}
	for _, c := range []struct {
		name    string
		ins     *questionnaire.Instrument
		answers questionnaire.Answers
		by      string // the respondent coded, or "" for none
	}{
		{"a carer answered", questionnaire.V2, carer, questionnaire.RespondentCarer},
		{"the patient answered", questionnaire.V2, testkit.ScriptedPatients[0].Answers, questionnaire.RespondentPatient},
		{"through an interpreter", questionnaire.V2, testkit.ScriptedPatients[2].Answers, questionnaire.RespondentInterpreter},
		{"version 1", questionnaire.V1, testkit.Full(nil), ""},
	} {
		var r record.Record
		if c.ins == questionnaire.V2 {
			r = testkit.AssessedV2(t, c.answers)
		} else {
			r = testkit.Assessed(t, c.answers)
		}
		r.InstrumentVersion, r.Status = c.ins.Version, record.Completed
		r.ID, r.Time = record.MustParseID("01957a3c-0000-7000-8000-0000000000c1"), time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
		if r.Recommendation.Choice == "" {
			t.Fatalf("%s: no choice, so nothing is tested", c.name)
		}
		subj, err := samples.Site.Subject(c.ins, r.Patient, false, samples.Key)
		if err != nil {
			t.Fatal(err)
		}
		res, err := fhir.Resources(fhir.Version{Record: r}, c.ins, subj, fhir.ResponseOptions{Site: samples.Site, Pseudonymised: true})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var route obj
		for _, x := range res {
			if strings.HasSuffix(x.ID, "-contact-route") {
				route = decode(t, x.JSON)
			}
		}
		if route == nil {
			t.Fatalf("%s: no contact route Observation", c.name)
		}
		comps := map[string]obj{}
		for _, comp := range list(route, "component") {
			code := list(child(comp, "code"), "coding")[0]
			comps[str(code, "code")] = comp
			if d := str(code, "display"); strings.Contains(strings.ToLower(d), "patient's choice") {
				t.Errorf("%s: component %s says %q", c.name, str(code, "code"), d)
			}
		}
		if _, ok := comps["patient-choice"]; !ok {
			t.Errorf("%s: the choice is not written", c.name)
		}
		by, ok := comps["choice-given-by"]
		switch {
		case c.by == "" && ok:
			t.Errorf("%s: who gave the choice is written, though never asked: %v", c.name, by)
		case c.by != "" && !ok:
			t.Errorf("%s: who gave the choice is not written", c.name)
		case c.by != "":
			v := list(child(by, "valueCodeableConcept"), "coding")[0]
			if str(v, "code") != c.by || str(v, "system") != fhir.OptionSystem(samples.Site.Instrument(c.ins), questionnaire.LinkRespondent) {
				t.Errorf("%s: given by %v, want %s", c.name, v, c.by)
			}
		}
	}
}
