package record

import (
	"regexp"
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// deafAnswers is a deaf patient who needs BSL and must be contacted by
// text, with one "must not be contacted by" answer and the contact
// requirements given.
func deafAnswers(avoid string, requires ...string) questionnaire.Answers {
	return questionnaire.Answers{
		questionnaire.LinkDevices: {questionnaire.DevBasicMob}, questionnaire.LinkInternet: {questionnaire.NetNone},
		questionnaire.LinkAfford: {"never"}, questionnaire.LinkTasks: {questionnaire.TaskNone},
		questionnaire.LinkHelp: {questionnaire.HelpNotNeeded}, questionnaire.LinkNHSApp: {questionnaire.AppNo},
		questionnaire.LinkTechAccess: {questionnaire.TechNone}, questionnaire.LinkWant: {questionnaire.Yes},
		questionnaire.LinkWorry: {"not"}, questionnaire.LinkBadExperience: {questionnaire.No},
		questionnaire.LinkCommNeeds: {questionnaire.NeedBSLInterpreter}, questionnaire.LinkReadingHelp: {questionnaire.ReadAlways},
		questionnaire.LinkContactNeeds: requires, questionnaire.LinkContactAvoid: {avoid},
		questionnaire.LinkChoice: {questionnaire.ChoiceNone}, questionnaire.LinkRespondent: {questionnaire.RespondentPatient},
	}
}

// TestHandoutNeverSendsAPatientToAWayTheyMustNotBeContactedBy: a deaf
// patient who must not be phoned was told "call your GP practice" and
// "call Ward 7 on 0113 ...", and, for a programme, "You can call them on
// ...". For every "must not be contacted by" answer, no sentence of the
// handout (with a team phone and every referral agreed) tells the patient
// to use that way; a sentence that says we will not use it is allowed. A
// relay user may be sent to a phone only through the relay. At the
// boundary, a patient with no such answer is still given the numbers.
func TestHandoutNeverSendsAPatientToAWayTheyMustNotBeContactedBy(t *testing.T) {
	banned := map[string]*regexp.Regexp{
		questionnaire.AvoidPhone:  regexp.MustCompile(`(?i)\b(call|phone|ring)\b`),
		questionnaire.AvoidSMS:    regexp.MustCompile(`(?i)\btext message`),
		questionnaire.AvoidEmail:  regexp.MustCompile(`(?i)\bemail`),
		questionnaire.AvoidLetter: regexp.MustCompile(`(?i)\b(letter|write|post)\b`),
	}
	allowed := regexp.MustCompile(`(?i)\b(not|never)\b|Home phone lines|care alarm|what our letters say`)
	for _, tc := range []struct {
		avoid    string
		requires []string
		relay    bool
	}{
		{questionnaire.AvoidPhone, []string{questionnaire.ContactSMS}, false},
		{questionnaire.AvoidPhone, []string{questionnaire.ContactLetter}, false},
		{questionnaire.AvoidPhone, []string{questionnaire.ContactNone}, false},
		{questionnaire.AvoidPhone, []string{questionnaire.ContactBSLRelay}, true},
		{questionnaire.AvoidPhone, []string{questionnaire.ContactTextRelay}, true},
		{questionnaire.AvoidSMS, []string{questionnaire.ContactLetter}, false},
		{questionnaire.AvoidEmail, []string{questionnaire.ContactLetter}, false},
		{questionnaire.AvoidLetter, []string{questionnaire.ContactSMS}, false},
	} {
		a := deafAnswers(tc.avoid, tc.requires...)
		if tc.requires[0] == questionnaire.ContactBSLRelay {
			// A video relay call needs a smartphone online.
			a[questionnaire.LinkDevices], a[questionnaire.LinkInternet] = []string{questionnaire.DevSmartphone}, []string{questionnaire.NetMobile}
		}
		res, err := questionnaire.V2.Assess(a, questionnaire.National)
		if err != nil {
			t.Fatal(err)
		}
		for i := range res.Recommendation.Referrals {
			res.Recommendation.Referrals[i].Consent = questionnaire.Agreed
		}
		h := HandoutWith(Record{Answers: a, Result: res, Team: "Ward 7"},
			HandoutOptions{Team: "Ward 7", TeamPhone: "0113 496 0000"})
		flat := strings.Join(strings.Fields(h), " ")
		for _, s := range regexp.MustCompile(`[^.:]+[.:]`).FindAllString(flat, -1) {
			s = strings.TrimSpace(s)
			if !banned[tc.avoid].MatchString(s) || allowed.MatchString(s) {
				continue
			}
			if tc.relay && (strings.Contains(s, "relay") || strings.Contains(s, "no phone number")) {
				continue
			}
			t.Errorf("%s %v: handout sends the patient to a way they must not be contacted by: %q\n%s", tc.avoid, tc.requires, s, h)
		}
		if tc.avoid == questionnaire.AvoidPhone && !tc.relay && !regexp.MustCompile(`(?i)\b(by text message|by email|by letter|in person|in the NHS App)\b`).MatchString(h) {
			t.Errorf("%v: handout gives no way to reach us:\n%s", tc.requires, h)
		}
	}
	// The boundary: no "must not" answer, and the numbers stay, for a
	// patient who does not sign (one who signs with no relay cannot take
	// a call, and is given no number to call).
	a := deafAnswers(questionnaire.AvoidNone, questionnaire.ContactNone)
	a[questionnaire.LinkCommNeeds] = []string{questionnaire.NeedNone}
	res, err := questionnaire.V2.Assess(a, questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	h := HandoutWith(Record{Answers: a, Result: res, Team: "Ward 7"}, HandoutOptions{Team: "Ward 7", TeamPhone: "0113 496 0000"})
	if flat := strings.Join(strings.Fields(h), " "); !strings.Contains(flat, "If you have questions, call Ward 7 on 0113 496 0000") ||
		!strings.Contains(flat, "To do this, call Ward 7 on 0113 496 0000") {
		t.Errorf("a patient who may be phoned lost the team's number:\n%s", h)
	}
}

// TestHandoutFallbackSaysItGoesToTheCarer: the note said "Fallback: Letter
// to the carer" and the handout "we will use a letter in the post", as if
// to the patient. Where the fallback is addressed to the carer, the
// handout says so; where it is not, it does not.
func TestHandoutFallbackSaysItGoesToTheCarer(t *testing.T) {
	for _, toCarer := range []bool{true, false} {
		rec := questionnaire.Recommendation{Primary: questionnaire.RouteCarer, Fallback: questionnaire.RouteLetter, FallbackToCarer: toCarer}
		h := strings.Join(strings.Fields(HandoutWith(Record{Result: questionnaire.Result{Recommendation: rec}}, HandoutOptions{})), " ")
		if got := strings.Contains(h, "we will contact the person who looks after you by a letter in the post"); got != toCarer {
			t.Errorf("FallbackToCarer %v: handout says the letter goes to the carer %v:\n%s", toCarer, got, h)
		}
	}
}

// TestNoteSaysToTranslateTheHandout: a patient who needs written
// information in Tigrinya was given an English-only handout with nothing
// telling the clinician to have it translated. The note says so where
// written information must be translated, and not where an interpreter
// alone is needed.
func TestNoteSaysToTranslateTheHandout(t *testing.T) {
	for _, tc := range []struct {
		translated string
		want       bool
	}{{questionnaire.Yes, true}, {questionnaire.No, false}} {
		a := deafAnswers(questionnaire.AvoidNone, questionnaire.ContactNone)
		a[questionnaire.LinkCommNeeds] = []string{questionnaire.NeedInterpreter}
		a[questionnaire.LinkLanguageCode] = []string{questionnaire.LanguageOther}
		a[questionnaire.LinkLanguage] = []string{"Tigrinya"}
		a[questionnaire.LinkTranslated] = []string{tc.translated}
		res, err := questionnaire.V2.Assess(a, questionnaire.National)
		if err != nil {
			t.Fatal(err)
		}
		note := NoteWith(Record{Answers: a, Result: res}, NoteOptions{})
		const line = "Handout: printed in English only; have it translated into Tigrinya"
		if got := strings.Contains(note, line); got != tc.want {
			t.Errorf("written in own language %s: note says to translate the handout %v, want %v:\n%s", tc.translated, got, tc.want, note)
		}
	}
}
