package fhir_test

import (
	"testing"

	"digicheck/fhir"
	"digicheck/fhir/internal/samples"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// TestTheRouteOfARelayPatientSaysTheRelayCall: the contact route
// Observation of a patient who must be called through a sign language
// video relay and must not be phoned keeps its code (phone, as the rules
// gave it) and says in its text what the screen and the note say: a sign
// language video relay call. A patient with no relay gets no such text.
func TestTheRouteOfARelayPatientSaysTheRelayCall(t *testing.T) {
	for _, c := range []struct {
		name     string
		change   questionnaire.Answers
		wantText string
	}{
		{"video relay, not by phone", questionnaire.Answers{
			questionnaire.LinkDevices: {questionnaire.DevSmartphone}, questionnaire.LinkInternet: {questionnaire.NetMobile},
			questionnaire.LinkCommNeeds:    {questionnaire.NeedBSLInterpreter},
			questionnaire.LinkContactNeeds: {questionnaire.ContactBSLRelay}, questionnaire.LinkContactAvoid: {questionnaire.AvoidPhone},
			questionnaire.LinkChoice: {string(questionnaire.RouteSMS)},
		}, "Sign language video relay call"},
		{"no relay", questionnaire.Answers{
			questionnaire.LinkDevices: {questionnaire.DevLandline}, questionnaire.LinkInternet: {questionnaire.NetNone},
			questionnaire.LinkTelecare: {questionnaire.No},
			questionnaire.LinkChoice:   {string(questionnaire.RoutePhone)},
		}, ""},
	} {
		a := testkit.V2(testkit.Included(c.change))
		res, err := questionnaire.V2.Assess(a, questionnaire.National)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if res.Recommendation.Primary != questionnaire.RoutePhone {
			t.Fatalf("%s: the rules put %s first, not a call", c.name, res.Recommendation.Primary)
		}
		r := record.Record{ID: record.MustParseID("01957a3c-0000-7000-8000-0000000000ac"), Patient: record.PatientID{Kind: record.NHSNumber, Value: "9990000018"},
			Clinician: "C", Time: sampleNamed(t, "entered in error").Record.Time, Status: record.Completed, Answers: a, Result: res}
		subj, err := samples.Site.Subject(questionnaire.V2, r.Patient, true, samples.Key)
		if err != nil {
			t.Fatal(err)
		}
		out, err := fhir.Resources(fhir.Version{Record: r}, questionnaire.V2, subj, fhir.ResponseOptions{Site: samples.Site})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, x := range out {
			o := decode(t, x.JSON)
			if str(o, "resourceType") != "Observation" || str(list(child(o, "code"), "coding")[0], "code") != "contact-route" {
				continue
			}
			found = true
			v := child(o, "valueCodeableConcept")
			if code := str(list(v, "coding")[0], "code"); code != string(questionnaire.RoutePhone) {
				t.Errorf("%s: route coded %q, want the saved route phone", c.name, code)
			}
			if got := str(v, "text"); got != c.wantText {
				t.Errorf("%s: route text %q, want %q", c.name, got, c.wantText)
			}
		}
		if !found {
			t.Errorf("%s: no contact route Observation", c.name)
		}
	}
}
