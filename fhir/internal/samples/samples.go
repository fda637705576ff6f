// Package samples builds a fixed set of assessment records for checking the
// FHIR export: made with the real instrument and assessment (not written by
// hand), so they are records the program could have saved, and fixed (ids,
// times, answers) so that what they export to is the same on every run.
// The Go tests and the fhirsample program that feeds the independent
// validator use the same set.
package samples

import (
	"fmt"
	"time"

	"digicheck/fhir"
	"digicheck/questionnaire"
	"digicheck/record"
)

// Key is the pseudonym key of the samples. It is not a real site's key.
var Key = []byte("digicheck sample key, not a site key")

// Site is the FHIR settings of the samples: a trust's own canonical base,
// local number system and ODS code (example.nhs.uk names no trust; RX1 is
// only an ODS code's shape).
var Site = fhir.Site{
	Base:        "https://fhir.example-trust.nhs.uk/digicheck",
	LocalSystem: "https://fhir.example-trust.nhs.uk/Id/local-number",
	ODSCode:     "RX1",
}

// Sample is one record with what the export is told about it.
type Sample struct {
	Name   string
	Record record.Record
	// Identifiable asks for the NHS number or local number rather than a
	// pseudonym, so both kinds of subject are exported.
	Identifiable bool
}

// All returns the samples: every record status, both kinds of patient
// identifier, identifiable and not, a text answer, a question shown by an
// earlier answer, the optional section answered, partly answered and
// skipped, and a synthetic record.
func All() ([]Sample, error) {
	specs := []spec{
		{
			name: "confident app user", id: "01957a3c-0000-7000-8000-000000000001",
			patient: nhs("9990000018"), status: record.Completed,
			answers: Included(nil),
		},
		{
			name: "interpreter, large print, equity answered", id: "01957a3c-0000-7000-8000-000000000002",
			patient: nhs("9990000026"), status: record.Completed, identifiable: true,
			answers: Included(questionnaire.Answers{
				questionnaire.LinkCommNeeds:        {questionnaire.NeedInterpreter, questionnaire.NeedLargePrint},
				questionnaire.LinkLanguage:         {"Polish"},
				questionnaire.LinkAgeBand:          {"65-74"},
				questionnaire.LinkDisability:       {questionnaire.Yes},
				questionnaire.LinkBenefits:         {questionnaire.PreferNotSay},
				questionnaire.LinkMainLanguage:     {questionnaire.No},
				questionnaire.LinkEthnicity:        {"C"},
				questionnaire.LinkPostcodeDistrict: {"LS6"},
			}),
		},
		{
			name: "no internet, basic mobile", id: "01957a3c-0000-7000-8000-000000000003",
			patient: local("RX1-004512"), status: record.Completed, identifiable: true,
			answers: Included(questionnaire.Answers{
				questionnaire.LinkDevices:  {questionnaire.DevBasicMob, questionnaire.DevLandline},
				questionnaire.LinkInternet: {questionnaire.NetNone},
				questionnaire.LinkTasks:    {questionnaire.TaskText},
				questionnaire.LinkHelp:     {questionnaire.HelpCarer},
				questionnaire.LinkWant:     {questionnaire.No},
				questionnaire.LinkChoice:   {string(questionnaire.RoutePhone)},
				questionnaire.LinkAgeBand:  {"75+"},
			}),
		},
		{
			name: "amendment of the no-internet record", id: "01957a3c-0000-7000-8000-000000000004",
			patient: local("RX1-004512"), status: record.Amended, amends: "01957a3c-0000-7000-8000-000000000003",
			answers: Included(questionnaire.Answers{
				questionnaire.LinkDevices:     {questionnaire.DevBasicMob},
				questionnaire.LinkInternet:    {questionnaire.NetNone},
				questionnaire.LinkTasks:       {questionnaire.TaskNone},
				questionnaire.LinkHelp:        {questionnaire.HelpCarer},
				questionnaire.LinkWant:        {questionnaire.No},
				questionnaire.LinkReadingHelp: {questionnaire.ReadAlways},
				questionnaire.LinkCommNeeds:   {questionnaire.NeedCarer, questionnaire.NeedVerbal},
				questionnaire.LinkChoice:      {string(questionnaire.RouteCarer)},
			}),
		},
		{
			name: "entered in error", id: "01957a3c-0000-7000-8000-000000000005",
			patient: nhs("9990000034"), status: record.EnteredInError, identifiable: true,
			answers: Included(questionnaire.Answers{
				questionnaire.LinkWorry:         {"very"},
				questionnaire.LinkBadExperience: {"put-off"},
				questionnaire.LinkAfford:        {"often"},
			}),
		},
		{
			name: "synthetic, shared device and public wifi", id: "01957a3c-0000-7000-8000-000000000006",
			patient: nhs("9990000042"), status: record.Completed, synthetic: true,
			answers: Included(questionnaire.Answers{
				questionnaire.LinkDevices:   {questionnaire.DevShared},
				questionnaire.LinkInternet:  {questionnaire.NetPublic, questionnaire.NetMobile},
				questionnaire.LinkWant:      {"with-help"},
				questionnaire.LinkChoice:    {string(questionnaire.RouteSMS)},
				questionnaire.LinkEthnicity: {"Z"},
			}),
		},
	}
	return build(questionnaire.V1, time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC), specs)
}

// spec is one sample, before it is assessed.
type spec struct {
	name         string
	id           string
	patient      record.PatientID
	status       record.Status
	amends       string
	identifiable bool
	synthetic    bool
	answers      questionnaire.Answers
}

// Version2 returns samples made with instrument version 2, which new
// assessments ask: coded needs and contact requirements (Flags with their
// SNOMED CT codes), a must-not contact, an interpreter's coded language, a
// carer answering with proxy access, a landline with a care alarm, in
// person as the route, an amendment and a synthetic record.
func Version2() ([]Sample, error) {
	specs := []spec{
		{
			name: "v2: uses the NHS App already", id: "01957a3c-0000-7000-8000-000000000201",
			patient: nhs("9990000050"), status: record.Completed,
			answers: IncludedV2(questionnaire.Answers{questionnaire.LinkNHSApp: {questionnaire.AppSelf}}),
		},
		{
			name: "v2: Polish interpreter, 24 point print, translated letters", id: "01957a3c-0000-7000-8000-000000000202",
			patient: nhs("9990000069"), status: record.Completed, identifiable: true,
			answers: IncludedV2(questionnaire.Answers{
				questionnaire.LinkCommNeeds:    {questionnaire.NeedInterpreter, questionnaire.NeedLargePrint},
				questionnaire.LinkPrintSize:    {"24"},
				questionnaire.LinkLanguageCode: {"pl"},
				questionnaire.LinkTranslated:   {questionnaire.Yes},
				questionnaire.LinkRespondent:   {questionnaire.RespondentInterpreter},
				questionnaire.LinkAgeBand:      {"65-74"},
				questionnaire.LinkMainLanguage: {questionnaire.No},
			}),
		},
		{
			name: "v2: landline, care alarm, reading help always, not by phone", id: "01957a3c-0000-7000-8000-000000000203",
			patient: local("RX1-004513"), status: record.Completed, identifiable: true,
			answers: IncludedV2(questionnaire.Answers{
				questionnaire.LinkDevices:      {questionnaire.DevLandline},
				questionnaire.LinkInternet:     {questionnaire.NetNone},
				questionnaire.LinkTelecare:     {questionnaire.Yes},
				questionnaire.LinkTasks:        {questionnaire.TaskNone},
				questionnaire.LinkHelp:         {questionnaire.HelpNobody},
				questionnaire.LinkWant:         {questionnaire.No},
				questionnaire.LinkReadingHelp:  {questionnaire.ReadAlways},
				questionnaire.LinkContactAvoid: {questionnaire.AvoidPhone},
				questionnaire.LinkAgeBand:      {"75+"},
			}),
		},
		{
			name: "v2: a carer answers, contact through the carer", id: "01957a3c-0000-7000-8000-000000000204",
			patient: nhs("9990000077"), status: record.Completed,
			answers: IncludedV2(questionnaire.Answers{
				questionnaire.LinkDevices:      {questionnaire.DevShared},
				questionnaire.LinkInternet:     {questionnaire.NetHome},
				questionnaire.LinkTasks:        {questionnaire.TaskNone},
				questionnaire.LinkHelp:         {questionnaire.HelpCarer},
				questionnaire.LinkTechAccess:   {questionnaire.TechMemory},
				questionnaire.LinkWant:         {"with-help"},
				questionnaire.LinkCommNeeds:    {questionnaire.NeedEasyRead},
				questionnaire.LinkReadingHelp:  {questionnaire.ReadAlways},
				questionnaire.LinkContactNeeds: {questionnaire.ContactCarer},
				questionnaire.LinkRespondent:   {questionnaire.RespondentCarer},
			}),
		},
		{
			name: "v2: amendment, BSL and texts only", id: "01957a3c-0000-7000-8000-000000000205",
			patient: nhs("9990000077"), status: record.Amended, amends: "01957a3c-0000-7000-8000-000000000204",
			answers: IncludedV2(questionnaire.Answers{
				questionnaire.LinkTechAccess:   {questionnaire.TechHearing},
				questionnaire.LinkCommNeeds:    {questionnaire.NeedBSLInterpreter},
				questionnaire.LinkContactNeeds: {questionnaire.ContactSMS},
				questionnaire.LinkContactAvoid: {questionnaire.AvoidPhone},
				questionnaire.LinkRespondent:   {questionnaire.RespondentInterpreter},
			}),
		},
		{
			name: "v2: synthetic, smartphone with no way online", id: "01957a3c-0000-7000-8000-000000000206",
			patient: nhs("9990000085"), status: record.Completed, synthetic: true,
			answers: IncludedV2(questionnaire.Answers{
				questionnaire.LinkInternet: {questionnaire.NetNone},
				questionnaire.LinkAfford:   {"often"},
				questionnaire.LinkTasks:    {questionnaire.TaskText},
				questionnaire.LinkWant:     {questionnaire.WantNotSure},
			}),
		},
	}
	return build(questionnaire.V2, time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC), specs)
}

// build assesses each spec with the instrument and makes its record.
func build(ins *questionnaire.Instrument, at time.Time, specs []spec) ([]Sample, error) {
	dir := questionnaire.National
	var out []Sample
	for i, s := range specs {
		res, err := ins.Assess(s.answers, dir)
		if err != nil {
			return nil, fmt.Errorf("sample %q: %w", s.name, err)
		}
		// Every referral answered, as a saved record's is, with each
		// answer the clinician can give.
		for j := range res.Recommendation.Referrals {
			res.Recommendation.Referrals[j].Consent = consents[(i+j)%len(consents)]
		}
		out = append(out, Sample{
			Name: s.name,
			Record: record.Record{
				ID: record.MustParseID(s.id), Patient: s.patient, Clinician: "Sample Clinician", Team: "Sample team",
				Time: at.Add(time.Duration(i) * 26 * time.Hour), Status: s.status, Amends: record.MustParseID(s.amends),
				Synthetic: s.synthetic, Answers: s.answers, Result: res,
			},
			Identifiable: s.identifiable,
		})
	}
	return out, nil
}

var consents = []string{questionnaire.Agreed, questionnaire.Declined, questionnaire.NotDiscussed}

// Included is the answers of a patient with no barrier in any domain, no
// communication needs and no preference, with some answers replaced; a nil
// value removes an answer.
func Included(change questionnaire.Answers) questionnaire.Answers {
	return apply(change, questionnaire.Answers{
		questionnaire.LinkDevices:       {questionnaire.DevSmartphone, questionnaire.DevComputer},
		questionnaire.LinkInternet:      {questionnaire.NetHome, questionnaire.NetMobile},
		questionnaire.LinkAfford:        {"never"},
		questionnaire.LinkTasks:         {questionnaire.TaskText, questionnaire.TaskEmail, questionnaire.TaskApp, questionnaire.TaskLogin, questionnaire.TaskForm, questionnaire.TaskVideo},
		questionnaire.LinkHelp:          {questionnaire.HelpNone},
		questionnaire.LinkWant:          {questionnaire.Yes},
		questionnaire.LinkWorry:         {"not"},
		questionnaire.LinkBadExperience: {questionnaire.No},
		questionnaire.LinkCommNeeds:     {questionnaire.NeedNone},
		questionnaire.LinkReadingHelp:   {questionnaire.ReadNever},
		questionnaire.LinkChoice:        {questionnaire.ChoiceNone},
	})
}

// IncludedV2 is Included for instrument version 2: no barrier, no need,
// no contact requirement, no preference, the patient answering.
func IncludedV2(change questionnaire.Answers) questionnaire.Answers {
	return apply(change, Included(questionnaire.Answers{
		questionnaire.LinkHelp:         {questionnaire.HelpNotNeeded},
		questionnaire.LinkNHSApp:       {questionnaire.AppNo},
		questionnaire.LinkTechAccess:   {questionnaire.TechNone},
		questionnaire.LinkContactNeeds: {questionnaire.ContactNone},
		questionnaire.LinkContactAvoid: {questionnaire.AvoidNone},
		questionnaire.LinkRespondent:   {questionnaire.RespondentPatient},
	}))
}

// apply replaces answers of a with change's; a nil value removes one.
func apply(change, a questionnaire.Answers) questionnaire.Answers {
	for k, v := range change {
		if v == nil {
			delete(a, k)
			continue
		}
		a[k] = v
	}
	return a
}

func nhs(n string) record.PatientID {
	p, err := record.NewPatientID(record.NHSNumber, n)
	if err != nil {
		panic(err) // the samples are fixed; a bad number is a bug here
	}
	return p
}

func local(n string) record.PatientID {
	p, err := record.NewPatientID(record.LocalID, n)
	if err != nil {
		panic(err)
	}
	return p
}
