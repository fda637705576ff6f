package testkit

import (
	"reflect"
	"slices"
	"testing"

	"digicheck/questionnaire"
	"digicheck/record"
)

// Scripted is one of seven patients scripted through both front ends (the
// plain prompts and the full-screen UI) with instrument version 2: their
// answers, and the result written out beside them, worked out by hand from
// the instrument's rules and the national directory.
type Scripted struct {
	Name    string
	Answers questionnaire.Answers
	// Video says the service offers video consultations.
	Video bool

	Primary, Fallback questionnaire.Route
	Honoured          bool
	// FallbackToCarer is a fallback addressed to the carer, not the
	// patient.
	FallbackToCarer bool
	// VideoSuits is whether a video consultation suits (Video only).
	VideoSuits bool
	// Adjustments are the adjustments' codes, in order.
	Adjustments []string
	// Codes are the SNOMED CT codes of the coded needs, in order; a need
	// with no published code is not in it.
	Codes []string
	// Referrals are the programmes offered, in ranked order.
	Referrals []string
}

// ScriptedPatients are the seven patients.
var ScriptedPatients = []Scripted{
	{
		// 82, lives alone with a landline and a care alarm; poor sight;
		// wants letters in 24 point; reads NHS letters with help sometimes.
		Name: "landline only, care alarm, large print",
		// Letter, as chosen; phone as the fallback. 24 point print, a
		// check of understanding (reading help sometimes), one-to-one
		// help (nobody helps), the switchover and the care alarm.
		// Switchover help first: her care alarm on the landline is a
		// safety need. RNIB next: her sight is what makes technology hard
		// for her. She does not want to go online, so support and advice
		// come next, and nothing else: no device, data or lessons (the
		// Device Bank, a Digital Champion, the library), to offer only if
		// she changes her mind. No NHS App help nor AbilityNet ("help you
		// with your phone or computer"): she has no smartphone, tablet or
		// computer to use them on. No data help, as paying for credit is
		// never a problem (and a SIM needs a handset she has not asked
		// for).
		Primary: questionnaire.RouteLetter, Fallback: questionnaire.RoutePhone, Honoured: true,
		Adjustments: []string{"large-print-24", "check-understanding", "no-helper", "switchover", "telecare"},
		Codes:       []string{"1053561000000108", "957351000000102"},
		Referrals:   []string{"digital-phone-switchover", "rnib-sight-loss-advice", "digital-inclusion-network", "age-uk"},
		Answers: questionnaire.Answers{
			questionnaire.LinkDevices: {questionnaire.DevLandline}, questionnaire.LinkInternet: {questionnaire.NetNone},
			questionnaire.LinkAfford: {"never"}, questionnaire.LinkTelecare: {questionnaire.Yes},
			questionnaire.LinkTasks: {questionnaire.TaskNone}, questionnaire.LinkHelp: {questionnaire.HelpNobody},
			questionnaire.LinkNHSApp: {questionnaire.AppNo}, questionnaire.LinkTechAccess: {questionnaire.TechSight},
			questionnaire.LinkWant: {questionnaire.No}, questionnaire.LinkWorry: {"a-little"}, questionnaire.LinkBadExperience: {questionnaire.No},
			questionnaire.LinkCommNeeds: {questionnaire.NeedLargePrint}, questionnaire.LinkPrintSize: {"24"},
			questionnaire.LinkReadingHelp:  {questionnaire.ReadSometimes},
			questionnaire.LinkContactNeeds: {questionnaire.ContactNone}, questionnaire.LinkContactAvoid: {questionnaire.AvoidNone},
			questionnaire.LinkChoice: {string(questionnaire.RouteLetter)}, questionnaire.LinkRespondent: {questionnaire.RespondentPatient},
			questionnaire.LinkAgeBand: {"75+"}, questionnaire.LinkDisability: {questionnaire.Yes}, questionnaire.LinkBenefits: {questionnaire.Yes},
			questionnaire.LinkMainLanguage: {questionnaire.Yes}, questionnaire.LinkEthnicity: {"A"}, questionnaire.LinkPostcodeDistrict: {"LS6"},
		},
	},
	{
		// Deaf, uses British Sign Language; texts, never phone calls; uses
		// the NHS App already and would like it.
		Name: "BSL user, texts only, no calls",
		// Text messages, a contact requirement, over the App chosen
		// (offer both); never a call, so letters are the fallback.
		Primary: questionnaire.RouteSMS, Fallback: questionnaire.RouteLetter, Honoured: false,
		Adjustments: []string{"bsl-interpreter", "contact-sms", "not-phone", "forms-help", "tech-access"},
		Codes:       []string{"1053561000000108", "204331000000107", "936701000000103"},
		Referrals:   []string{"public-library", "learn-my-way", "digital-inclusion-network", "digital-unite", "nhs-app-help"},
		Answers: questionnaire.Answers{
			questionnaire.LinkDevices: {questionnaire.DevSmartphone}, questionnaire.LinkInternet: {questionnaire.NetHome, questionnaire.NetMobile},
			questionnaire.LinkAfford: {"never"},
			questionnaire.LinkTasks:  {questionnaire.TaskText, questionnaire.TaskEmail, questionnaire.TaskApp, questionnaire.TaskLogin},
			questionnaire.LinkHelp:   {questionnaire.HelpNotNeeded}, questionnaire.LinkNHSApp: {questionnaire.AppSelf},
			questionnaire.LinkTechAccess: {questionnaire.TechHearing},
			questionnaire.LinkWant:       {questionnaire.Yes}, questionnaire.LinkWorry: {"not"}, questionnaire.LinkBadExperience: {questionnaire.No},
			questionnaire.LinkCommNeeds: {questionnaire.NeedBSLInterpreter}, questionnaire.LinkReadingHelp: {questionnaire.ReadRarely},
			questionnaire.LinkContactNeeds: {questionnaire.ContactSMS}, questionnaire.LinkContactAvoid: {questionnaire.AvoidPhone},
			questionnaire.LinkChoice: {string(questionnaire.RouteApp)}, questionnaire.LinkRespondent: {questionnaire.RespondentInterpreter},
		},
	},
	{
		// Speaks Polish, through an interpreter; very worried about scams
		// after being put off, but chooses the NHS App.
		Name: "Polish speaker who chooses the NHS App despite worry",
		// The App, as chosen, against a significant trust barrier: with
		// reassurance, no links by text, online-safety help (Get Safe
		// Online, offered).
		Primary: questionnaire.RouteApp, Fallback: questionnaire.RoutePhone, Honoured: true,
		Adjustments: []string{"interpreter", "translated-information", "app-reassurance"},
		Codes:       []string{"1053561000000108", "203901000000102"},
		Referrals:   []string{"public-library", "get-safe-online"},
		Answers: questionnaire.Answers{
			questionnaire.LinkDevices: {questionnaire.DevSmartphone}, questionnaire.LinkInternet: {questionnaire.NetMobile},
			questionnaire.LinkAfford: {"sometimes"},
			questionnaire.LinkTasks:  {questionnaire.TaskText, questionnaire.TaskEmail, questionnaire.TaskApp, questionnaire.TaskLogin, questionnaire.TaskForm, questionnaire.TaskVideo},
			questionnaire.LinkHelp:   {questionnaire.HelpNotNeeded}, questionnaire.LinkNHSApp: {questionnaire.AppNo},
			questionnaire.LinkTechAccess: {questionnaire.TechNone},
			questionnaire.LinkWant:       {questionnaire.Yes}, questionnaire.LinkWorry: {"very"}, questionnaire.LinkBadExperience: {"put-off"},
			questionnaire.LinkCommNeeds: {questionnaire.NeedInterpreter}, questionnaire.LinkLanguageCode: {"pl"},
			questionnaire.LinkTranslated: {questionnaire.Yes}, questionnaire.LinkReadingHelp: {questionnaire.ReadNever},
			questionnaire.LinkContactNeeds: {questionnaire.ContactNone}, questionnaire.LinkContactAvoid: {questionnaire.AvoidNone},
			questionnaire.LinkChoice: {string(questionnaire.RouteApp)}, questionnaire.LinkRespondent: {questionnaire.RespondentInterpreter},
		},
	},
	{
		// Dementia; a daughter does most things and answers for him; easy
		// read; must be contacted through her.
		Name: "cared for, the carer answers",
		// Through the carer (a requirement), a letter to the carer as the
		// fallback, never a call or letter to him directly; proxy access only after the practice checks for
		// coercion. His daughter answered and memory makes technology
		// hard: every programme a person gives comes before Learn My
		// Way's self-directed online course (H49). A shared device is
		// not his own, so the NHS App route and NHS App help are not for
		// him (proxy access through his daughter is the adjustment), and
		// tech-access is worded for a shared device: what he can change
		// while he uses it, with its owner's agreement, never "the
		// settings on his device". His handout has his daughter make
		// every call.
		Primary: questionnaire.RouteCarer, Fallback: questionnaire.RouteLetter, FallbackToCarer: true,
		Adjustments: []string{"easy-read", "contact-carer", "proxy-access", "reading-help", "check-understanding", "tech-access"},
		Codes:       []string{"1053561000000108", "796161000000101", "719561001"},
		Referrals:   []string{"public-library", "digital-inclusion-network", "digital-unite", "learn-my-way"},
		Answers: questionnaire.Answers{
			questionnaire.LinkDevices: {questionnaire.DevShared}, questionnaire.LinkInternet: {questionnaire.NetHome},
			questionnaire.LinkAfford: {"never"},
			questionnaire.LinkTasks:  {questionnaire.TaskNone}, questionnaire.LinkHelp: {questionnaire.HelpCarer},
			questionnaire.LinkNHSApp: {questionnaire.AppNo}, questionnaire.LinkTechAccess: {questionnaire.TechMemory},
			questionnaire.LinkWant: {"with-help"}, questionnaire.LinkWorry: {"not"}, questionnaire.LinkBadExperience: {questionnaire.No},
			questionnaire.LinkCommNeeds: {questionnaire.NeedEasyRead}, questionnaire.LinkReadingHelp: {questionnaire.ReadAlways},
			questionnaire.LinkContactNeeds: {questionnaire.ContactCarer}, questionnaire.LinkContactAvoid: {questionnaire.AvoidNone},
			questionnaire.LinkChoice: {questionnaire.ChoiceNone}, questionnaire.LinkRespondent: {questionnaire.RespondentCarer},
		},
	},
	{
		// A smartphone but no data: runs out often; texts with help now and
		// then; not sure about doing health tasks online.
		Name: "smartphone, no way online, short of data",
		// Not online with a smartphone: a significant access barrier.
		// Texts need no data; a phone call is the fallback.
		Primary: questionnaire.RouteSMS, Fallback: questionnaire.RoutePhone,
		Adjustments: []string{"forms-help"},
		Codes:       []string{"1053561000000108"},
		// Data first: the smartphone is their own (hazard H51).
		Referrals: []string{"national-databank", "social-tariffs", "public-library", "national-device-bank",
			"digital-inclusion-network", "digital-unite", "nhs-app-help"},
		Answers: questionnaire.Answers{
			questionnaire.LinkDevices: {questionnaire.DevSmartphone}, questionnaire.LinkInternet: {questionnaire.NetNone},
			questionnaire.LinkAfford: {"often"},
			questionnaire.LinkTasks:  {questionnaire.TaskText}, questionnaire.LinkHelp: {questionnaire.HelpSome},
			questionnaire.LinkNHSApp: {questionnaire.AppNo}, questionnaire.LinkTechAccess: {questionnaire.TechNone},
			questionnaire.LinkWant: {questionnaire.WantNotSure}, questionnaire.LinkWorry: {"a-little"}, questionnaire.LinkBadExperience: {questionnaire.No},
			questionnaire.LinkCommNeeds: {questionnaire.NeedNone}, questionnaire.LinkReadingHelp: {questionnaire.ReadNever},
			questionnaire.LinkContactNeeds: {questionnaire.ContactNone}, questionnaire.LinkContactAvoid: {questionnaire.AvoidNone},
			questionnaire.LinkChoice: {questionnaire.ChoiceNone}, questionnaire.LinkRespondent: {questionnaire.RespondentPatient},
			questionnaire.LinkAgeBand: {"25-34"}, questionnaire.LinkDisability: {questionnaire.No}, questionnaire.LinkBenefits: {questionnaire.Yes},
			questionnaire.LinkMainLanguage: {questionnaire.Yes}, questionnaire.LinkEthnicity: {"N"}, questionnaire.LinkPostcodeDistrict: {"M14"},
		},
	},
	{
		// Learning disability: information must be told, and phone calls
		// make them too anxious; a basic mobile they do not use.
		Name: "told not written, no phone calls",
		// Told, not written, and no calls: in person, with no second
		// route (the note says why).
		Primary: questionnaire.RouteInPerson, Fallback: questionnaire.RouteInPerson,
		Adjustments: []string{"easy-read", "verbal", "not-phone", "reading-help", "tech-access", "no-helper"},
		Codes:       []string{"1053561000000108", "796161000000101", "367741000000102"},
		// They do not want to go online: support alone (the network's
		// centres); a Digital Champion's lessons and the library only if
		// they change their mind. No NHS App help: a basic mobile cannot
		// run it.
		Referrals: []string{"digital-inclusion-network"},
		Answers: questionnaire.Answers{
			questionnaire.LinkDevices: {questionnaire.DevBasicMob}, questionnaire.LinkInternet: {questionnaire.NetNone},
			questionnaire.LinkAfford: {"never"},
			questionnaire.LinkTasks:  {questionnaire.TaskNone}, questionnaire.LinkHelp: {questionnaire.HelpNobody},
			questionnaire.LinkNHSApp: {questionnaire.AppNo}, questionnaire.LinkTechAccess: {questionnaire.TechMemory},
			questionnaire.LinkWant: {questionnaire.No}, questionnaire.LinkWorry: {"not"}, questionnaire.LinkBadExperience: {questionnaire.No},
			questionnaire.LinkCommNeeds: {questionnaire.NeedEasyRead, questionnaire.NeedVerbal}, questionnaire.LinkReadingHelp: {questionnaire.ReadAlways},
			questionnaire.LinkContactNeeds: {questionnaire.ContactNone}, questionnaire.LinkContactAvoid: {questionnaire.AvoidPhone},
			questionnaire.LinkChoice: {questionnaire.ChoiceNone}, questionnaire.LinkRespondent: {questionnaire.RespondentPatient},
		},
	},
	{
		// Online every day; the service offers video consultations.
		Name: "fully online, video offered",
		// The App (used already); a video consultation suits.
		Primary: questionnaire.RouteApp, Fallback: questionnaire.RoutePhone, VideoSuits: true,
		Codes: []string{"1053561000000108"},
		Video: true,
		Answers: questionnaire.Answers{
			questionnaire.LinkDevices: {questionnaire.DevSmartphone, questionnaire.DevComputer}, questionnaire.LinkInternet: {questionnaire.NetHome},
			questionnaire.LinkAfford: {"never"},
			questionnaire.LinkTasks:  {questionnaire.TaskText, questionnaire.TaskEmail, questionnaire.TaskApp, questionnaire.TaskLogin, questionnaire.TaskForm, questionnaire.TaskVideo},
			questionnaire.LinkHelp:   {questionnaire.HelpNotNeeded}, questionnaire.LinkNHSApp: {questionnaire.AppSelf, questionnaire.AppProxy},
			questionnaire.LinkTechAccess: {questionnaire.TechNone},
			questionnaire.LinkWant:       {questionnaire.Yes}, questionnaire.LinkWorry: {"not"}, questionnaire.LinkBadExperience: {questionnaire.No},
			questionnaire.LinkCommNeeds: {questionnaire.NeedNone}, questionnaire.LinkReadingHelp: {questionnaire.ReadNever},
			questionnaire.LinkContactNeeds: {questionnaire.ContactNone}, questionnaire.LinkContactAvoid: {questionnaire.AvoidNone},
			questionnaire.LinkChoice: {questionnaire.ChoiceNone}, questionnaire.LinkRespondent: {questionnaire.RespondentPatient},
		},
	},
}

// Check compares a saved record with what is written out for the patient:
// the answers, the routes, the choice, the video check, the adjustments,
// the coded needs and the ranked referrals.
func (p Scripted) Check(tb testing.TB, r record.Record) {
	tb.Helper()
	if r.InstrumentVersion != questionnaire.V2.Version {
		tb.Errorf("%s: instrument version %q", p.Name, r.InstrumentVersion)
	}
	if !reflect.DeepEqual(r.Answers, p.Answers) {
		tb.Errorf("%s: answers\n got %v\nwant %v", p.Name, r.Answers, p.Answers)
	}
	rec := r.Recommendation
	if rec.FallbackToCarer != p.FallbackToCarer {
		tb.Errorf("%s: fallback to the carer %v (%s), want %v", p.Name, rec.FallbackToCarer, rec.FallbackReason, p.FallbackToCarer)
	}
	if rec.Primary != p.Primary || rec.Fallback != p.Fallback || rec.ChoiceHonoured != p.Honoured {
		tb.Errorf("%s: %s / %s, choice honoured %v (%s); want %s / %s, %v", p.Name, rec.Primary, rec.Fallback,
			rec.ChoiceHonoured, rec.PrimaryReason, p.Primary, p.Fallback, p.Honoured)
	}
	switch {
	case p.Video && (rec.Video == nil || rec.Video.Possible != p.VideoSuits):
		tb.Errorf("%s: video %+v, want suits %v", p.Name, rec.Video, p.VideoSuits)
	case !p.Video && rec.Video != nil:
		tb.Errorf("%s: video weighed where the service offers none: %+v", p.Name, rec.Video)
	}
	var adj, codes, refs []string
	for _, a := range rec.Adjustments {
		adj = append(adj, a.Code)
	}
	for _, n := range rec.Needs {
		if n.Code != "" {
			codes = append(codes, n.Code)
		}
	}
	for _, f := range append(slices.Clone(rec.Referrals), rec.Unshown...) {
		refs = append(refs, f.ProgrammeID)
	}
	for _, c := range []struct {
		what      string
		got, want []string
	}{{"adjustments", adj, p.Adjustments}, {"codes", codes, p.Codes}, {"referrals", refs, p.Referrals}} {
		if !slices.Equal(c.got, c.want) {
			tb.Errorf("%s: %s\n got %v\nwant %v", p.Name, c.what, c.got, c.want)
		}
	}
}
