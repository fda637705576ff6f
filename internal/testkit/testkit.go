// Package testkit holds what the tests of several packages build the same
// way, so that each builds it once: answer sets, an assessed record, edits
// to a store's file behind the program's back, and the test tiers. Only
// tests import it. It imports neither store nor any package above it, so
// that store's own tests can use it.
//
// The tiers: `go test ./...` runs everything once; `go test -short ./...`
// leaves out the slow end-to-end tests; `go test -race ./...` leaves them
// out too, since they drive a separately built binary (a terminal, a
// killed process, tmux) or time the code, where the race detector finds
// nothing and slows everything. A test of bulk data (Bulk), and one that
// drives the program through the local FHIR server (FHIRServerEndToEnd),
// are left out under -race as well.
package testkit

import (
	"testing"

	"digicheck/questionnaire"
	"digicheck/record"
)

// EndToEnd marks a slow end-to-end test: one that runs the program in a
// terminal or kills it, or one that times the code. It runs in the plain
// `go test ./...` and is skipped, saying so, under -race and -short.
func EndToEnd(tb testing.TB) {
	tb.Helper()
	switch {
	case Race:
		tb.Skip("slow end-to-end test: skipped under -race; `go test ./...` runs it")
	case testing.Short():
		tb.Skip("slow end-to-end test: skipped under -short; `go test ./...` runs it")
	}
}

// Bulk marks a test whose point is the volume of its data (a store of
// thousands of records, exported again and again), not how its goroutines
// meet: it runs in the plain `go test ./...` and under -short, and is
// skipped under -race, where the detector makes such work ten times slower
// (minutes a test) and finds nothing that a test of the same code on less
// data, run there, does not.
func Bulk(tb testing.TB) {
	tb.Helper()
	if Race {
		tb.Skip("a test of bulk data: skipped under -race; `go test ./...` runs it")
	}
}

// FHIRServerEndToEnd marks a test that drives the program through the
// local FHIR server (tools/fhir-server, a Node process the test starts
// through internal/fhirserver) and waits on it for seconds: its answers,
// its faults, timeouts, retries and Retry-After waits, two or three
// servers and machines pushing and settling in turn. It runs in the plain
// `go test ./...` and under -short, and is skipped, saying so, under
// -race: the detector sees only this process, where such a test runs one
// command after another, and the waits are as long there; the client's
// own concurrency is push's and fhirclient's, whose tests run under
// -race. The root package's race run took 15 minutes with these tests.
// A test of the program's own concurrency against a server (a save sent
// in the background, a push stopped while it sends) does not call it.
func FHIRServerEndToEnd(tb testing.TB) {
	tb.Helper()
	if Race {
		tb.Skip("drives the program through the local FHIR server: skipped under -race; `go test ./...` runs it")
	}
}

// NHSNumber is a valid NHS number (943 476 5919 passes Modulus 11) for
// test patients.
const NHSNumber = "943 476 5919"

// Included is a patient with no barrier in any domain, no communication
// needs and no preference, with some answers replaced: a nil value removes
// the answer.
func Included(change questionnaire.Answers) questionnaire.Answers {
	return apply(questionnaire.Answers{
		questionnaire.LinkDevices:       {questionnaire.DevSmartphone},
		questionnaire.LinkInternet:      {questionnaire.NetHome},
		questionnaire.LinkAfford:        {"never"},
		questionnaire.LinkTasks:         {questionnaire.TaskText, questionnaire.TaskEmail, questionnaire.TaskApp, questionnaire.TaskLogin, questionnaire.TaskForm, questionnaire.TaskVideo},
		questionnaire.LinkHelp:          {questionnaire.HelpNone},
		questionnaire.LinkWant:          {questionnaire.Yes},
		questionnaire.LinkWorry:         {"not"},
		questionnaire.LinkBadExperience: {questionnaire.No},
		questionnaire.LinkCommNeeds:     {questionnaire.NeedNone},
		questionnaire.LinkReadingHelp:   {questionnaire.ReadNever},
		questionnaire.LinkChoice:        {questionnaire.ChoiceNone},
	}, change)
}

// Offline is a patient with a basic mobile and no internet, who can text,
// wants help to do more and prefers a phone call: a record of theirs has
// barriers, a fallback and at least two referrals. Some answers may be
// replaced as in Included.
func Offline(change questionnaire.Answers) questionnaire.Answers {
	return apply(questionnaire.Answers{
		questionnaire.LinkDevices:       {questionnaire.DevBasicMob},
		questionnaire.LinkInternet:      {questionnaire.NetNone},
		questionnaire.LinkAfford:        {"often"},
		questionnaire.LinkTasks:         {questionnaire.TaskText},
		questionnaire.LinkHelp:          {questionnaire.HelpNone},
		questionnaire.LinkWant:          {"with-help"},
		questionnaire.LinkWorry:         {"a-little"},
		questionnaire.LinkBadExperience: {questionnaire.No},
		questionnaire.LinkCommNeeds:     {questionnaire.NeedNone},
		questionnaire.LinkReadingHelp:   {questionnaire.ReadNever},
		questionnaire.LinkChoice:        {string(questionnaire.RoutePhone)},
	}, change)
}

// Full is a patient with something to say for every item: barriers in
// every domain, several options ticked in multi-choice answers,
// communication needs with an interpreter's language, reading help, a
// preference, and every optional equity answer. A record of theirs carries
// adjustments and at least three referrals. Some answers may be replaced
// as in Included.
func Full(change questionnaire.Answers) questionnaire.Answers {
	return apply(questionnaire.Answers{
		questionnaire.LinkDevices:          {questionnaire.DevShared, questionnaire.DevBasicMob},
		questionnaire.LinkInternet:         {questionnaire.NetPublic},
		questionnaire.LinkAfford:           {"often"},
		questionnaire.LinkTasks:            {questionnaire.TaskText, questionnaire.TaskVideo},
		questionnaire.LinkHelp:             {questionnaire.HelpCarer},
		questionnaire.LinkWant:             {"with-help"},
		questionnaire.LinkWorry:            {"very"},
		questionnaire.LinkBadExperience:    {"put-off"},
		questionnaire.LinkCommNeeds:        {questionnaire.NeedLargePrint, questionnaire.NeedInterpreter, questionnaire.NeedCarer},
		questionnaire.LinkLanguage:         {"Polish"},
		questionnaire.LinkReadingHelp:      {questionnaire.ReadOften},
		questionnaire.LinkChoice:           {string(questionnaire.RouteApp)},
		questionnaire.LinkAgeBand:          {"75+"},
		questionnaire.LinkDisability:       {questionnaire.Yes},
		questionnaire.LinkBenefits:         {questionnaire.Yes},
		questionnaire.LinkMainLanguage:     {questionnaire.No},
		questionnaire.LinkEthnicity:        {"Z"},
		questionnaire.LinkPostcodeDistrict: {"SW1A"},
	}, change)
}

// Interpreter is the patient whom the front ends' scenarios enter key by
// key: a smartphone and home internet, barriers in access, skills and
// trust, an interpreter (so the language question is asked), the NHS App
// preferred and the optional section answered. Some answers may be replaced as in
// Included.
func Interpreter(change questionnaire.Answers) questionnaire.Answers {
	return apply(questionnaire.Answers{
		questionnaire.LinkDevices:          {questionnaire.DevSmartphone},
		questionnaire.LinkInternet:         {questionnaire.NetHome},
		questionnaire.LinkAfford:           {"sometimes"},
		questionnaire.LinkTasks:            {questionnaire.TaskText, questionnaire.TaskEmail},
		questionnaire.LinkHelp:             {questionnaire.HelpSome},
		questionnaire.LinkWant:             {questionnaire.Yes},
		questionnaire.LinkWorry:            {"very"},
		questionnaire.LinkBadExperience:    {questionnaire.No},
		questionnaire.LinkCommNeeds:        {questionnaire.NeedInterpreter},
		questionnaire.LinkLanguage:         {"Polish"},
		questionnaire.LinkReadingHelp:      {questionnaire.ReadOften},
		questionnaire.LinkChoice:           {string(questionnaire.RouteApp)},
		questionnaire.LinkAgeBand:          {"75+"},
		questionnaire.LinkDisability:       {questionnaire.Yes},
		questionnaire.LinkBenefits:         {questionnaire.Yes},
		questionnaire.LinkMainLanguage:     {questionnaire.No},
		questionnaire.LinkEthnicity:        {"N"},
		questionnaire.LinkPostcodeDistrict: {"LS6"},
	}, change)
}

func apply(a, change questionnaire.Answers) questionnaire.Answers {
	for k, v := range change {
		if v == nil {
			delete(a, k)
			continue
		}
		a[k] = v
	}
	return a
}

// Assessed is a record of answers as the program would make it, not yet
// saved: assessed by instrument v1 against the national directory, for the
// patient NHSNumber, by R Patel. An invalid answer set fails the test.
func Assessed(tb testing.TB, a questionnaire.Answers) record.Record {
	tb.Helper()
	return assessed(tb, questionnaire.V1, a)
}

func assessed(tb testing.TB, ins *questionnaire.Instrument, a questionnaire.Answers) record.Record {
	tb.Helper()
	res, err := ins.Assess(a, questionnaire.National)
	if err != nil {
		tb.Fatalf("assess: %v", err)
	}
	pid, err := record.ParsePatientID(NHSNumber)
	if err != nil {
		tb.Fatal(err)
	}
	return record.Record{Patient: pid, Clinician: "R Patel", Answers: a, Result: res}
}

// V2 is a patient's answers to instrument version 1 (Included, Offline,
// Full, Interpreter and their changes) as the same patient answers version
// 2: help split into "no help needed" and "nobody", contact through a carer
// and text relay asked as contact requirements, British Sign Language as
// an interpreter, large print at 20 point, the interpreter's language
// coded (Polish) or typed as another, no translated letters, no NHS App
// use, nothing making technology hard, no way of contact ruled out, no care
// alarm, and the patient answering. The answers given are not changed.
func V2(a questionnaire.Answers) questionnaire.Answers {
	out := a.Clone()
	set := func(link string, v ...string) {
		if _, ok := out[link]; !ok {
			out[link] = v
		}
	}
	if out.One(questionnaire.LinkHelp) == questionnaire.HelpNone {
		out[questionnaire.LinkHelp] = []string{questionnaire.HelpNotNeeded}
	}
	needs, contact := questionnaire.NeedsFromV1(a)
	out[questionnaire.LinkCommNeeds] = needs
	if _, ok := a[questionnaire.LinkContactNeeds]; !ok {
		out[questionnaire.LinkContactNeeds] = contact
	}
	if out.Has(questionnaire.LinkCommNeeds, questionnaire.NeedLargePrint) {
		set(questionnaire.LinkPrintSize, "20")
	}
	if out.Has(questionnaire.LinkCommNeeds, questionnaire.NeedInterpreter) {
		if _, ok := a[questionnaire.LinkLanguageCode]; !ok {
			if out.One(questionnaire.LinkLanguage) == "Polish" {
				out[questionnaire.LinkLanguageCode] = []string{"pl"}
				delete(out, questionnaire.LinkLanguage)
			} else {
				out[questionnaire.LinkLanguageCode] = []string{questionnaire.LanguageOther}
			}
		}
		set(questionnaire.LinkTranslated, questionnaire.No)
	}
	if out.Has(questionnaire.LinkDevices, questionnaire.DevLandline) {
		set(questionnaire.LinkTelecare, questionnaire.No)
	}
	set(questionnaire.LinkNHSApp, questionnaire.AppNo)
	set(questionnaire.LinkTechAccess, questionnaire.TechNone)
	set(questionnaire.LinkContactAvoid, questionnaire.AvoidNone)
	set(questionnaire.LinkRespondent, questionnaire.RespondentPatient)
	return out
}

// AssessedV2 is Assessed for instrument version 2: V2(a) assessed against
// the national directory, for the patient NHSNumber, by R Patel.
func AssessedV2(tb testing.TB, a questionnaire.Answers) record.Record {
	tb.Helper()
	return assessed(tb, questionnaire.V2, V2(a))
}
