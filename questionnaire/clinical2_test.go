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
