package record

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"digicheck/questionnaire"
	"digicheck/readability"
)

// TestEveryHandoutSentenceIsEasyToRead holds each fixed sentence of the
// handout to the reading-ease target every patient-facing string meets
// (readability's MinEase: 70, a reading age of about 9). The proper names
// a patient must see as they are count as one short word each.
func TestEveryHandoutSentenceIsEasyToRead(t *testing.T) {
	const minEase = 70
	for i, s := range PatientSentences() {
		p := s
		for _, n := range []string{"NHS App", "NHS", "GP"} {
			p = strings.ReplaceAll(p, n, "Name")
		}
		if ease := readability.FleschReadingEase(p); ease < minEase {
			t.Errorf("handout sentence %d: reading ease %.0f < %d: %q", i, ease, minEase, s)
		}
	}
}

// PatientSentences is every fixed sentence the handout can contain, each
// held to the reading-ease target above.
func PatientSentences() []string {
	// The phone is a sample of the longest kind a site gives, an
	// international number. The team's name is the site's own, as a
	// programme's name is, so a short one stands for it.
	const phone, team = "+44 113 496 0000", "Ward 12"
	out := []string{handoutTitle + ".", headContact + ".", headChange + ".", headHelp + ".", headQuestions + ".",
		sayHowToGetThere, sayNoOtherWay, sayChange, sayAskForPhone, sayLargePrint, sayAskUs,
		fmt.Sprintf(sayCallThem, phone), fmt.Sprintf(sayCallTeam, team, phone), fmt.Sprintf(sayCallUs, phone),
		fmt.Sprintf(sayAskTeam, team), headQuestionsNoPhone + ".", sayChangeRelay,
		fmt.Sprintf(sayCallThemRelay, phone), fmt.Sprintf(sayCallTeamRelay, team, phone), fmt.Sprintf(sayCallUsRelay, phone),
		sayRelayPrefix, fmt.Sprintf(sayCallTeamRelay, team, relayPrefix+" "+phone),
		sayChangeCarer, fmt.Sprintf(sayCallThemCarer, phone), fmt.Sprintf(sayCallTeamCarer, team, phone), fmt.Sprintf(sayCallUsCarer, phone)}
	// An address of the usual kind, as a site gives it.
	const address = "Ward 12, 1 Example Road, Leeds"
	out = append(out, sayChangeAlone, sayChangeRelayAlone, fmt.Sprintf(sayChangeAtVisit, team),
		sayAskForHelpNoPhone, fmt.Sprintf(sayAskTeamNoPhone, team),
		sayAskUsNoPhone, sayContactInPerson, sayFallbackInPerson,
		sayAskForHelpWays, sayChangeIntro, sayChangeCarerTells, fmt.Sprintf(sayChangeByText, team, phone),
		fmt.Sprintf(sayChangeByPost, team, address), fmt.Sprintf(sayChangeAlsoVisit, team),
		fmt.Sprintf(sayAskByText, team, phone), fmt.Sprintf(sayAskByPost, team, address), fmt.Sprintf(sayAskAlsoVisit, team),
		fmt.Sprintf(sayChangeCallTeam, team, phone), fmt.Sprintf(sayChangeCallTeamAlone, team, phone),
		fmt.Sprintf(sayChangeRelayTeam, team, phone), fmt.Sprintf(sayChangeRelayTeamOnly, team, phone),
		fmt.Sprintf(sayChangeCarerTeam, team, phone))
	for _, r := range questionnaire.Routes {
		out = append(out, fmt.Sprintf(sayContactBy, routeForPatient(r)), fmt.Sprintf(sayFallback, routeForPatient(r)),
			fmt.Sprintf(sayContactBy, "a phone call through the relay"),
			fmt.Sprintf(sayFallbackCarer, routeForPatient(r)),
			fmt.Sprintf(sayChoiceNotPossible, routeForPatient(r)), fmt.Sprintf(sayChoiceNotPossibleCarer, routeForPatient(r)),
			fmt.Sprintf(sayChoiceAsWell, routeForPatient(r)), fmt.Sprintf(sayChoiceAsWellCarer, routeForPatient(r)))
	}
	for _, code := range []string{
		questionnaire.NeedLargePrint, questionnaire.NeedEasyRead, questionnaire.NeedVerbal, questionnaire.NeedBSL,
		questionnaire.NeedInterpreter, questionnaire.NeedTextRelay, questionnaire.NeedScreenRead, questionnaire.NeedCarer,
		"proxy-access", "reading-help",
		questionnaire.NeedLargePrint + "-20", questionnaire.NeedLargePrint + "-24", questionnaire.NeedLargePrint + "-28",
		questionnaire.NeedBSLInterpreter, "translated-information", questionnaire.ContactLetter, questionnaire.ContactSMS,
		questionnaire.ContactPhone, questionnaire.ContactEmail, questionnaire.ContactBSLRelay, questionnaire.ContactCarer,
		questionnaire.AvoidPhone, questionnaire.AvoidSMS, questionnaire.AvoidEmail, questionnaire.AvoidLetter,
		"check-understanding", "app-reassurance", "trust-check", "forms-help", "tech-access", "switchover", "telecare",
	} {
		out = append(out, adjustmentForResult(questionnaire.Adjustment{Code: code},
			questionnaire.Answers{questionnaire.LinkLanguage: {"Polish"}, questionnaire.LinkDevices: {questionnaire.DevSmartphone}}, nil))
	}
	out = append(out, adjustmentForResult(questionnaire.Adjustment{Code: questionnaire.AvoidPhone},
		questionnaire.Answers{questionnaire.LinkContactNeeds: {questionnaire.ContactBSLRelay}}, nil))
	for _, devices := range []string{questionnaire.DevBasicMob, questionnaire.DevShared} {
		out = append(out, adjustmentForResult(questionnaire.Adjustment{Code: "tech-access"},
			questionnaire.Answers{questionnaire.LinkDevices: {devices}}, nil))
	}
	out = append(out, adjustmentForResult(questionnaire.Adjustment{Code: "reading-help"},
		questionnaire.Answers{questionnaire.LinkContactAvoid: {questionnaire.AvoidPhone}}, nil))
	out = append(out, adjustmentForResult(questionnaire.Adjustment{Code: "reading-help"},
		questionnaire.Answers{questionnaire.LinkContactNeeds: {questionnaire.ContactCarer}}, nil))
	out = append(out, adjustmentForResult(questionnaire.Adjustment{Code: "telecare"},
		questionnaire.Answers{questionnaire.LinkTelecare: {questionnaire.NotSure}}, nil))
	out = append(out, adjustmentForResult(questionnaire.Adjustment{Code: "tech-access"},
		questionnaire.Answers{questionnaire.LinkDevices: {questionnaire.DevShared}}, nil))
	// A result that rules out the phone, a letter, email and the NHS App.
	none := &questionnaire.Recommendation{Primary: questionnaire.RouteInPerson, Fallback: questionnaire.RouteInPerson}
	out = append(out, sayScreenReaderTold, adjustmentForResult(questionnaire.Adjustment{Code: "reading-help"},
		questionnaire.Answers{questionnaire.LinkDevices: {questionnaire.DevSmartphone}}, none))
	// What a follow-up's handout says of each adjustment that stops, posted
	// and given by hand.
	out = append(out, headStopped+".", sayStoppedAfter, stoppedScreenReaderTold)
	for _, code := range slices.Sorted(maps.Keys(stoppedWords)) {
		if s := stoppedWords[code]; s != "" {
			out = append(out, s)
			for _, p := range notPostedStopped {
				if strings.Contains(s, p.posted) {
					out = append(out, strings.Replace(s, p.posted, p.given, 1))
				}
			}
		}
	}
	return out
}
