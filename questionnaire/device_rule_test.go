package questionnaire

import (
	"strings"
	"testing"
)

// TestDeviceProgrammesFollowTheAppRoutesDeviceRule: a patient with only a
// shared or borrowed device, on public wifi, who chose the NHS App, had the
// App ruled out ("no own smartphone, tablet or computer") and was still
// offered "NHS App help and support". A programme that needs a device is
// offered exactly when the NHS App route's device check passes.
func TestDeviceProgrammesFollowTheAppRoutesDeviceRule(t *testing.T) {
	help, ok := National.Lookup("nhs-app-help")
	if !ok || !help.NeedsDevice {
		t.Fatal("nhs-app-help is not in the national directory as needing a device")
	}
	for _, tc := range []struct {
		devices []string
		offered bool
	}{
		{[]string{DevShared}, false},
		{[]string{DevLandline}, false},
		{[]string{DevBasicMob}, false},
		{[]string{DevBasicMob, DevShared}, false},
		{[]string{DevSmartphone}, true},
		{[]string{DevComputer}, true},
		{[]string{DevShared, DevSmartphone}, true},
	} {
		a := Answers{LinkDevices: tc.devices, LinkInternet: {NetHome}}
		appOwn := V2.appCheckV2(factsV2(a)).Reason[:6] != "no own"
		suits, _ := help.Suits(patientFactsV2(a))
		if suits != tc.offered || appOwn != tc.offered {
			t.Errorf("devices %v: NHS App help offered %v, App device check passed %v; want both %v", tc.devices, suits, appOwn, tc.offered)
		}
	}
}

// TestAChoiceACarerGaveIsNotCalledThePatientsOwn: where a carer answered,
// the reason for the route read "the patient's own choice", on the screen,
// in show and in the export. The reason names whose choice it is, by who
// answered.
func TestAChoiceACarerGaveIsNotCalledThePatientsOwn(t *testing.T) {
	for _, tc := range []struct {
		respondent, want string
	}{
		{RespondentPatient, "the patient's own choice; possible: "},
		{RespondentInterpreter, "the patient's own choice; possible: "},
		{RespondentCarer, "the choice the carer gave for the patient; possible: "},
	} {
		res := assessV2(t, withV2(Answers{LinkRespondent: {tc.respondent}, LinkChoice: {string(RouteSMS)}}), Services{})
		rec := res.Recommendation
		if !rec.ChoiceHonoured {
			t.Fatalf("%s: the choice is not honoured, so the test says nothing: %+v", tc.respondent, rec)
		}
		if !strings.HasPrefix(rec.PrimaryReason, tc.want) {
			t.Errorf("%s answered: reason %q, want it to start %q", tc.respondent, rec.PrimaryReason, tc.want)
		}
	}
}

// TestInPersonFallbackReasonIsTrue: a deaf patient with a landline only,
// whose main route is a letter, got "Fallback: In person" because "no
// phone or letter route suits the patient", when the letter was the main
// route. Then a patient with a screen reader who did not want to go online,
// reached by phone, got "no route other than the phone call suits the
// patient" beside an email they could read. The reason now says what is
// true of a call and a letter alone (a fallback is never digital), names
// why each is ruled out, and never that nothing else suits.
func TestInPersonFallbackReasonIsTrue(t *testing.T) {
	for _, tc := range []struct {
		name             string
		change           Answers
		primary          Route
		want, mustNotSay string
	}{
		{"landline only, not by phone", Answers{LinkDevices: {DevLandline}, LinkInternet: {NetNone}, LinkTelecare: {No},
			LinkContactAvoid: {AvoidPhone}, LinkChoice: {ChoiceNone}},
			RouteLetter, "no second call or letter: the letter is the main route (Phone call: must not be contacted this way", "no phone or letter route"},
		{"basic mobile, not by phone or letter", Answers{LinkDevices: {DevBasicMob}, LinkInternet: {NetNone},
			LinkContactAvoid: {AvoidPhone, AvoidLetter}, LinkChoice: {ChoiceNone}},
			RouteSMS, "no call or letter suits the patient (Phone call: must not be contacted this way (contact requirement); Letter: must not", "main route"},
		{"a screen reader, online, does not want to be", Answers{LinkCommNeeds: {NeedScreenRead}, LinkWant: {No}},
			RoutePhone, "no second call or letter: the phone call is the main route (Letter: uses a screen reader, which cannot read a printed letter)", "other than"},
		{"large print and a screen reader, not by letter, does not want to be online", Answers{LinkCommNeeds: {NeedLargePrint, NeedScreenRead},
			LinkPrintSize: {"24"}, LinkWant: {No}, LinkContactAvoid: {AvoidLetter}},
			RoutePhone, "no second call or letter: the phone call is the main route (Letter: must not be contacted this way", "other than"},
	} {
		rec := assessV2(t, withV2(tc.change), Services{}).Recommendation
		if rec.Primary != tc.primary || rec.Fallback != RouteInPerson {
			t.Fatalf("%s: contact by %s, fallback %s; the test needs %s then in person", tc.name, rec.Primary, rec.Fallback, tc.primary)
		}
		if !strings.HasPrefix(rec.FallbackReason, tc.want) || strings.Contains(rec.FallbackReason, tc.mustNotSay) {
			t.Errorf("%s: fallback reason %q, want it to start %q", tc.name, rec.FallbackReason, tc.want)
		}
	}
}
