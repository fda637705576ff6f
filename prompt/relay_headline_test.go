package prompt

import (
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/questionnaire"
)

// TestThePlainResultHeadsARelayPatientWithTheRelay: the result read out
// to a deaf patient who must be called through a sign language video
// relay and must not be phoned says "Contact by: Sign language video relay
// call", as the note does, never "Phone call".
func TestThePlainResultHeadsARelayPatientWithTheRelay(t *testing.T) {
	a := questionnaire.Answers{
		questionnaire.LinkDevices: {questionnaire.DevSmartphone}, questionnaire.LinkInternet: {questionnaire.NetMobile},
		questionnaire.LinkAfford: {"never"}, questionnaire.LinkTasks: {questionnaire.TaskText},
		questionnaire.LinkHelp: {questionnaire.HelpNobody}, questionnaire.LinkNHSApp: {questionnaire.AppNo},
		questionnaire.LinkTechAccess: {questionnaire.TechHearing}, questionnaire.LinkWant: {questionnaire.Yes},
		questionnaire.LinkWorry: {"not"}, questionnaire.LinkBadExperience: {questionnaire.No},
		questionnaire.LinkCommNeeds: {questionnaire.NeedBSLInterpreter}, questionnaire.LinkReadingHelp: {questionnaire.ReadNever},
		questionnaire.LinkContactNeeds: {questionnaire.ContactBSLRelay}, questionnaire.LinkContactAvoid: {questionnaire.AvoidPhone},
		questionnaire.LinkChoice: {string(questionnaire.RouteSMS)}, questionnaire.LinkRespondent: {questionnaire.RespondentPatient},
	}
	res, err := questionnaire.V2.Assess(a, questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	if res.Recommendation.Primary != questionnaire.RoutePhone {
		t.Fatalf("the rules put %s first, not the relay call", res.Recommendation.Primary)
	}
	out := resultText(res, assess.FirstReferrals, a)
	if !strings.Contains(out, "Contact by: Sign language video relay call. Why:") || strings.Contains(out, "Contact by: Phone call") {
		t.Errorf("the result is not headed with the relay call:\n%s", out)
	}
}
