package ui

import (
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
)

// TestTheResultHeadsARelayPatientWithTheRelay: a deaf patient who must be
// contacted by a sign language video relay and never by phone call is
// headed on the result screen by the relay call, as the note, show and
// history head them; the screen said "Contact by  Phone call".
func TestTheResultHeadsARelayPatientWithTheRelay(t *testing.T) {
	t.Parallel()
	r := testkit.AssessedV2(t, testkit.V2(testkit.Included(questionnaire.Answers{
		questionnaire.LinkDevices: {questionnaire.DevSmartphone}, questionnaire.LinkInternet: {questionnaire.NetMobile},
		questionnaire.LinkCommNeeds: {questionnaire.NeedBSLInterpreter}, questionnaire.LinkPrintSize: nil, questionnaire.LinkContactNeeds: {questionnaire.ContactBSLRelay},
		questionnaire.LinkContactAvoid: {questionnaire.AvoidPhone}, questionnaire.LinkChoice: {string(questionnaire.RouteSMS)},
	})))
	if r.Recommendation.Primary != questionnaire.RoutePhone {
		t.Fatalf("the rules put %s first, not the relay call", r.Recommendation.Primary)
	}
	o := testOptions((&memStore{}).Save)
	o.Clinician, o.Team = r.Clinician, r.Team
	o.Amend, o.AmendReason = &r, "checking the headline"
	d := newDriver(t, o, 80, 24)
	d.waitFor("Amend assessment", "Clinician")
	d.press("enter", "enter")
	d.waitFor("Amendment · Review")
	d.press("end", "enter")
	d.waitFor("Amendment · Result", "Sign language video relay call")
	if s := flat(d.screen()); strings.Contains(s, "Contact by Phone call") {
		t.Errorf("the result heads a patient who must not be phoned with a phone call:\n%s", d.screen())
	}
}
