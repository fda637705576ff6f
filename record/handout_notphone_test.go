package record

import (
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// TestHandoutNeverPromisesACallToAPatientWhoMustNotBePhoned: the handout's
// line for reading help said "by phone or face to face" to a patient who
// must not be phoned; it says face to face only. At the boundary, the
// same patient with no such requirement keeps the phone.
func TestHandoutNeverPromisesACallToAPatientWhoMustNotBePhoned(t *testing.T) {
	for _, tc := range []struct {
		avoid string
		phone bool
	}{{questionnaire.AvoidPhone, false}, {questionnaire.AvoidNone, true}} {
		a := questionnaire.Answers{
			questionnaire.LinkDevices: {questionnaire.DevBasicMob}, questionnaire.LinkInternet: {questionnaire.NetNone},
			questionnaire.LinkAfford: {"never"}, questionnaire.LinkTasks: {questionnaire.TaskNone},
			questionnaire.LinkHelp: {questionnaire.HelpNotNeeded}, questionnaire.LinkNHSApp: {questionnaire.AppNo},
			questionnaire.LinkTechAccess: {questionnaire.TechNone}, questionnaire.LinkWant: {questionnaire.Yes},
			questionnaire.LinkWorry: {"not"}, questionnaire.LinkBadExperience: {questionnaire.No},
			questionnaire.LinkCommNeeds: {questionnaire.NeedNone}, questionnaire.LinkReadingHelp: {questionnaire.ReadAlways},
			questionnaire.LinkContactNeeds: {questionnaire.ContactNone}, questionnaire.LinkContactAvoid: {tc.avoid},
			questionnaire.LinkChoice: {questionnaire.ChoiceNone}, questionnaire.LinkRespondent: {questionnaire.RespondentPatient},
		}
		res, err := questionnaire.V2.Assess(a, questionnaire.National)
		if err != nil {
			t.Fatal(err)
		}
		h := HandoutWith(Record{Answers: a, Result: res}, HandoutOptions{})
		if !strings.Contains(h, "what our letters say") {
			t.Fatalf("%s: no reading-help line:\n%s", tc.avoid, h)
		}
		if got := strings.Contains(h, "by phone or face to face"); got != tc.phone {
			t.Errorf("%s: handout offers a call %v, want %v:\n%s", tc.avoid, got, tc.phone, h)
		}
	}
}
