package questionnaire

import (
	"regexp"
	"strings"
	"testing"
)

// TestV2APatientWithNoPhoneIsNeverToldOfACall: a patient with no mobile
// and no landline, who had not said "not by phone", was told "explain what
// they say in person, or by phone where possible" and "Give information
// verbally, by phone or in person": a call they have no phone for. Every
// adjustment offers what they can do instead (in person, through a carer
// who does most things for them); at the boundary, one phone of any kind
// keeps the call.
func TestV2APatientWithNoPhoneIsNeverToldOfACall(t *testing.T) {
	call := regexp.MustCompile(`(?i)by phone|on calls|phone call`)
	for _, c := range []struct {
		name    string
		devices []string
		help    string
		call    bool   // an adjustment may speak of a call
		want    string // the spoken ways every such adjustment names
	}{
		{"no device at all", []string{DevNone}, HelpNobody, false, "in person"},
		{"a shared device only", []string{DevShared}, HelpNobody, false, "in person"},
		{"no phone, a carer does most things", []string{DevNone}, HelpCarer, false, "in person, or through their carer"},
		{"a landline", []string{DevLandline}, HelpNobody, true, "by phone"},
		{"a basic mobile", []string{DevBasicMob}, HelpNobody, true, "by phone"},
		{"a shared device and a landline", []string{DevShared, DevLandline}, HelpNobody, true, "by phone"},
	} {
		for _, needs := range [][]string{{NeedVerbal}, {NeedEasyRead}, {NeedInterpreter}} {
			a := withV2(Answers{LinkDevices: c.devices, LinkInternet: {NetNone}, LinkTasks: {TaskNone}, LinkHelp: {c.help},
				LinkCommNeeds: needs, LinkReadingHelp: {ReadOften}})
			if needs[0] == NeedInterpreter {
				a[LinkLanguageCode], a[LinkTranslated] = []string{"pl"}, []string{No}
			}
			rec := assessV2(t, landlineAsked(a), Services{}).Recommendation
			spoke := false
			for _, adj := range rec.Adjustments {
				if !c.call && call.MatchString(adj.Text) {
					t.Errorf("%s, %v: %s speaks of a call to a patient with no phone: %s", c.name, needs, adj.Code, adj.Text)
				}
				if adj.Code == "reading-help" || adj.Code == NeedVerbal {
					spoke = true
					if !strings.Contains(adj.Text, c.want) {
						t.Errorf("%s, %v: %s does not say %q: %s", c.name, needs, adj.Code, c.want, adj.Text)
					}
				}
				if adj.Code == NeedInterpreter && strings.Contains(adj.Text, "on calls") != c.call {
					t.Errorf("%s: interpreter on calls %v, want %v: %s", c.name, !c.call, c.call, adj.Text)
				}
			}
			if !spoke {
				t.Errorf("%s, %v: no adjustment says how they are told, so nothing is tested: %v", c.name, needs, codes(rec.Adjustments))
			}
		}
	}
}

// TestPhoneUseOfTheHandout: how a patient may be sent to a phone, from
// what they said, at each boundary: a phone of any kind, "not by phone"
// with and without a relay, contact through a carer (either version),
// no phone with and without a carer who does most things, and British Sign
// Language with and without a relay (either version).
func TestPhoneUseOfTheHandout(t *testing.T) {
	for _, c := range []struct {
		name string
		a    Answers
		want PhoneUse
	}{
		{"smartphone", Answers{LinkDevices: {DevSmartphone}}, PhoneFree},
		{"basic mobile", Answers{LinkDevices: {DevBasicMob}}, PhoneFree},
		{"landline", Answers{LinkDevices: {DevLandline}}, PhoneFree},
		{"no phone", Answers{LinkDevices: {DevNone}}, PhoneNone},
		{"shared device only", Answers{LinkDevices: {DevShared}, LinkHelp: {HelpSome}}, PhoneNone},
		{"no phone, a carer does most things", Answers{LinkDevices: {DevShared}, LinkHelp: {HelpCarer}}, PhoneCarer},
		{"a phone, a carer does most things", Answers{LinkDevices: {DevLandline}, LinkHelp: {HelpCarer}}, PhoneFree},
		{"not by phone", Answers{LinkDevices: {DevLandline}, LinkContactAvoid: {AvoidPhone}}, PhoneNone},
		{"not by phone, text relay", Answers{LinkDevices: {DevLandline}, LinkContactAvoid: {AvoidPhone}, LinkContactNeeds: {ContactTextRelay}}, PhoneRelay},
		{"not by phone, video relay", Answers{LinkDevices: {DevSmartphone}, LinkContactAvoid: {AvoidPhone}, LinkContactNeeds: {ContactBSLRelay}}, PhoneRelay},
		{"through the carer", Answers{LinkDevices: {DevLandline}, LinkContactNeeds: {ContactCarer}}, PhoneCarer},
		{"through the carer, no phone", Answers{LinkDevices: {DevNone}, LinkContactNeeds: {ContactCarer}}, PhoneCarer},
		{"through the carer, version 1", Answers{LinkDevices: {DevLandline}, LinkCommNeeds: {NeedCarer}}, PhoneCarer},
		{"through the carer, not by phone", Answers{LinkDevices: {DevLandline}, LinkContactNeeds: {ContactCarer}, LinkContactAvoid: {AvoidPhone}}, PhoneNone},
		// A patient who signs, with no relay, cannot use a phone they have
		// (the phone route's check), as a patient with none cannot.
		{"signs, no relay", Answers{LinkDevices: {DevSmartphone}, LinkCommNeeds: {NeedBSLInterpreter}}, PhoneNone},
		{"signs, no relay, a carer does most things", Answers{LinkDevices: {DevSmartphone}, LinkCommNeeds: {NeedBSLInterpreter}, LinkHelp: {HelpCarer}}, PhoneCarer},
		{"signs, text relay required", Answers{LinkDevices: {DevLandline}, LinkCommNeeds: {NeedBSLInterpreter}, LinkContactNeeds: {ContactTextRelay}}, PhoneFree},
		{"signs, video relay required", Answers{LinkDevices: {DevSmartphone}, LinkCommNeeds: {NeedBSLInterpreter}, LinkContactNeeds: {ContactBSLRelay}}, PhoneFree},
		{"signs, no text relay, version 1", Answers{LinkDevices: {DevLandline}, LinkCommNeeds: {NeedBSL}}, PhoneNone},
		{"signs with text relay, version 1", Answers{LinkDevices: {DevLandline}, LinkCommNeeds: {NeedBSL, NeedTextRelay}}, PhoneFree},
	} {
		if got := PhoneUseOf(c.a); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
}

// landlineAsked answers the care alarm question a landline brings with
// "no", so the answers are whole.
func landlineAsked(a Answers) Answers {
	if a.Has(LinkDevices, DevLandline) {
		a[LinkTelecare] = []string{No}
	}
	return a
}
