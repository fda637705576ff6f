package questionnaire

import (
	"strings"
	"testing"
)

// TestV2ContradictoryContactAnswersAreRefused: answers that cannot stand
// together are refused at whichever question is answered second, with the
// words that say why, and in the whole set; answers one step from them
// are accepted (hazard H43).
func TestV2ContradictoryContactAnswersAreRefused(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change Answers
		want   string // "" is accepted
	}{
		{"by phone and not by phone", Answers{LinkContactNeeds: {ContactPhone}, LinkContactAvoid: {AvoidPhone}}, "You chose both 'by phone' and 'not by phone'"},
		{"by phone and not by text", Answers{LinkContactNeeds: {ContactPhone}, LinkContactAvoid: {AvoidSMS}}, ""},
		{"by text and not by text", Answers{LinkContactNeeds: {ContactSMS}, LinkContactAvoid: {AvoidSMS}}, "You chose both 'by text message' and 'not by text message'"},
		{"by email and not by email", Answers{LinkContactNeeds: {ContactEmail}, LinkContactAvoid: {AvoidEmail}}, "You chose both 'by email' and 'not by email'"},
		{"by letter and not by letter", Answers{LinkContactNeeds: {ContactLetter}, LinkContactAvoid: {AvoidLetter}}, "You chose both 'by letter' and 'not by letter'"},
		{"BSL video relay and not by phone", Answers{LinkContactNeeds: {ContactBSLRelay}, LinkContactAvoid: {AvoidPhone}}, ""},
		{"chose a call, not by phone", Answers{LinkChoice: {string(RoutePhone)}, LinkContactAvoid: {AvoidPhone}}, "a phone call cannot be their choice"},
		{"chose a text, not by phone", Answers{LinkChoice: {string(RouteSMS)}, LinkContactAvoid: {AvoidPhone}}, ""},
		{"chose a text, not by text", Answers{LinkChoice: {string(RouteSMS)}, LinkContactAvoid: {AvoidSMS}}, "a text message cannot be their choice"},
		{"chose email, not by email", Answers{LinkChoice: {string(RouteEmail)}, LinkContactAvoid: {AvoidEmail}}, "email cannot be their choice"},
		{"chose a letter, not by letter", Answers{LinkChoice: {string(RouteLetter)}, LinkContactAvoid: {AvoidLetter}}, "a letter cannot be their choice"},
		{"landline only, must text", Answers{LinkDevices: {DevLandline}, LinkInternet: {NetNone}, LinkTelecare: {No}, LinkContactNeeds: {ContactSMS}}, "no mobile phone"},
		{"basic mobile, must text", Answers{LinkDevices: {DevBasicMob}, LinkInternet: {NetNone}, LinkContactNeeds: {ContactSMS}}, ""},
		{"no phone, must phone", Answers{LinkDevices: {DevComputer}, LinkContactNeeds: {ContactPhone}}, "no phone, so calls"},
		{"landline, must phone", Answers{LinkDevices: {DevLandline}, LinkInternet: {NetNone}, LinkTelecare: {No}, LinkContactNeeds: {ContactPhone}}, ""},
		{"no phone, must use text relay", Answers{LinkDevices: {DevComputer}, LinkContactNeeds: {ContactTextRelay}}, "relay calls cannot reach them"},
		{"landline only, must use video relay", Answers{LinkDevices: {DevLandline}, LinkInternet: {NetNone}, LinkTelecare: {No}, LinkContactNeeds: {ContactBSLRelay}}, "video relay calls cannot reach them"},
		{"no devices, must use video relay", Answers{LinkDevices: {DevNone}, LinkInternet: {NetNone}, LinkContactNeeds: {ContactBSLRelay}}, "video relay calls cannot reach them"},
		{"basic mobile with data, must use video relay", Answers{LinkDevices: {DevBasicMob}, LinkInternet: {NetMobile}, LinkContactNeeds: {ContactBSLRelay}}, "no smartphone, tablet or computer for a video call"},
		{"smartphone, not online, must use video relay", Answers{LinkDevices: {DevSmartphone}, LinkInternet: {NetNone}, LinkContactNeeds: {ContactBSLRelay}}, "not online at home or on mobile data"},
		{"smartphone, public wifi only, must use video relay", Answers{LinkDevices: {DevSmartphone}, LinkInternet: {NetPublic}, LinkContactNeeds: {ContactBSLRelay}}, "not online at home or on mobile data"},
		{"smartphone with mobile data, must use video relay", Answers{LinkDevices: {DevSmartphone}, LinkInternet: {NetMobile}, LinkContactNeeds: {ContactBSLRelay}}, ""},
		{"computer at home, must use video relay", Answers{LinkDevices: {DevComputer}, LinkInternet: {NetHome}, LinkContactNeeds: {ContactBSLRelay}}, ""},
		{"shared tablet at home, must use video relay", Answers{LinkDevices: {DevShared}, LinkInternet: {NetHome}, LinkContactNeeds: {ContactBSLRelay}}, ""},
		{"no device, must email", Answers{LinkDevices: {DevBasicMob}, LinkContactNeeds: {ContactEmail}}, "no phone, tablet or computer to read email on"},
		{"shared device, public wifi, must email", Answers{LinkDevices: {DevShared}, LinkInternet: {NetPublic}, LinkContactNeeds: {ContactEmail}}, ""},
		{"not online, must email", Answers{LinkInternet: {NetNone}, LinkContactNeeds: {ContactEmail}}, "do not get online"},
	} {
		a := withV2(tc.change)
		err := V2.Validate(a)
		if tc.want == "" {
			if err != nil {
				t.Errorf("%s: refused: %v", tc.name, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Validate gave %v, want %q", tc.name, err, tc.want)
		}
		// At the question: whichever of the two is answered second is
		// refused, given the other.
		for link := range tc.change {
			it := mustItemV2(t, link)
			given := a.Clone()
			delete(given, link)
			err := V2.CheckAnswer(it, a[link], given)
			blamed := false
			for _, c := range V2.Consistency {
				// A rule that yields is not broken at its Other: the
				// answer there stands, and LinkID's gives way
				// (TestRestrictionStandsOverAConflictingChoice).
				if (c.LinkID == link || c.Other == link && c.Yields == "") && c.broken(a) {
					blamed = true
				}
			}
			if blamed && (err == nil || !strings.Contains(err.Error(), tc.want)) {
				t.Errorf("%s: at %s gave %v, want %q", tc.name, link, err, tc.want)
			}
			if !blamed && err != nil {
				t.Errorf("%s: at %s refused: %v", tc.name, link, err)
			}
		}
	}
}

// TestConsistencyWaitsForTheOtherAnswer: a rule is not broken while the
// other question is unanswered (it is checked when that one is answered).
func TestConsistencyWaitsForTheOtherAnswer(t *testing.T) {
	it := mustItemV2(t, LinkContactNeeds)
	if err := V2.CheckAnswer(it, []string{ContactPhone}, Answers{}); err != nil {
		t.Errorf("refused with nothing else answered: %v", err)
	}
	if err := V2.CheckAnswer(it, []string{ContactPhone}, Answers{LinkContactAvoid: {AvoidPhone}}); err == nil {
		t.Error("accepted 'by phone' after 'not by phone'")
	}
}

func mustItemV2(t *testing.T, linkID string) *Item {
	t.Helper()
	it, ok := V2.Item(linkID)
	if !ok {
		t.Fatalf("V2 has no item %q", linkID)
	}
	return it
}

// TestV2ARequiredWayNotPossibleFallsToTheOtherWays: a contact requirement
// comes first, but where it is not possible the usual ways are tried before
// in person, and the reason names each way ruled out before the route, and
// why.
func TestV2ARequiredWayNotPossibleFallsToTheOtherWays(t *testing.T) {
	for _, tc := range []struct {
		name    string
		change  Answers
		want    Route
		reasons []string
	}{
		{"must text, can text", Answers{LinkContactNeeds: {ContactSMS}}, RouteSMS,
			[]string{"must be contacted by text message (contact requirement)"}},
		{"must text, cannot text on their own", Answers{LinkContactNeeds: {ContactSMS}, LinkTasks: tasksExcept(TaskText)}, RouteApp,
			[]string{"must be contacted by text message (contact requirement)", "ruled out before it: Text message: cannot read and reply to a text on their own"}},
		{"must email or text, neither on their own", Answers{LinkContactNeeds: {ContactSMS, ContactEmail}, LinkTasks: tasksExcept(TaskText, TaskEmail)}, RouteApp,
			[]string{"by text message or by email", "Email: cannot open an email on their own", "Text message: cannot read and reply"}},
		{"not by phone nor letter, no app skill", Answers{LinkContactAvoid: {AvoidPhone}, LinkTasks: tasksExcept(TaskApp)}, RouteSMS,
			[]string{"ruled out before it: NHS App: cannot use an app on a phone or tablet on their own"}},
	} {
		rec := assessV2(t, withV2(tc.change), Services{}).Recommendation
		if rec.Primary != tc.want {
			t.Errorf("%s: %s (%s), want %s", tc.name, rec.Primary, rec.PrimaryReason, tc.want)
		}
		for _, w := range tc.reasons {
			if !strings.Contains(rec.PrimaryReason, w) {
				t.Errorf("%s: reason %q lacks %q", tc.name, rec.PrimaryReason, w)
			}
		}
	}
}

// TestV2SignLanguageRelayIsNotAVoiceCall: a Deaf patient who must not be
// phoned but must be called through a sign language video relay is called
// through the relay, never by voice, and the reason and adjustments say so
// in words that do not contradict each other; with no relay recorded the
// phone stays ruled out.
func TestV2SignLanguageRelayIsNotAVoiceCall(t *testing.T) {
	deaf := Answers{LinkCommNeeds: {NeedBSLInterpreter}, LinkContactAvoid: {AvoidPhone}}
	rec := assessV2(t, withV2(deaf), Services{}).Recommendation
	if c := routeCheck(t, rec, RoutePhone); c.Possible {
		t.Errorf("no relay recorded, yet the phone is possible: %s", c.Reason)
	}

	deaf[LinkContactNeeds] = []string{ContactBSLRelay}
	rec = assessV2(t, withV2(deaf), Services{}).Recommendation
	if rec.Primary != RoutePhone {
		t.Fatalf("primary %s (%s), want a call through the relay", rec.Primary, rec.PrimaryReason)
	}
	for _, w := range []string{"must be contacted by a sign language video relay (contact requirement)", "never a voice call to them"} {
		if !strings.Contains(rec.PrimaryReason, w) {
			t.Errorf("reason %q lacks %q", rec.PrimaryReason, w)
		}
	}
	if strings.Contains(rec.PrimaryReason, "by text message or by phone") || strings.Contains(rec.PrimaryReason, "contacted by phone") {
		t.Errorf("reason names ways not required: %q", rec.PrimaryReason)
	}
	relay, _ := adjustment(rec, ContactBSLRelay)
	avoid, _ := adjustment(rec, AvoidPhone)
	if !strings.Contains(relay.Text, "an interpreter signs what you say to them by video") {
		t.Errorf("relay adjustment does not explain the relay: %q", relay.Text)
	}
	if avoid.Text != "Do not make a voice call to the patient: call only through a sign language video relay" {
		t.Errorf("not-by-phone adjustment beside the relay: %q", avoid.Text)
	}
}

// TestV2ReadingHelpOftenPutsACallBeforeAWrittenChoice (hazard H1): a
// patient who needs help reading NHS letters often or always and chose a
// written route is called first (or told through their carer), the choice
// recorded beside it with the written message still sent; sometimes keeps
// the choice with a check of understanding. A spoken choice is honoured at
// every answer, and so is a written way they must be contacted by.
func TestV2ReadingHelpOftenPutsACallBeforeAWrittenChoice(t *testing.T) {
	for _, tc := range []struct {
		name     string
		change   Answers
		want     Route
		honoured bool
	}{
		{"never, chose text", Answers{LinkReadingHelp: {ReadNever}, LinkChoice: {string(RouteSMS)}}, RouteSMS, true},
		{"sometimes, chose text", Answers{LinkReadingHelp: {ReadSometimes}, LinkChoice: {string(RouteSMS)}}, RouteSMS, true},
		{"often, chose text", Answers{LinkReadingHelp: {ReadOften}, LinkChoice: {string(RouteSMS)}}, RoutePhone, false},
		{"always, chose text", Answers{LinkReadingHelp: {ReadAlways}, LinkChoice: {string(RouteSMS)}}, RoutePhone, false},
		{"sometimes, chose letter", Answers{LinkReadingHelp: {ReadSometimes}, LinkChoice: {string(RouteLetter)}}, RouteLetter, true},
		{"always, chose letter", Answers{LinkReadingHelp: {ReadAlways}, LinkChoice: {string(RouteLetter)}}, RoutePhone, false},
		{"always, chose email", Answers{LinkReadingHelp: {ReadAlways}, LinkChoice: {string(RouteEmail)}}, RoutePhone, false},
		{"always, chose the App", Answers{LinkReadingHelp: {ReadAlways}, LinkChoice: {string(RouteApp)}}, RoutePhone, false},
		{"always, chose phone", Answers{LinkReadingHelp: {ReadAlways}, LinkChoice: {string(RoutePhone)}}, RoutePhone, true},
		// No call and no carer: in person first, the letter sent as well
		// (TestV2ReadingHelpWithNoCallNorCarerIsToldInPerson).
		{"always, chose letter, not by phone, no carer", Answers{LinkReadingHelp: {ReadAlways}, LinkChoice: {string(RouteLetter)}, LinkContactAvoid: {AvoidPhone}}, RouteInPerson, false},
		{"always, chose letter, not by phone, a carer", Answers{LinkReadingHelp: {ReadAlways}, LinkChoice: {string(RouteLetter)}, LinkContactAvoid: {AvoidPhone}, LinkHelp: {HelpCarer}}, RouteCarer, false},
		{"always, must be by text, chose text", Answers{LinkReadingHelp: {ReadAlways}, LinkChoice: {string(RouteSMS)}, LinkContactNeeds: {ContactSMS}}, RouteSMS, true},
	} {
		rec := assessV2(t, withV2(tc.change), Services{}).Recommendation
		if rec.Primary != tc.want || rec.ChoiceHonoured != tc.honoured {
			t.Errorf("%s: %s honoured %v (%s; %s), want %s honoured %v", tc.name, rec.Primary, rec.ChoiceHonoured,
				rec.PrimaryReason, rec.ChoiceNote, tc.want, tc.honoured)
		}
		if !tc.honoured && !strings.Contains(rec.ChoiceNote, "needs help reading NHS letters") {
			t.Errorf("%s: the choice note does not say why: %q", tc.name, rec.ChoiceNote)
		}
		if tc.honoured && rec.Primary != RoutePhone && tc.change[LinkReadingHelp][0] == ReadAlways {
			if _, ok := adjustment(rec, "reading-help"); !ok {
				t.Errorf("%s: a written route kept with no reading-help adjustment", tc.name)
			}
		}
	}
}
