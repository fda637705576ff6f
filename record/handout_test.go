package record

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
)

var update = flag.Bool("update", false, "rewrite golden files")

// handoutPatients are three contrasting patients for the handout goldens.
var handoutPatients = []struct {
	name    string
	answers questionnaire.Answers
	decline []string // referrals the patient declined; the rest are agreed
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
	},
}

func handoutRecord(t *testing.T, i int) Record {
	t.Helper()
	p := handoutPatients[i]
	res, err := questionnaire.V1.Assess(p.answers, questionnaire.National)
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
		ID: "0196f0c0-0000-7000-8000-000000000001", Patient: PatientID{Kind: NHSNumber, Value: "9434765919"},
		Clinician: "A Nurse", Time: time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC), Status: Completed,
		Answers: p.answers, Result: res,
	}
}

func TestHandoutGoldens(t *testing.T) {
	for i, p := range handoutPatients {
		r := handoutRecord(t, i)
		large := r.Answers.Has(questionnaire.LinkCommNeeds, questionnaire.NeedLargePrint)
		got := Handout(r, large)
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
	h := Handout(r, false)
	for _, f := range r.Recommendation.Referrals {
		if in := strings.Contains(h, f.Name); in != (f.Consent == questionnaire.Agreed) {
			t.Errorf("%s (%s) in handout = %v", f.ProgrammeID, f.Consent, in)
		}
	}
}

func TestLargePrintHandoutHasShortLines(t *testing.T) {
	h := Handout(handoutRecord(t, 2), true)
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
	for i := range handoutPatients {
		for _, large := range []bool{false, true} {
			for _, c := range Handout(handoutRecord(t, i), large) {
				if c > 126 {
					t.Fatalf("non-ASCII %q in handout %d", c, i)
				}
			}
		}
	}
}
