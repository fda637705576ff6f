package questionnaire

import (
	"strings"
	"testing"
)

// TestV2AnImpossibleChoiceNamesTheMissingDeviceFirst: a patient with no
// mobile who chose text messages and needs information told was told the
// choice was not possible because they need information told: a lesser
// reason, with the missing phone not named at all. The missing device,
// phone or internet comes first, and the need after it; at the boundary,
// with the device there, the need alone is the reason.
func TestV2AnImpossibleChoiceNamesTheMissingDeviceFirst(t *testing.T) {
	for _, c := range []struct {
		name   string
		change Answers
		choice Route
		want   string // how the choice note's reason begins
		also   string // what follows "; also ", or ""
	}{
		{"texts, no mobile, told not written", Answers{LinkDevices: {DevLandline}, LinkCommNeeds: {NeedVerbal}}, RouteSMS,
			"no mobile phone", "needs information told to them, not written"},
		{"texts, a mobile, told not written", Answers{LinkDevices: {DevBasicMob}, LinkCommNeeds: {NeedVerbal}}, RouteSMS,
			"needs information told to them, not written", ""},
		{"email, no device, told not written", Answers{LinkDevices: {DevNone}, LinkInternet: {NetNone}, LinkCommNeeds: {NeedVerbal}}, RouteEmail,
			"no smartphone, tablet or computer", "needs information told to them, not written"},
		{"email, a device but not online, told not written", Answers{LinkDevices: {DevShared}, LinkInternet: {NetNone}, LinkCommNeeds: {NeedVerbal}}, RouteEmail,
			"does not get online", "needs information told to them, not written"},
		{"the App, no own device, told not written", Answers{LinkDevices: {DevShared}, LinkCommNeeds: {NeedVerbal}}, RouteApp,
			"no own smartphone, tablet or computer", "needs information told to them, not written"},
		{"the App, no internet, not by email", Answers{LinkInternet: {NetPublic}, LinkCommNeeds: {NeedVerbal}}, RouteApp,
			"no home internet or mobile data", "needs information told to them, not written"},
		{"a call, no phone, not by text", Answers{LinkDevices: {DevShared}, LinkContactAvoid: {AvoidSMS}}, RoutePhone,
			"no phone of their own", ""},
		{"texts, no mobile, not by text", Answers{LinkDevices: {DevLandline}, LinkContactAvoid: {AvoidSMS}, LinkChoice: {string(RoutePhone)}}, RouteSMS,
			"no mobile phone", "must not be contacted this way (contact requirement)"},
	} {
		a := withV2(c.change)
		if _, ok := c.change[LinkChoice]; !ok {
			a[LinkChoice] = []string{string(c.choice)}
		}
		rec := assessV2(t, landlineAsked(a), Services{}).Recommendation
		reason := routeCheck(t, rec, c.choice).Reason
		if !strings.HasPrefix(reason, c.want) {
			t.Errorf("%s: the reason begins %q, want %q", c.name, reason, c.want)
		}
		if _, also, _ := strings.Cut(reason, "; also "); also != c.also {
			t.Errorf("%s: also %q, want %q (%s)", c.name, also, c.also, reason)
		}
		if Route(a.One(LinkChoice)) == c.choice && !strings.HasPrefix(rec.ChoiceNote, "chose "+c.choice.Title()+", not possible: "+c.want) {
			t.Errorf("%s: choice note %q", c.name, rec.ChoiceNote)
		}
	}
}
