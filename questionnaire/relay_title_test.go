package questionnaire

import (
	"strings"
	"testing"
)

// TestARelayCallIsNamedByTheRelay: a patient who must be called through a
// sign language video relay or text relay was shown "Contact by: Phone
// call", and one who must not be phoned was then phoned by voice. The phone
// route of such a patient is named by the relay, at every boundary: with
// and without "not by phone", either relay, both relays (the video relay,
// as the rules name it), a phone call required beside a relay, and no
// relay at all. Other routes keep their names.
func TestARelayCallIsNamedByTheRelay(t *testing.T) {
	const video, text, phone = "Sign language video relay call", "Text relay call", "Phone call"
	for _, c := range []struct {
		name  string
		a     Answers
		route Route
		want  string
	}{
		{"no relay", Answers{LinkDevices: {DevSmartphone}}, RoutePhone, phone},
		{"not by phone, no relay", Answers{LinkDevices: {DevLandline}, LinkContactAvoid: {AvoidPhone}}, RoutePhone, phone},
		{"video relay, not by phone", Answers{LinkContactNeeds: {ContactBSLRelay}, LinkContactAvoid: {AvoidPhone}}, RoutePhone, video},
		{"video relay", Answers{LinkContactNeeds: {ContactBSLRelay}}, RoutePhone, video},
		{"text relay, not by phone", Answers{LinkContactNeeds: {ContactTextRelay}, LinkContactAvoid: {AvoidPhone}}, RoutePhone, text},
		{"text relay", Answers{LinkContactNeeds: {ContactTextRelay}}, RoutePhone, text},
		{"both relays", Answers{LinkContactNeeds: {ContactTextRelay, ContactBSLRelay}}, RoutePhone, video},
		{"a phone call and a relay both required", Answers{LinkContactNeeds: {ContactPhone, ContactBSLRelay}}, RoutePhone, phone},
		{"video relay, text message route", Answers{LinkContactNeeds: {ContactBSLRelay}, LinkContactAvoid: {AvoidPhone}}, RouteSMS, "Text message"},
		{"video relay, letter route", Answers{LinkContactNeeds: {ContactBSLRelay}}, RouteLetter, "Letter"},
	} {
		if got := c.route.TitleFor(c.a); got != c.want {
			t.Errorf("%s: %s is %q, want %q", c.name, c.route, got, c.want)
		}
	}
}

// TestTheHeadlineOfADeafPatientNeverReadsPhoneCall: the tester's patient:
// deaf, own smartphone online, needs BSL, must be contacted by a sign
// language video relay and must not be phoned, chose text messages. The
// recommendation stays as the rules give it (a call through the relay:
// saved results keep their meaning); its headline names the relay.
func TestTheHeadlineOfADeafPatientNeverReadsPhoneCall(t *testing.T) {
	a := withV2(Answers{
		LinkDevices: {DevSmartphone}, LinkInternet: {NetMobile},
		LinkCommNeeds: {NeedBSLInterpreter}, LinkContactNeeds: {ContactBSLRelay}, LinkContactAvoid: {AvoidPhone},
		LinkChoice: {string(RouteSMS)},
	})
	res := assessV2(t, a, Services{})
	rec := res.Recommendation
	if rec.Primary != RoutePhone {
		t.Fatalf("the rules put %s first, not the call through the relay the patient must be called by", rec.Primary)
	}
	if got := rec.PrimaryTitle(a); got != "Sign language video relay call" {
		t.Errorf("headline %q, want the video relay named", got)
	}
	if got := rec.PrimaryTitle(a); strings.Contains(strings.ToLower(got), "phone") {
		t.Errorf("headline %q reads as a phone call", got)
	}
}

// TestAFallbackRelayCallIsNamedByTheRelay: a call through the relay as the
// fallback is named as the main route would be; a call to the carer is not
// through the patient's relay, and no second route stays "None".
func TestAFallbackRelayCallIsNamedByTheRelay(t *testing.T) {
	relay := Answers{LinkContactNeeds: {ContactSMS, ContactBSLRelay}, LinkContactAvoid: {AvoidPhone}}
	for _, c := range []struct {
		name string
		rec  Recommendation
		a    Answers
		want string
	}{
		{"relay call as fallback", Recommendation{Primary: RouteSMS, Fallback: RoutePhone}, relay, "Sign language video relay call"},
		{"phone fallback, no relay", Recommendation{Primary: RouteSMS, Fallback: RoutePhone}, Answers{}, "Phone call"},
		{"call to the carer", Recommendation{Primary: RouteSMS, Fallback: RoutePhone, FallbackToCarer: true}, relay, "Phone call to the carer"},
		{"no second route", Recommendation{Primary: RoutePhone, Fallback: RoutePhone}, relay, NoFallbackTitle},
		{"letter fallback", Recommendation{Primary: RoutePhone, Fallback: RouteLetter}, relay, "Letter"},
	} {
		if got, _ := c.rec.FallbackTextFor(c.a); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
