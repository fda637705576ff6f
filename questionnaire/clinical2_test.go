package questionnaire

import (
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
