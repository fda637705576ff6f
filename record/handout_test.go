package record

import (
	"flag"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
)

var update = flag.Bool("update", false, "rewrite golden files")

// The phone numbers in these tests are from the ranges Ofcom keeps for
// drama (0113 496 0xxx), so that none is anyone's real number.
const testTeamPhone, testLibraryPhone = "0113 496 0123", "0113 496 0456"

// withLocalLibrary is the national directory with the library replaced by a
// site's entry that has a phone number, as a programmes file can do.
func withLocalLibrary() questionnaire.Directory {
	d := questionnaire.Directory{Programmes: slices.Clone(questionnaire.National.Programmes)}
	for i := range d.Programmes {
		if d.Programmes[i].ID == "public-library" {
			d.Programmes[i].Name = "Leeds Central Library"
			d.Programmes[i].Phone = testLibraryPhone
		}
	}
	return d
}

// handoutPatients are three contrasting patients for the handout goldens,
// each with what the site knows: a team with a phone and a local entry
// with a phone, nothing at all, and a team with a phone in large print.
var handoutPatients = []struct {
	name    string
	answers questionnaire.Answers
	decline []string // referrals the patient declined; the rest are agreed
	opts    HandoutOptions
}{
	{
		name: "no-internet",
		answers: questionnaire.Answers{
			questionnaire.LinkDevices: {questionnaire.DevLandline}, questionnaire.LinkInternet: {questionnaire.NetNone},
			questionnaire.LinkAfford: {"never"}, questionnaire.LinkTasks: {questionnaire.TaskNone},
			questionnaire.LinkHelp: {questionnaire.HelpNone}, questionnaire.LinkWant: {"with-help"},
			questionnaire.LinkWorry: {"a-little"}, questionnaire.LinkBadExperience: {questionnaire.No},
			questionnaire.LinkCommNeeds: {questionnaire.NeedNone}, questionnaire.LinkReadingHelp: {questionnaire.ReadSometimes},
			questionnaire.LinkChoice:  {string(questionnaire.RoutePhone)},
			questionnaire.LinkAgeBand: {"75+"}, questionnaire.LinkBenefits: {questionnaire.Yes},
		},
		decline: []string{"social-tariffs"},
		opts:    HandoutOptions{Team: "Community nursing (north)", TeamPhone: testTeamPhone, Directory: withLocalLibrary()},
	},
	{
		name: "confident-app-user",
		answers: questionnaire.Answers{
			questionnaire.LinkDevices: {questionnaire.DevSmartphone, questionnaire.DevComputer}, questionnaire.LinkInternet: {questionnaire.NetHome, questionnaire.NetMobile},
			questionnaire.LinkAfford: {"never"},
			questionnaire.LinkTasks:  {questionnaire.TaskText, questionnaire.TaskEmail, questionnaire.TaskApp, questionnaire.TaskLogin, questionnaire.TaskForm, questionnaire.TaskVideo},
			questionnaire.LinkHelp:   {questionnaire.HelpNone}, questionnaire.LinkWant: {questionnaire.Yes},
			questionnaire.LinkWorry: {"not"}, questionnaire.LinkBadExperience: {questionnaire.No},
			questionnaire.LinkCommNeeds: {questionnaire.NeedNone}, questionnaire.LinkReadingHelp: {questionnaire.ReadNever},
			questionnaire.LinkChoice: {string(questionnaire.RouteApp)},
		},
	},
	{
		name: "interpreter-large-print",
		answers: questionnaire.Answers{
			questionnaire.LinkDevices: {questionnaire.DevSmartphone}, questionnaire.LinkInternet: {questionnaire.NetMobile},
			questionnaire.LinkAfford: {"sometimes"}, questionnaire.LinkTasks: {questionnaire.TaskText, questionnaire.TaskApp},
			questionnaire.LinkHelp: {questionnaire.HelpSome}, questionnaire.LinkWant: {"with-help"},
			questionnaire.LinkWorry: {"a-little"}, questionnaire.LinkBadExperience: {questionnaire.No},
			questionnaire.LinkCommNeeds: {questionnaire.NeedLargePrint, questionnaire.NeedInterpreter}, questionnaire.LinkLanguage: {"Polish"},
			questionnaire.LinkReadingHelp: {questionnaire.ReadOften},
			questionnaire.LinkChoice:      {string(questionnaire.RouteSMS)},
			questionnaire.LinkAgeBand:     {"35-44"}, questionnaire.LinkBenefits: {questionnaire.Yes},
		},
		decline: []string{"national-device-bank"},
		opts:    HandoutOptions{LargePrint: true, Team: "Ward 12", TeamPhone: testTeamPhone, Directory: withLocalLibrary()},
	},
}

func handoutRecord(t *testing.T, i int) Record {
	t.Helper()
	p := handoutPatients[i]
	dir := p.opts.Directory
	if len(dir.Programmes) == 0 {
		dir = questionnaire.National
	}
	res, err := questionnaire.V1.Assess(p.answers, dir)
	if err != nil {
		t.Fatalf("%s: %v", p.name, err)
	}
	for j := range res.Recommendation.Referrals {
		f := &res.Recommendation.Referrals[j]
		f.Consent = questionnaire.Agreed
		for _, d := range p.decline {
			if f.ProgrammeID == d {
				f.Consent = questionnaire.Declined
			}
		}
	}
	return Record{
		ID: MustParseID("0196f0c0-0000-7000-8000-000000000001"), Patient: PatientID{Kind: NHSNumber, Value: "9434765919"},
		Clinician: "A Nurse", Time: time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC), Status: Completed,
		Answers: p.answers, Result: res,
	}
}

func TestHandoutGoldens(t *testing.T) {
	for i, p := range handoutPatients {
		r := handoutRecord(t, i)
		if large := r.Answers.Has(questionnaire.LinkCommNeeds, questionnaire.NeedLargePrint); large != p.opts.LargePrint {
			t.Fatalf("%s: large print %v in the options, %v in the answers", p.name, p.opts.LargePrint, large)
		}
		got := HandoutWith(r, p.opts)
		path := filepath.Join("testdata", "handout-"+p.name+".golden")
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./record -update)", err)
		}
		if got != string(want) {
			t.Errorf("%s handout differs from %s:\n%s", p.name, path, got)
		}
	}
}

func TestHandoutListsOnlyAgreedReferrals(t *testing.T) {
	r := handoutRecord(t, 0)
	h := HandoutWith(r, HandoutOptions{LargePrint: false})
	for _, f := range r.Recommendation.Referrals {
		if in := strings.Contains(h, f.Name); in != (f.Consent == questionnaire.Agreed) {
			t.Errorf("%s (%s) in handout = %v", f.ProgrammeID, f.Consent, in)
		}
	}
}

func TestLargePrintHandoutHasShortLines(t *testing.T) {
	h := HandoutWith(handoutRecord(t, 2), HandoutOptions{LargePrint: true})
	for _, line := range strings.Split(h, "\n") {
		if len(line) > 36 {
			t.Errorf("large-print line over 36 characters: %q", line)
		}
	}
	flat := strings.Join(strings.Fields(h), " ")
	if !strings.Contains(flat, "interpreter who speaks Polish") || !strings.Contains(flat, "in large print") {
		t.Errorf("adjustments missing from handout:\n%s", h)
	}
}

func TestHandoutIsASCII(t *testing.T) {
	for i, p := range handoutPatients {
		for _, large := range []bool{false, true} {
			o := p.opts
			o.LargePrint = large
			for _, c := range HandoutWith(handoutRecord(t, i), o) {
				if c > 126 || (c < 32 && c != '\n') {
					t.Fatalf("%q in handout %d: only printable ASCII and newlines belong in it", c, i)
				}
			}
		}
	}
}

// flat is the handout's words on one line, so a test can look for a
// sentence whatever the line breaks.
func flat(h string) string { return strings.Join(strings.Fields(h), " ") }

func TestHandoutNamesTheTeamAndItsPhone(t *testing.T) {
	r := handoutRecord(t, 1)
	r.Team = "Ward 7"
	for _, tc := range []struct {
		o    HandoutOptions
		want string
	}{
		{HandoutOptions{Team: "Ward 7", TeamPhone: testTeamPhone}, "If you have questions, call Ward 7 on 0113 496 0123."},
		{HandoutOptions{Team: "ward 7", TeamPhone: testTeamPhone}, "If you have questions, call Ward 7 on 0113 496 0123."},
		{HandoutOptions{TeamPhone: testTeamPhone}, "If you have questions, call Ward 7 on 0113 496 0123."},
		{HandoutOptions{Team: "Ward 7"}, "If you have questions, ask Ward 7 or your GP practice."},
		// The record is another team's: the site's number is not theirs.
		{HandoutOptions{Team: "Ward 12", TeamPhone: testTeamPhone}, "If you have questions, ask Ward 7 or your GP practice."},
	} {
		if h := flat(HandoutWith(r, tc.o)); !strings.Contains(h, tc.want) {
			t.Errorf("%+v: handout lacks %q:\n%s", tc.o, tc.want, h)
		}
	}
	r.Team = ""
	if h := flat(HandoutWith(r, HandoutOptions{Team: "Ward 12", TeamPhone: testTeamPhone})); !strings.Contains(h, "If you have questions, call Ward 12 on 0113 496 0123.") {
		t.Errorf("record with no team: handout lacks the site's team and phone:\n%s", h)
	}
	if h := flat(HandoutWith(r, HandoutOptions{TeamPhone: testTeamPhone})); !strings.Contains(h, "If you have questions, call us on 0113 496 0123.") {
		t.Errorf("no team: handout lacks the phone:\n%s", h)
	}
	if h := flat(HandoutWith(r, HandoutOptions{})); !strings.Contains(h, "ask the team who gave you this or your GP practice.") {
		t.Errorf("no team, no phone: handout does not say who to ask:\n%s", h)
	}
}

// A referral gives the programme's own phone number first, where the
// directory has one; where any has none, the handout says once to ask the
// team, so no offline patient is left with a website alone.
func TestEachReferralGivesAPhoneOrSaysToAskUs(t *testing.T) {
	p := handoutPatients[0]
	h := flat(HandoutWith(handoutRecord(t, 0), p.opts))
	// This patient cannot get online: the phone, and no website.
	if !strings.Contains(h, "Leeds Central Library. Your library has free computers and free wifi, and staff who can help you. You can call them on 0113 496 0456.") ||
		strings.Contains(h, "How to get there:") {
		t.Errorf("the library's phone is not given, or a way there online is:\n%s", h)
	}
	if strings.Count(h, "You can call them on") != 1 || strings.Count(h, sayAskForPhone) != 1 {
		t.Errorf("want the library's phone, and once the way to get the others':\n%s", h)
	}
	// With a phone for every agreed referral, there is nothing to ask.
	only := handoutRecord(t, 0)
	var refs []questionnaire.Referral
	for _, f := range only.Recommendation.Referrals {
		if f.ProgrammeID == "public-library" {
			refs = append(refs, f)
		}
	}
	only.Recommendation.Referrals = refs
	if h := HandoutWith(only, p.opts); strings.Contains(h, "no phone number") {
		t.Errorf("every referral has a phone, yet the handout says to ask for one:\n%s", h)
	}
}

func TestPhoneNumbersAreNeverSplitAcrossLines(t *testing.T) {
	for i, p := range handoutPatients {
		for _, large := range []bool{false, true} {
			o := p.opts
			o.LargePrint = large
			o.TeamPhone = "+44 113 496 0123"
			h := HandoutWith(handoutRecord(t, i), o)
			for _, phone := range []string{o.TeamPhone, testLibraryPhone} {
				if strings.Contains(flat(h), phone) != strings.Contains(h, phone) {
					t.Errorf("%s (large print %v): %q is split across lines:\n%s", p.name, large, phone, h)
				}
			}
		}
	}
}

// The large-print instruction is in the handout itself, so it reaches the
// printer however the handout leaves digicheck: saved, copied or piped.
func TestLargePrintHandoutSaysHowToPrintIt(t *testing.T) {
	r := handoutRecord(t, 2)
	if h := HandoutWith(r, HandoutOptions{LargePrint: true}); !strings.Contains(flat(h), "please print this at 20 point or bigger") {
		t.Errorf("large-print handout lacks the print size:\n%s", h)
	}
	if h := HandoutWith(r, HandoutOptions{}); strings.Contains(h, "20 point") {
		t.Errorf("standard handout asks for large print:\n%s", h)
	}
}

func TestHandoutIsHandoutWithNationalDirectory(t *testing.T) {
	r := handoutRecord(t, 1)
	if HandoutWith(r, HandoutOptions{LargePrint: true}) != HandoutWith(r, HandoutOptions{LargePrint: true, Directory: questionnaire.National}) {
		t.Error("Handout differs from HandoutWith with the same options")
	}
}

// Text from the record and from site files reaches the handout, which may
// be shown in a terminal or copied: a control character in it is printed
// as an escape, never sent.
func TestHandoutNeutralisesControlCharacters(t *testing.T) {
	r := handoutRecord(t, 2)
	r.Team = "Ward\x1b]52;c;aGk=\x07 7"
	r.Answers = maps.Clone(r.Answers)
	r.Answers[questionnaire.LinkLanguage] = []string{"Polish\x1b[2J"}
	r.Recommendation.Referrals[0].Name = "Help\u202edesk"
	h := HandoutWith(r, HandoutOptions{LargePrint: true})
	if strings.ContainsAny(h, "\x1b\x07\u202e") {
		t.Fatalf("control character reached the handout:\n%q", h)
	}
	for _, want := range []string{`Ward\x1b]52;c;aGk=\x07 7`, `Polish\x1b[2J`, `Help\u202edesk`} {
		if !strings.Contains(flat(h), want) {
			t.Errorf("handout lacks %s, shown as an escape:\n%s", want, h)
		}
	}
}

// TestAVersion2HandoutSaysTheNeedsInThePatientsWords: a version 2 record's
// coded language, print size, contact requirements and ways ruled out are
// in the handout as the patient reads them.
func TestAVersion2HandoutSaysTheNeedsInThePatientsWords(t *testing.T) {
	r := assessedV2(t, questionnaire.Answers{
		questionnaire.LinkCommNeeds: {questionnaire.NeedLargePrint, questionnaire.NeedInterpreter},
		questionnaire.LinkPrintSize: {"28"}, questionnaire.LinkLanguageCode: {"ur"}, questionnaire.LinkTranslated: {questionnaire.Yes},
		questionnaire.LinkContactAvoid: {questionnaire.AvoidPhone}, questionnaire.LinkContactNeeds: {questionnaire.ContactLetter},
		// A phone call cannot be the choice of a patient who must not be phoned.
		questionnaire.LinkChoice: {string(questionnaire.RouteLetter)},
	})
	h := strings.Join(strings.Fields(HandoutWith(r, HandoutOptions{LargePrint: true})), " ")
	for _, want := range []string{
		"print this at 28 point or bigger", "large print, 28 point or bigger", "an interpreter who speaks Urdu",
		"letters in Urdu", "We will not phone you.", "We will contact you by a letter in the post.",
	} {
		if !strings.Contains(h, want) {
			t.Errorf("the handout does not say %q:\n%s", want, h)
		}
	}
}

// TestACarersHandoutKeepsTheSafeguardingCheckAndSaysThingsOnce: the
// handout of a patient contacted through their carer says that the GP talks
// to them alone before the carer gets NHS App proxy access (NHS England's
// guidance), and says the carer route once, not again as a requirement. A
// Deaf patient called through a video relay is not told "we will not phone
// you" beside "we will call you through a relay".
func TestACarersHandoutKeepsTheSafeguardingCheckAndSaysThingsOnce(t *testing.T) {
	r := assessedV2(t, questionnaire.Answers{
		questionnaire.LinkContactNeeds: {questionnaire.ContactCarer},
		questionnaire.LinkChoice:       {string(questionnaire.RouteCarer)},
		questionnaire.LinkCommNeeds:    {questionnaire.NeedNone},
		questionnaire.LinkPrintSize:    nil,
	})
	h := strings.Join(strings.Fields(HandoutWith(r, HandoutOptions{})), " ")
	if !strings.Contains(h, "Your GP will first talk to you on your own, to check that this is what you want.") {
		t.Errorf("the handout drops the check before proxy access:\n%s", h)
	}
	if !strings.Contains(h, "We will contact you by talking to your carer.") || strings.Contains(h, "We will talk to your carer for you.") {
		t.Errorf("the carer route is not said exactly once:\n%s", h)
	}

	r = assessedV2(t, questionnaire.Answers{
		questionnaire.LinkCommNeeds:    {questionnaire.NeedBSLInterpreter},
		questionnaire.LinkContactNeeds: {questionnaire.ContactBSLRelay},
		questionnaire.LinkContactAvoid: {questionnaire.AvoidPhone},
		questionnaire.LinkChoice:       {questionnaire.ChoiceNone},
		questionnaire.LinkPrintSize:    nil,
		questionnaire.LinkInternet:     {questionnaire.NetHome}, // a video relay call needs a device online
	})
	h = strings.Join(strings.Fields(HandoutWith(r, HandoutOptions{})), " ")
	if strings.Contains(h, "We will not phone you.") || !strings.Contains(h, "We will not call you by voice, only through the relay.") ||
		!strings.Contains(h, "We will call you through a sign language video relay.") {
		t.Errorf("a relay patient's handout contradicts itself:\n%s", h)
	}
}
