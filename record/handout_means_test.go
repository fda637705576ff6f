package record_test

import (
	"regexp"
	"strings"
	"testing"

	"digicheck/questionnaire"
	"digicheck/record"
)

// deaf is a deaf patient with a basic mobile who must not be phoned, with
// the changes given: nobody helps them online.
func deaf(change questionnaire.Answers) questionnaire.Answers {
	a := questionnaire.Answers{
		questionnaire.LinkDevices: {questionnaire.DevBasicMob}, questionnaire.LinkInternet: {questionnaire.NetNone},
		questionnaire.LinkAfford: {"never"}, questionnaire.LinkTasks: {questionnaire.TaskText},
		questionnaire.LinkHelp: {questionnaire.HelpNobody}, questionnaire.LinkNHSApp: {questionnaire.AppNo},
		questionnaire.LinkTechAccess: {questionnaire.TechHearing}, questionnaire.LinkWant: {questionnaire.Yes},
		questionnaire.LinkWorry: {"not"}, questionnaire.LinkBadExperience: {questionnaire.No},
		questionnaire.LinkCommNeeds: {questionnaire.NeedBSLInterpreter}, questionnaire.LinkReadingHelp: {questionnaire.ReadNever},
		questionnaire.LinkContactNeeds: {questionnaire.ContactSMS}, questionnaire.LinkContactAvoid: {questionnaire.AvoidPhone},
		questionnaire.LinkChoice: {questionnaire.ChoiceNone}, questionnaire.LinkRespondent: {questionnaire.RespondentPatient},
	}
	for k, v := range change {
		a[k] = v
	}
	return a
}

// TestHandoutNamesACarerOnlyWhereThereIsOne: "Tell the person who looks
// after you" was printed for a patient with no phone and nobody to help,
// and for a deaf patient with nobody to help. The handout names a carer
// only where a carer answered, does most things for the patient, or is
// the way to contact them; at the boundary, help now and then is not a
// carer.
func TestHandoutNamesACarerOnlyWhereThereIsOne(t *testing.T) {
	carer := regexp.MustCompile(`(?i)person who looks after you|your carer`)
	noPhone := questionnaire.Answers{questionnaire.LinkDevices: {questionnaire.DevShared}, questionnaire.LinkInternet: {questionnaire.NetPublic},
		questionnaire.LinkContactNeeds: {questionnaire.ContactNone}, questionnaire.LinkContactAvoid: {questionnaire.AvoidNone}}
	smartphone := questionnaire.Answers{questionnaire.LinkDevices: {questionnaire.DevSmartphone}, questionnaire.LinkInternet: {questionnaire.NetHome},
		questionnaire.LinkContactNeeds: {questionnaire.ContactNone}, questionnaire.LinkContactAvoid: {questionnaire.AvoidNone}}
	for _, tc := range []struct {
		name   string
		a      questionnaire.Answers
		change questionnaire.Answers
		named  bool
	}{
		{"deaf, nobody helps", deaf(nil), nil, false},
		{"deaf, helped now and then", deaf(nil), questionnaire.Answers{questionnaire.LinkHelp: {questionnaire.HelpSome}}, false},
		{"deaf, needs no help", deaf(nil), questionnaire.Answers{questionnaire.LinkHelp: {questionnaire.HelpNotNeeded}}, false},
		{"deaf, a carer does most things", deaf(nil), questionnaire.Answers{questionnaire.LinkHelp: {questionnaire.HelpCarer}}, true},
		{"deaf, a carer answered", deaf(nil), questionnaire.Answers{questionnaire.LinkRespondent: {questionnaire.RespondentCarer}}, true},
		{"no phone, nobody helps", deaf(noPhone), nil, false},
		{"no phone, a carer does most things", deaf(noPhone), questionnaire.Answers{questionnaire.LinkHelp: {questionnaire.HelpCarer}}, true},
		{"smartphone, nobody helps", deaf(smartphone), nil, false},
		{"smartphone, contact through the carer", deaf(smartphone), questionnaire.Answers{questionnaire.LinkContactNeeds: {questionnaire.ContactCarer}}, true},
	} {
		a := tc.a
		for k, v := range tc.change {
			a[k] = v
		}
		if got := record.HasCarer(a); got != tc.named {
			t.Errorf("%s: HasCarer %v, want %v", tc.name, got, tc.named)
		}
		h := record.HandoutWith(agreedAll(t, a), record.HandoutOptions{Team: "Ward 7", TeamPhone: "0113 496 0000"})
		flat := strings.Join(strings.Fields(h), " ")
		if got := carer.MatchString(flat); got != tc.named {
			t.Errorf("%s: handout names a carer %v, want %v:\n%s", tc.name, got, tc.named, h)
		}
	}
}

// TestHandoutGivesAWayToActOnEachInstruction: the handout of a deaf
// patient on texts said "tell your GP practice by text message" and "ask
// Ward 7 ... by text message" with no number to text; of a patient sent
// letters, "ask Ward 7 ... by letter" with no address; of an NHS App
// patient, "ask Ward 7 ... in the NHS App", though a team cannot usually
// be sent a message there. Then, found by a clinician re-test, "write to
// us at the address on our letters" before any letter had come, and with
// no address in the site's settings. With no team_address or team_text
// set, a patient who must not be phoned is told to ask in person, at their
// next visit, whether or not we write to them: never to text, email,
// message or write to us with no number or address given.
func TestHandoutGivesAWayToActOnEachInstruction(t *testing.T) {
	noMeans := regexp.MustCompile(`(?i)\b(tell|ask|write to)\b[^.]*\b(by text message|by email|in the NHS App|by letter|on our letters)\b`)
	app := questionnaire.Answers{questionnaire.LinkDevices: {questionnaire.DevSmartphone}, questionnaire.LinkInternet: {questionnaire.NetHome},
		questionnaire.LinkTasks:  {questionnaire.TaskText, questionnaire.TaskEmail, questionnaire.TaskApp, questionnaire.TaskLogin, questionnaire.TaskForm, questionnaire.TaskVideo},
		questionnaire.LinkNHSApp: {questionnaire.AppSelf}, questionnaire.LinkContactNeeds: {questionnaire.ContactNone},
		questionnaire.LinkChoice: {string(questionnaire.RouteApp)}}
	for _, tc := range []struct {
		name string
		a    questionnaire.Answers
	}{
		{"texts, letters the fallback", deaf(nil)},
		{"letters chosen", deaf(questionnaire.Answers{questionnaire.LinkContactNeeds: {questionnaire.ContactLetter},
			questionnaire.LinkChoice: {string(questionnaire.RouteLetter)}})},
		{"the NHS App, letters the fallback", deaf(app)},
		{"texts, no letters", deaf(questionnaire.Answers{questionnaire.LinkContactAvoid: {questionnaire.AvoidPhone, questionnaire.AvoidLetter}})},
	} {
		r := agreedAll(t, tc.a)
		for _, team := range []string{"Ward 7", ""} {
			h := record.HandoutWith(r, record.HandoutOptions{Team: team})
			flat := strings.Join(strings.Fields(h), " ")
			if m := noMeans.FindString(flat); m != "" {
				t.Errorf("%s, team %q: an instruction with no means to follow it: %q\n%s", tc.name, team, m, h)
			}
			if strings.Contains(flat, "write to") {
				t.Errorf("%s, team %q: told to write with no address given:\n%s", tc.name, team, h)
			}
			if strings.Count(flat, "at your next visit") < 2 {
				t.Errorf("%s, team %q: no way in person, to change how we contact them and to ask:\n%s", tc.name, team, h)
			}
		}
	}
}

// TestHandoutSaysEachRouteAsASentence: "If that does not work, we will use
// seeing you, at your next visit or at home." Each route, as the way we
// contact the patient and as the fallback (to them and to their carer),
// reads as English: no "use seeing you", no "contact you by seeing you".
func TestHandoutSaysEachRouteAsASentence(t *testing.T) {
	bad := regexp.MustCompile(`(?i)use seeing|by seeing|we will use|use talking`)
	for _, primary := range questionnaire.Routes {
		for _, fallback := range questionnaire.Routes {
			if fallback == primary {
				continue
			}
			for _, toCarer := range []bool{false, true} {
				rec := questionnaire.Recommendation{Primary: primary, Fallback: fallback, FallbackToCarer: toCarer}
				h := strings.Join(strings.Fields(record.HandoutWith(record.Record{Result: questionnaire.Result{Recommendation: rec}}, record.HandoutOptions{})), " ")
				if m := bad.FindString(h); m != "" {
					t.Errorf("%s then %s (to the carer %v): %q in\n%s", primary, fallback, toCarer, m, h)
				}
				if fallback == questionnaire.RouteInPerson && !strings.Contains(h, "If that does not work, we will see you in person, at your next visit or at home.") {
					t.Errorf("%s then in person: %s", primary, h)
				}
			}
		}
	}
}
