package questionnaire

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// TestV2FallbackThroughTheCarerReachesTheCarer: a patient who must be
// contacted through their carer is never phoned or written to directly as
// the fallback. Found with a patient with dementia whose carer answered:
// the fallback was "Phone call (has a phone)", a call to the patient. At
// the boundary, the same patient without the requirement (a carer who
// helps, but no requirement) keeps a fallback to the patient.
func TestV2FallbackThroughTheCarerReachesTheCarer(t *testing.T) {
	dementia := Answers{LinkDevices: {DevLandline}, LinkInternet: {NetNone}, LinkTasks: {TaskNone}, LinkTelecare: {No},
		LinkHelp: {HelpCarer}, LinkTechAccess: {TechMemory}, LinkRespondent: {RespondentCarer}, LinkReadingHelp: {ReadAlways}}
	for _, tc := range []struct {
		name     string
		change   Answers
		fallback Route
		toCarer  bool
		title    string
	}{
		{"through the carer", merge(dementia, Answers{LinkContactNeeds: {ContactCarer}}), RouteLetter, true, "Letter to the carer"},
		{"through the carer, easy read", merge(dementia, Answers{LinkContactNeeds: {ContactCarer}, LinkCommNeeds: {NeedEasyRead}}), RouteLetter, true, "Letter to the carer"},
		{"through the carer, not by letter", merge(dementia, Answers{LinkContactNeeds: {ContactCarer}, LinkContactAvoid: {AvoidLetter}}), RoutePhone, true, "Phone call to the carer"},
		{"through the carer, not by letter nor phone", merge(dementia, Answers{LinkContactNeeds: {ContactCarer}, LinkContactAvoid: {AvoidLetter, AvoidPhone}}), RouteInPerson, false, "In person"},
		{"a carer helps, no requirement", dementia, RouteLetter, false, "Letter"},
	} {
		rec := assessV2(t, withV2(tc.change), Services{}).Recommendation
		title, reason := rec.FallbackText()
		if rec.Fallback != tc.fallback || rec.FallbackToCarer != tc.toCarer || title != tc.title {
			t.Errorf("%s: fallback %s (%q, to the carer %v: %s), want %s (%q, %v)", tc.name, rec.Fallback, title, rec.FallbackToCarer, reason,
				tc.fallback, tc.title, tc.toCarer)
		}
		if tc.change.Has(LinkContactNeeds, ContactCarer) && !strings.Contains(reason, "carer") {
			t.Errorf("%s: fallback reason does not say it goes through the carer: %q", tc.name, reason)
		}
	}
}

// TestV2AdjustmentsNeverNameARuledOutChannel: no adjustment tells the team
// to use a channel the patient must not be contacted by. Found with a deaf
// patient who must not be phoned: beside "Do not phone the patient" the
// note said to explain letters "by phone where possible" and to fill in
// forms "by phone or in person". Every adjustment of several patients
// (chosen so that between them every adjustment that names a channel is
// given) is checked against every "must not be contacted by" requirement;
// the requirements' own adjustments say what was answered and are left
// out.
func TestV2AdjustmentsNeverNameARuledOutChannel(t *testing.T) {
	words := map[string][]string{
		AvoidPhone:  {"by phone", "on calls", "phone call", "phone them"},
		AvoidSMS:    {"texts", "text message"},
		AvoidEmail:  {"email"},
		AvoidLetter: {"letter"},
	}
	bases := map[string]Answers{
		"texts, no forms, large print, interpreter": {LinkTasks: {TaskText}, LinkCommNeeds: {NeedLargePrint, NeedInterpreter}, LinkPrintSize: {"24"},
			LinkLanguageCode: {"pl"}, LinkTranslated: {Yes}, LinkReadingHelp: {ReadSometimes}, LinkHelp: {HelpNobody}, LinkTechAccess: {TechSight}},
		"reads with help often, landline too": {LinkDevices: {DevSmartphone, DevLandline}, LinkTelecare: {Yes}, LinkTasks: {TaskText, TaskEmail},
			LinkCommNeeds: {NeedLargePrint}, LinkPrintSize: {"28"}, LinkReadingHelp: {ReadOften}},
		"told not written, basic mobile": {LinkDevices: {DevBasicMob}, LinkInternet: {NetNone}, LinkTasks: {TaskNone},
			LinkCommNeeds: {NeedEasyRead, NeedVerbal, NeedInterpreter}, LinkLanguageCode: {"pl"}, LinkTranslated: {No}, LinkReadingHelp: {ReadAlways}},
		"BSL, video relay": {LinkTasks: {TaskText, TaskEmail}, LinkCommNeeds: {NeedBSLInterpreter, NeedVerbal}, LinkReadingHelp: {ReadOften},
			LinkContactNeeds: {ContactBSLRelay}},
	}
	seen := map[string]bool{}
	for name, base := range bases {
		for avoid, ws := range words {
			a := withV2(merge(base, Answers{LinkContactAvoid: {avoid}}))
			rec := assessV2(t, a, Services{}).Recommendation
			for _, adj := range rec.Adjustments {
				seen[adj.Code] = true
				if a.Has(LinkContactNeeds, adj.Code) || a.Has(LinkContactAvoid, adj.Code) {
					continue
				}
				for _, w := range ws {
					if strings.Contains(strings.ToLower(adj.Text), w) {
						t.Errorf("%s, must not be contacted %s: %s names %q: %q", name, avoid, adj.Code, w, adj.Text)
					}
				}
			}
		}
	}
	for _, code := range []string{"verbal", "reading-help", "forms-help", "interpreter", "large-print-24", "large-print-28", "check-understanding"} {
		if !seen[code] {
			t.Errorf("no patient here is given %s: the test does not cover it (seen %v)", code, seen)
		}
	}
}

// TestV2DeviceBeforeDataBeforeSkillsForAnIsolatedPatient: issue 11 ranks
// a device before data before skills; nobody helping the patient orders
// programmes within the same need (one-to-one help first among skills
// help), and never puts skills help before a device they lack. Found with
// a patient with a basic mobile only, not online, on benefits, nobody
// helping: Digital Champions came 1st and the National Device Bank 3rd.
func TestV2DeviceBeforeDataBeforeSkillsForAnIsolatedPatient(t *testing.T) {
	basic := Answers{LinkDevices: {DevBasicMob}, LinkInternet: {NetNone}, LinkTasks: {TaskText}, LinkAfford: {"often"},
		LinkAgeBand: {"45-54"}, LinkBenefits: {Yes}, LinkDisability: {Yes}}
	for _, tc := range []struct {
		name  string
		help  string
		first []string
	}{
		{"nobody helps", HelpNobody, []string{"national-device-bank", "national-databank", "social-tariffs", "public-library", "digital-unite"}},
		{"needs no help", HelpNotNeeded, []string{"national-device-bank", "national-databank", "social-tariffs"}},
	} {
		rec := assessV2(t, withV2(merge(basic, Answers{LinkHelp: {tc.help}})), Services{}).Recommendation
		got := referralIDs(rec)
		if len(got) < len(tc.first) || !slices.Equal(got[:len(tc.first)], tc.first) {
			t.Errorf("%s: ranked %v, want it to start %v", tc.name, got, tc.first)
		}
		// Every skills programme after every device and data one.
		lastNeed, firstSkills := -1, len(got)
		for i, r := range rec.Referrals {
			p, _ := National.Lookup(r.ProgrammeID)
			switch {
			case slices.Contains(p.Provides, ProvidesDevice) || slices.Contains(p.Provides, ProvidesData):
				lastNeed = max(lastNeed, i)
			case slices.Contains(p.Provides, ProvidesSkills):
				firstSkills = min(firstSkills, i)
			}
		}
		if firstSkills < lastNeed {
			t.Errorf("%s: skills help ranked before a device or data: %v", tc.name, got)
		}
	}
}

// TestV2ReferralReasonSaysAllAProgrammeGives: the reason says what the
// directory says the programme gives, the same for every patient. Found
// with the local library, "gives data" for one patient and "gives skills"
// for another (ranked on skills for a patient who does not want to go
// online, or for whom data is never a problem).
func TestV2ReferralReasonSaysAllAProgrammeGives(t *testing.T) {
	offline := Answers{LinkDevices: {DevLandline}, LinkInternet: {NetNone}, LinkTasks: {TaskNone}, LinkTelecare: {No}, LinkAgeBand: {"75+"}}
	for _, tc := range []struct {
		name   string
		change Answers
		rules  *Instrument
	}{
		{"wants to go online, data a problem", merge(offline, Answers{LinkAfford: {"often"}}), V2},
		// Since a patient who says No is offered support alone, the
		// library is offered to them by the rules before only.
		{"does not want to go online", merge(offline, Answers{LinkWant: {No}}), rulesBefore(t, func(ins *Instrument) bool { return ins.beforeSaysNo })},
		{"data never a problem", merge(offline, Answers{LinkAfford: {"never"}}), V2},
	} {
		res, err := tc.rules.AssessWith(withV2(tc.change), National, Services{})
		if err != nil {
			t.Fatal(err)
		}
		rec := res.Recommendation
		i := slices.Index(referralIDs(rec), "public-library")
		if i < 0 {
			t.Fatalf("%s: the library is not offered: %v", tc.name, referralIDs(rec))
		}
		if r := rec.Referrals[i].Reason; !strings.Contains(r, "gives data and skills;") {
			t.Errorf("%s: library's reason %q does not say it gives data and skills", tc.name, r)
		}
	}
}

// TestV2NHSAppHelpOnlyWithADeviceForIt: help with the NHS App needs a
// smartphone, tablet or computer to use it on. Found offered, sometimes
// as a referral needing an answer, to a landline-only patient and to one
// with a basic mobile and no internet, and (on a re-test) to a patient
// with a shared or borrowed device only, for whom the App route itself is
// ruled out. At the boundary, a smartphone with no data keeps it.
func TestV2NHSAppHelpOnlyWithADeviceForIt(t *testing.T) {
	for _, tc := range []struct {
		name    string
		devices []string
		net     []string
		offered bool
	}{
		{"landline only", []string{DevLandline}, []string{NetNone}, false},
		{"basic mobile, no internet", []string{DevBasicMob}, []string{NetNone}, false},
		{"basic mobile and landline", []string{DevBasicMob, DevLandline}, []string{NetNone}, false},
		{"smartphone, no data", []string{DevSmartphone}, []string{NetNone}, true},
		{"shared computer, public wifi", []string{DevShared}, []string{NetPublic}, false},
	} {
		a := withV2(Answers{LinkDevices: tc.devices, LinkInternet: tc.net, LinkTasks: {TaskNone}, LinkWant: {"with-help"}})
		if slices.Contains(tc.devices, DevLandline) {
			a[LinkTelecare] = []string{No}
		}
		res := assessV2(t, a, Services{})
		rec := res.Recommendation
		if rec.HasReferral("nhs-app-help") != tc.offered {
			t.Errorf("%s: NHS App help offered %v, want %v: %v", tc.name, rec.HasReferral("nhs-app-help"), tc.offered, referralIDs(rec))
		}
		for _, ask := range rec.AskAbout {
			if !tc.offered && slices.Contains(ask.ProgrammeIDs, "nhs-app-help") {
				t.Errorf("%s: NHS App help waits on an answer to %s", tc.name, ask.LinkID)
			}
		}
	}
	// Version 1's referrals are kept as they were made.
	v1, err := V1.Assess(with(Answers{LinkDevices: {DevLandline}, LinkInternet: {NetNone}, LinkTasks: {TaskNone}, LinkWant: {"with-help"}}), National)
	if err != nil {
		t.Fatal(err)
	}
	if !v1.Recommendation.HasReferral("nhs-app-help") {
		t.Errorf("version 1 no longer offers NHS App help to a landline patient: %v", referralIDs(v1.Recommendation))
	}
}

// TestV2NotWantingOnlineIsRespected: a patient nobody helps who does not
// want to go online is offered support before skills, even one-to-one
// skills help, and the adjustment does not press lessons on them. Found
// with a landline patient who said no: one-to-one help online and skills
// referrals came up first. At the boundary, the same patient not sure
// about it keeps one-to-one help offered.
func TestV2NotWantingOnlineIsRespected(t *testing.T) {
	landline := Answers{LinkDevices: {DevLandline}, LinkInternet: {NetNone}, LinkTasks: {TaskNone}, LinkTelecare: {No},
		LinkHelp: {HelpNobody}, LinkAgeBand: {"75+"}, LinkAfford: {"never"}}
	for _, tc := range []struct {
		want          string
		supportFirst  bool
		pressesOnline bool
	}{
		{No, true, false},
		{WantNotSure, false, true},
	} {
		rec := assessV2(t, withV2(merge(landline, Answers{LinkWant: {tc.want}})), Services{}).Recommendation
		lastSupport, firstSkills := -1, len(rec.Referrals)
		for i, r := range rec.Referrals {
			p, _ := National.Lookup(r.ProgrammeID)
			switch {
			case slices.Contains(p.Provides, ProvidesSupport):
				lastSupport = max(lastSupport, i)
			case slices.Contains(p.Provides, ProvidesSkills):
				firstSkills = min(firstSkills, i)
			}
		}
		if (lastSupport < firstSkills) != tc.supportFirst {
			t.Errorf("want %s: support before skills %v, want %v: %v", tc.want, lastSupport < firstSkills, tc.supportFirst, referralIDs(rec))
		}
		for _, adj := range rec.Adjustments {
			if adj.Code == "no-helper" && strings.HasPrefix(adj.Text, "No one helps them online: offer one-to-one help") != tc.pressesOnline {
				t.Errorf("want %s: %q", tc.want, adj.Text)
			}
		}
	}
}

// TestV2RouteReasonQuotesTheWantAnswer: a route's reason says what the
// patient answered about doing health tasks online. Found with a patient
// who said "I am not sure" and got "first possible route for a patient
// who wants to do health tasks online".
func TestV2RouteReasonQuotesTheWantAnswer(t *testing.T) {
	for _, tc := range []struct{ want, quoted string }{
		{Yes, `answered "Yes"`},
		{"with-help", `answered "Yes, with some help"`},
		{WantNotSure, `answered "I am not sure"`},
		{No, `answered "No"`},
	} {
		rec := assessV2(t, withV2(Answers{LinkWant: {tc.want}}), Services{}).Recommendation
		if !strings.Contains(rec.PrimaryReason, tc.quoted) || strings.Contains(rec.PrimaryReason, "who wants to do") {
			t.Errorf("want %s: reason %q does not quote %s", tc.want, rec.PrimaryReason, tc.quoted)
		}
	}
}

// TestV2LargePrintReadOnAScreenIsChecked (hazard H50): a patient who needs
// large print whose main route is read on a screen (a text, an email, the
// NHS App) gets an adjustment to check they can read it at their device's
// text size, and what matters in print as well. Found with a patient who
// needs 24 point print and was sent text messages with no word about
// reading them. At the boundary: large print with a letter, and a text
// with no print need, get none. Its reason names the route as a sentence
// does, the NHS App with its capitals (it read "the main route is nhs app").
func TestV2LargePrintReadOnAScreenIsChecked(t *testing.T) {
	texts := Answers{LinkTasks: {TaskText}}
	large := Answers{LinkCommNeeds: {NeedLargePrint}, LinkPrintSize: {"24"}}
	for _, tc := range []struct {
		name    string
		change  Answers
		primary Route
		want    bool
		print   bool
		reason  string
	}{
		{"24 point, texts", merge(texts, large), RouteSMS, true, true, "needs 24 point print, and the main route is text message, which is read on a screen"},
		{"24 point, texts, not by letter", merge(merge(texts, large), Answers{LinkContactAvoid: {AvoidLetter}}), RouteSMS, true, false, "needs 24 point print, and the main route is text message, which is read on a screen"},
		{"24 point, the NHS App", large, RouteApp, true, true, "needs 24 point print, and the main route is NHS App, which is read on a screen"},
		{"24 point, chose letters", merge(texts, merge(large, Answers{LinkChoice: {string(RouteLetter)}})), RouteLetter, false, false, ""},
		{"no print need, texts", texts, RouteSMS, false, false, ""},
	} {
		rec := assessV2(t, withV2(tc.change), Services{}).Recommendation
		if rec.Primary != tc.primary {
			t.Fatalf("%s: primary %s, want %s (%s)", tc.name, rec.Primary, tc.primary, rec.PrimaryReason)
		}
		var got *Adjustment
		for i := range rec.Adjustments {
			if rec.Adjustments[i].Code == "large-print-screen" {
				got = &rec.Adjustments[i]
			}
		}
		if (got != nil) != tc.want {
			t.Errorf("%s: screen-reading check given %v, want %v: %v", tc.name, got != nil, tc.want, codes(rec.Adjustments))
			continue
		}
		if got != nil && strings.Contains(got.Text, "24 point print as well") != tc.print {
			t.Errorf("%s: %q: print as well %v, want %v", tc.name, got.Text, !tc.print, tc.print)
		}
		if got != nil && got.Reason != tc.reason {
			t.Errorf("%s: reason %q, want %q", tc.name, got.Reason, tc.reason)
		}
	}
}

// TestV2TypedLanguageIsCodedAsDocumented: docs/coded-needs.md says a
// language typed for "another language" is coded with its own concept when
// it is the name of a language in the table, whatever its capitals or
// spaces, and with the language-neutral concept otherwise. The docs said
// every "other" language got the neutral concept, while "tigrinya" was
// coded 204171000000106.
func TestV2TypedLanguageIsCodedAsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/coded-needs.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), `("tigrinya" is
`+"`interpreter-tigrinya`, 204171000000106)") {
		t.Errorf("docs/coded-needs.md no longer says how a typed language is coded")
	}
	for _, tc := range []struct{ typed, code string }{
		{"tigrinya", "204171000000106"},
		{" TIGRINYA ", "204171000000106"},
		{"Polish", "203901000000102"},
		{"Tigrinia", "315594003"},
		{"Wolof", "315594003"},
	} {
		rec := assessV2(t, withV2(Answers{LinkCommNeeds: {NeedInterpreter}, LinkLanguageCode: {LanguageOther}, LinkLanguage: {tc.typed}, LinkTranslated: {No}}), Services{}).Recommendation
		if n := rec.Needs[1]; n.Code != tc.code {
			t.Errorf("typed %q: coded %s (%s), want %s", tc.typed, n.Code, n.Key, tc.code)
		}
	}
}

// TestV2ChoiceSaysWhoseAndWhyNotHonoured: the note says whose choice it
// was (a carer's answer read as the patient's own "Via carer"), and a
// choice not honoured says whether it was not possible or possible but
// put after another route by a rule; the result screen labelled every
// choice not honoured "(not possible)", even one the reading rule put
// after a call.
func TestV2ChoiceSaysWhoseAndWhyNotHonoured(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change Answers
		whose  string
		status string
	}{
		{"no preference", Answers{}, "Patient's choice", ""},
		{"chose texts, possible", Answers{LinkChoice: {string(RouteSMS)}}, "Patient's choice", "honoured"},
		{"chose the App, no device", Answers{LinkChoice: {string(RouteApp)}, LinkDevices: {DevBasicMob}, LinkInternet: {NetNone}, LinkTasks: {TaskText}},
			"Patient's choice", "not possible"},
		{"chose letters, reads with help often", Answers{LinkChoice: {string(RouteLetter)}, LinkReadingHelp: {ReadOften}}, "Patient's choice", "not honoured"},
		{"chose texts, must be by letter", Answers{LinkChoice: {string(RouteSMS)}, LinkContactNeeds: {ContactLetter}}, "Patient's choice", "not honoured"},
		{"a carer answered, chose via carer", Answers{LinkChoice: {string(RouteCarer)}, LinkHelp: {HelpCarer}, LinkRespondent: {RespondentCarer}},
			"Choice the carer gave for the patient", "honoured"},
		{"through an interpreter", Answers{LinkChoice: {string(RouteSMS)}, LinkRespondent: {RespondentInterpreter}}, "Patient's choice", "honoured"},
	} {
		a := withV2(tc.change)
		rec := assessV2(t, a, Services{}).Recommendation
		if got := ChoiceWhose(a); got != tc.whose {
			t.Errorf("%s: whose %q, want %q", tc.name, got, tc.whose)
		}
		if got := rec.ChoiceStatus(); got != tc.status {
			t.Errorf("%s: status %q, want %q (%s)", tc.name, got, tc.status, rec.ChoiceNote)
		}
	}
}
