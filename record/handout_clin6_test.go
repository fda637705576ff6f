package record_test

import (
	"regexp"
	"strings"
	"testing"

	"digicheck/questionnaire"
	"digicheck/record"
)

const (
	sampleAddress = "Ward 7, 1 Example Road, Leeds"
	sampleText    = "07700 900123" // Ofcom's range for drama: no real phone
)

// TestHandoutGivesTheTeamsAddressAndTextNumberWhereSet: a deaf patient
// with nobody to help, who must not be phoned, was told in every way to
// act to "write to us at the address on our letters": no letter had come
// yet, and the site had no address to give. With team_address and
// team_text set they are given, the text number only to a patient with a
// mobile who may be texted; a record of another team gets neither; and a
// visit is always offered, so the patient can act now.
func TestHandoutGivesTheTeamsAddressAndTextNumberWhereSet(t *testing.T) {
	for _, tc := range []struct {
		name           string
		a              questionnaire.Answers
		o              record.HandoutOptions
		address, texts bool
	}{
		{"both set", deaf(nil), record.HandoutOptions{Team: "Ward 7", TeamAddress: sampleAddress, TeamText: sampleText}, true, true},
		{"address only", deaf(nil), record.HandoutOptions{Team: "Ward 7", TeamAddress: sampleAddress}, true, false},
		{"text only", deaf(nil), record.HandoutOptions{Team: "Ward 7", TeamText: sampleText}, false, true},
		{"neither", deaf(nil), record.HandoutOptions{Team: "Ward 7"}, false, false},
		{"no texts, both set", deaf(questionnaire.Answers{questionnaire.LinkContactNeeds: {questionnaire.ContactLetter},
			questionnaire.LinkContactAvoid: {questionnaire.AvoidPhone, questionnaire.AvoidSMS}}),
			record.HandoutOptions{Team: "Ward 7", TeamAddress: sampleAddress, TeamText: sampleText}, true, false},
		{"no mobile, both set", deaf(questionnaire.Answers{questionnaire.LinkDevices: {questionnaire.DevComputer},
			questionnaire.LinkContactNeeds: {questionnaire.ContactLetter}}),
			record.HandoutOptions{Team: "Ward 7", TeamAddress: sampleAddress, TeamText: sampleText}, true, false},
		{"another team's record", deaf(nil), record.HandoutOptions{Team: "Ward 9", TeamPhone: "0113 496 0000",
			TeamAddress: "Ward 9, 2 Example Road, Leeds", TeamText: sampleText}, false, false},
	} {
		h := record.HandoutWith(agreedAll(t, tc.a), tc.o)
		flat := strings.Join(strings.Fields(h), " ")
		if strings.Contains(flat, "on our letters") {
			t.Errorf("%s: sends the patient to the address on our letters:\n%s", tc.name, h)
		}
		if got := strings.Contains(flat, "write to Ward 7 at "+sampleAddress+"."); got != tc.address {
			t.Errorf("%s: gives the address %v, want %v:\n%s", tc.name, got, tc.address, h)
		}
		if got := strings.Contains(flat, "send a text message to Ward 7 on "+sampleText+"."); got != tc.texts {
			t.Errorf("%s: gives the text number %v, want %v:\n%s", tc.name, got, tc.texts, h)
		}
		if strings.Contains(flat, "Ward 9") || (!tc.texts && strings.Contains(flat, sampleText)) {
			t.Errorf("%s: a way of another team's, or a number not to text, is given:\n%s", tc.name, h)
		}
		if !strings.Contains(flat, "at your next visit") {
			t.Errorf("%s: no way in person:\n%s", tc.name, h)
		}
		if (tc.address || tc.texts) && !strings.Contains(flat, "ask us in one of the ways below") {
			t.Errorf("%s: the help list does not point to the ways given:\n%s", tc.name, h)
		}
	}
}

// TestHandoutNamesTheTeamToChangeHowWeContactThem: "call your GP
// practice" to change how we contact them, though the team whose number
// is printed is who made the plan. Where the team's number is known it is
// named, as the patient calls (direct, through the relay, by their
// carer); at the boundary, with no number, the GP practice is still named.
func TestHandoutNamesTheTeamToChangeHowWeContactThem(t *testing.T) {
	// One who may be phoned, and who does not sign: a patient who signs
	// with no relay cannot take a call, and is given no number to call.
	may := deafWith(questionnaire.AvoidNone, questionnaire.ContactNone)
	may[questionnaire.LinkCommNeeds] = []string{questionnaire.NeedNone}
	relay := deafWith(questionnaire.AvoidPhone, questionnaire.ContactTextRelay)
	viaCarer := deafWith(questionnaire.AvoidNone, questionnaire.ContactCarer)
	for _, tc := range []struct {
		name  string
		a     questionnaire.Answers
		phone string
		want  string
	}{
		{"may be phoned", may, "0113 496 0000", "You can change how we contact you at any time. To do this, call Ward 7 on 0113 496 0000."},
		{"through a relay", relay, "0113 496 0000", "To do this, call Ward 7 on 18001 0113 496 0000 through the relay."},
		{"through the carer", viaCarer, "0113 496 0000", "The person who looks after you can tell us, or call Ward 7 on 0113 496 0000 for you."},
		{"may be phoned, no number", may, "", "To do this, call your GP practice."},
		{"deaf, nothing set", deafWith(questionnaire.AvoidPhone, questionnaire.ContactSMS), "0113 496 0000", "Tell Ward 7 at your next visit, or tell your GP practice in person."},
	} {
		h := record.HandoutWith(agreedAll(t, tc.a), record.HandoutOptions{Team: "Ward 7", TeamPhone: tc.phone})
		flat := strings.Join(strings.Fields(h), " ")
		_, change, _ := strings.Cut(flat, "How to change this")
		change, _, _ = strings.Cut(change, "Help you said yes to")
		if !strings.Contains(change, tc.want) {
			t.Errorf("%s: how to change it lacks %q:\n%s", tc.name, tc.want, h)
		}
		if tc.phone != "" && strings.Contains(change, "call your GP practice") {
			t.Errorf("%s: sends the patient to the GP practice, not the team whose number is known:\n%s", tc.name, h)
		}
	}
}

// TestReferralsForAPatientWhoCannotGetOnlineGiveNoWebsite: a patient with
// no device and no internet was told "Find one at
// goodthingsfoundation.org", "Ask at digitalunite.com", "on the local
// council website". Each referral gives them its phone number where the
// directory has one, else the list says we will help them get in touch;
// at the boundary, a patient who can get online still gets the way there.
func TestReferralsForAPatientWhoCannotGetOnlineGiveNoWebsite(t *testing.T) {
	web := regexp.MustCompile(`(?i)\.(org|com|uk)\b|website|How to get there`)
	offline := questionnaire.Answers{
		questionnaire.LinkDevices: {questionnaire.DevLandline}, questionnaire.LinkInternet: {questionnaire.NetNone},
		questionnaire.LinkAfford: {"never"}, questionnaire.LinkTasks: {questionnaire.TaskNone},
		questionnaire.LinkHelp: {questionnaire.HelpNobody}, questionnaire.LinkNHSApp: {questionnaire.AppNo},
		questionnaire.LinkTechAccess: {questionnaire.TechNone}, questionnaire.LinkWant: {questionnaire.Yes},
		questionnaire.LinkWorry: {"not"}, questionnaire.LinkBadExperience: {questionnaire.No},
		questionnaire.LinkCommNeeds: {questionnaire.NeedNone}, questionnaire.LinkReadingHelp: {questionnaire.ReadNever},
		questionnaire.LinkContactNeeds: {questionnaire.ContactNone}, questionnaire.LinkContactAvoid: {questionnaire.AvoidNone},
		questionnaire.LinkChoice: {questionnaire.ChoiceNone}, questionnaire.LinkRespondent: {questionnaire.RespondentPatient},
		questionnaire.LinkTelecare: {questionnaire.No},
		questionnaire.LinkAgeBand:  {"75+"}, questionnaire.LinkBenefits: {questionnaire.Yes},
	}
	online := questionnaire.Answers{}
	for k, v := range offline {
		online[k] = v
	}
	online[questionnaire.LinkDevices] = []string{questionnaire.DevSmartphone, questionnaire.DevLandline}
	online[questionnaire.LinkInternet] = []string{questionnaire.NetMobile}
	for _, tc := range []struct {
		name    string
		a       questionnaire.Answers
		website bool
	}{
		{"no device, no internet, nobody to help", offline, false},
		{"a smartphone with data", online, true},
	} {
		r := agreedAll(t, tc.a)
		if len(r.Recommendation.Referrals) == 0 {
			t.Fatalf("%s: no referrals to check", tc.name)
		}
		h := record.HandoutWith(r, record.HandoutOptions{Team: "Ward 7", TeamPhone: "0113 496 0000"})
		_, help, _ := strings.Cut(h, "Help you said yes to")
		help, _, _ = strings.Cut(help, "Who to call")
		if got := web.MatchString(help); got != tc.website {
			t.Errorf("%s: a website in the help %v, want %v:\n%s", tc.name, got, tc.website, h)
		}
		if !tc.website && !strings.Contains(strings.Join(strings.Fields(help), " "), "ask us and we will help you get in touch") {
			t.Errorf("%s: no way to reach a programme with no phone:\n%s", tc.name, h)
		}
	}
}

// TestCareAlarmWordsOnlyWhereThePatientMayHaveOne: a patient with a
// landline and no care alarm was given the switchover help as "If you have
// a care alarm, tell your phone company". The switchover help names no
// alarm; the care-alarm sentence is given where they said they have one,
// or are not sure.
func TestCareAlarmWordsOnlyWhereThePatientMayHaveOne(t *testing.T) {
	for _, tc := range []struct {
		telecare string
		want     string // "" for no care alarm words at all
	}{
		{questionnaire.Yes, "Tell your phone company that you have a care alarm."},
		{questionnaire.NotSure, "If you have a care alarm, tell your phone company."},
		{questionnaire.No, ""},
	} {
		a := deafWith(questionnaire.AvoidNone, questionnaire.ContactNone)
		a[questionnaire.LinkDevices] = []string{questionnaire.DevLandline}
		a[questionnaire.LinkTelecare] = []string{tc.telecare}
		r := agreedAll(t, a)
		if !r.Recommendation.HasReferral("digital-phone-switchover") {
			t.Fatalf("%s: no switchover help for a landline", tc.telecare)
		}
		flat := strings.Join(strings.Fields(record.HandoutWith(r, record.HandoutOptions{Team: "Ward 7"})), " ")
		if tc.want == "" && strings.Contains(flat, "care alarm") {
			t.Errorf("care alarm %s: the handout speaks of one:\n%s", tc.telecare, flat)
		}
		if tc.want != "" && !strings.Contains(flat, tc.want) {
			t.Errorf("care alarm %s: handout lacks %q:\n%s", tc.telecare, tc.want, flat)
		}
	}
}

// deafWith is the deaf patient of deaf() with the given "must not be
// contacted by" answer and contact requirements.
func deafWith(avoid string, requires ...string) questionnaire.Answers {
	return deaf(questionnaire.Answers{questionnaire.LinkContactAvoid: {avoid}, questionnaire.LinkContactNeeds: requires})
}
