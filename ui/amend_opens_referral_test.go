package ui

import (
	"strings"
	"testing"

	"digicheck/prompt"
	"digicheck/questionnaire"
	"digicheck/record"
)

// carersPatientV2 is a patient on a landline only who does not want to go
// online, whose carer answers for them, with the optional section skipped
// (instrument version 2): offered the network's centres and switchover
// help. Answering "75 or over" opens Age UK between the two.
var carersPatientV2 = questionnaire.Answers{
	questionnaire.LinkDevices: {questionnaire.DevLandline}, questionnaire.LinkInternet: {questionnaire.NetNone},
	questionnaire.LinkAfford: {"never"}, questionnaire.LinkTelecare: {questionnaire.No},
	questionnaire.LinkTasks: {questionnaire.TaskNone}, questionnaire.LinkHelp: {questionnaire.HelpCarer},
	questionnaire.LinkNHSApp: {questionnaire.AppNo}, questionnaire.LinkTechAccess: {questionnaire.TechHearing, questionnaire.TechMemory},
	questionnaire.LinkWant: {questionnaire.No}, questionnaire.LinkWorry: {"very"}, questionnaire.LinkBadExperience: {"put-off"},
	questionnaire.LinkCommNeeds: {questionnaire.NeedVerbal}, questionnaire.LinkReadingHelp: {questionnaire.ReadAlways},
	questionnaire.LinkContactNeeds: {questionnaire.ContactCarer}, questionnaire.LinkContactAvoid: {questionnaire.AvoidNone},
	questionnaire.LinkChoice: {string(questionnaire.RouteCarer)}, questionnaire.LinkRespondent: {questionnaire.RespondentCarer},
}

// TestPlainPromptsAndTheTerminalUIKeepTheAnswersToReferralsAnAmendmentMoves:
// an amendment that answers the optional section skipped before opens Age
// UK between the network's centres (declined) and switchover help
// (agreed). The plain prompts asked the carer about each afresh and
// refused an empty line, where the terminal UI showed them answered. In
// both, the earlier answers stand, the prompts read each out ("Answered
// before: Declines") and Enter keeps it; only Age UK is asked; and the two
// save the same record from the same amendment.
func TestPlainPromptsAndTheTerminalUIKeepTheAnswersToReferralsAnAmendmentMoves(t *testing.T) {
	t.Parallel()
	res, err := questionnaire.V2.Assess(carersPatientV2, questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	old := record.Record{
		ID: record.MustParseID("01890000-0000-7000-8000-0000000000c2"), Patient: firstVisit(t, func(int) string { return "" }).Patient,
		Clinician: "Dr First Visit", Team: "Ward 5", Time: fixedNow.AddDate(0, -1, 0), Status: record.Completed,
		Answers: carersPatientV2.Clone(), Result: res,
	}
	refs := old.Recommendation.Referrals
	if len(refs) != 2 || refs[0].ProgrammeID != "digital-inclusion-network" || refs[1].ProgrammeID != "digital-phone-switchover" {
		t.Fatalf("the scenario needs the network's centres and switchover help: %+v", refs)
	}
	refs[0].Consent, refs[1].Consent = questionnaire.Declined, questionnaire.Agreed

	tui := &memStore{}
	o := testOptions(tui.Save)
	o.Amend, o.AmendReason = &old, "age and disability were asked"
	d := newDriver(t, o, 80, 24)
	d.waitFor("Amend assessment", "Clinician")
	d.press("enter", "tab", "enter") // the clinician given; the record's team, by Tab
	d.waitFor("Amendment · Review")
	d.press("5")
	d.waitFor("About you (optional) · 5 of 5", gateQuestion)
	d.press(askOptional)
	d.waitFor("Which age group are you in?")
	d.press("7") // 75 or over
	d.waitFor("disability or a long-term")
	d.press("1")
	d.waitFor("means-tested benefits")
	d.press("1")
	d.waitFor("Is English your main language?")
	d.press("1")
	d.waitFor("What is your ethnic group?")
	d.press(repeat("up", 5)...) // from "Skip this question", the answer kept unasked
	d.waitFor("> 13 ( ) Black or Black British: African")
	d.press("enter")
	d.waitFor("first part of your postcode")
	d.typeText("ls6")
	d.press("enter")
	d.waitFor("Amendment · Review")
	d.press("end", "enter")
	d.waitFor("Amendment · Result")
	if got := d.m.referrals(); len(got) != 3 || got[1].ProgrammeID != "age-uk" || got[0].Consent != questionnaire.Declined || got[2].Consent != questionnaire.Agreed {
		t.Fatalf("the UI's referrals after the amendment: %+v", got)
	}
	readReferral(d) // Age UK, the one unanswered, is highlighted
	readOut(d)
	d.press("a")
	saveReadBack(d)
	d.waitFor("Saved ·")
	saved := d.m.Outcome().Saved[0]

	// The review offers: 1 the result, 2 the clinician and team, then each
	// section from 3; About you is the fifth.
	lines := []string{"", "=", "7", "1", "7", "1", "1", "1", "13", "ls6", "1"}
	lines = append(lines, "", "1", "") // the network kept, Age UK agreed, switchover help kept
	lines = append(lines, "1", "2")    // save; no new assessment
	var out strings.Builder
	plain := &memStore{}
	r, err := prompt.Run(prompt.Options{
		Instrument: o.Instrument, Directory: o.Directory, Clinician: o.Clinician, Team: o.Team,
		Amend: o.Amend, AmendReason: o.AmendReason, Save: plain.Save, Now: o.Now,
	}, strings.NewReader(strings.Join(lines, "\n")+"\n"), &out)
	if err != nil || len(r.Saved) != 1 {
		t.Fatalf("plain prompts: %v, %d saved\n%s", err, len(r.Saved), out.String())
	}
	for _, want := range []string{"Answered before: Declines.", "Answered before: Agrees."} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the plain prompts do not say %q:\n%s", want, out.String())
		}
	}
	sameRecord(t, saved, r.Saved[0])
	got := r.Saved[0].Recommendation.Referrals
	for i, want := range []string{questionnaire.Declined, questionnaire.Agreed, questionnaire.Agreed} {
		if i >= len(got) || got[i].Consent != want {
			t.Errorf("referral %d saved as %+v, want %s", i+1, got, want)
		}
	}
}
