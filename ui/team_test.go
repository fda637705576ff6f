package ui

import (
	"strings"
	"testing"

	"digicheck/prompt"
)

// An amendment is offered the record's own team (Tab, =); a new assessment
// started after it is offered the site's configured team, never the team
// of the record just amended. (After amending a Community Nursing record,
// the next new assessment defaulted to Community Nursing on Ward 7's PC.)

func TestANewAssessmentAfterAnAmendmentHasTheConfiguredTeam(t *testing.T) {
	t.Parallel()
	old := earlier(t)
	old.Team = "Community Nursing"
	o := testOptions((&memStore{}).Save)
	o.Team = "Ward 7"
	o.Amend, o.AmendReason = &old, "motivation misheard"
	d := newDriver(t, o, 80, 24)
	d.waitFor("Amend assessment", "Clinician")
	d.press("enter")
	d.waitFor("Team", "press Tab for Community Nursing")
	d.press("tab") // the record's team, chosen
	d.waitFor("> Community Nursing")
	d.press("enter")
	d.waitFor("Amendment · Review")
	d.press("end", "enter")
	d.waitFor("Amendment · Result")
	saveReadBack(d) // every referral shown was answered before
	d.waitFor("Saved ·")
	d.press("n")
	d.waitFor("New assessment", "Identifier")
	if got := d.m.patient.team.input.Value(); got != "Ward 7" {
		t.Fatalf("a new assessment after an amendment is offered team %q, want the configured Ward 7", got)
	}
	// The clinician who amended is offered (Tab), not filled: another
	// may be at the keyboard now.
	if got := d.m.patient.clinician.input.Value(); got != "" || d.m.patient.offer != "Dr Ada Test" {
		t.Errorf("the clinician box holds %q and offers %q, want it empty offering Dr Ada Test", got, d.m.patient.offer)
	}
}

func TestPlainPromptsNewAssessmentAfterAnAmendmentHasTheConfiguredTeam(t *testing.T) {
	t.Parallel()
	old := earlier(t)
	old.Team = "Community Nursing"
	var out strings.Builder
	in := []string{
		"", "=", "1", // keep the clinician; the record's team; the answers are right
		"", "", "", "2", // keep each referral's answer, and leave the others as they were
		"1", "1", // save; a new assessment
		"1", "943 476 5919", "=", // the next patient; the clinician offered
	}
	prompt.Run(prompt.Options{
		Instrument: testOptions(nil).Instrument, Directory: testOptions(nil).Directory,
		Clinician: "Dr Ada Test", Team: "Ward 7",
		Amend: &old, AmendReason: "motivation misheard",
		Save: (&memStore{}).Save, Now: testOptions(nil).Now,
	}, strings.NewReader(strings.Join(in, "\n")+"\n"), &out)
	text := out.String()
	if !strings.Contains(text, "Team (type your team, or = for Community Nursing") {
		t.Fatalf("the amendment is not offered its record's team:\n%s", text)
	}
	after := text[strings.LastIndex(text, "Saved"):]
	if !strings.Contains(after, "Team (press Enter for Ward 7)") {
		t.Fatalf("the new assessment after the amendment is not offered the configured team:\n%s", after)
	}
}

// TestAClinicianOrTeamWithNoLetterIsRefused: on the full screen a bare
// "1" (typed one question early) as the clinician's name or the team is
// refused, saying a name has letters, and the assessment does not start.
func TestAClinicianOrTeamWithNoLetterIsRefused(t *testing.T) {
	t.Parallel()
	for _, field := range []string{"clinician", "team"} {
		t.Run(field, func(t *testing.T) {
			t.Parallel()
			o := testOptions((&memStore{}).Save)
			o.Clinician, o.Team = "Dr Ada Test", "Ward 7"
			d := newDriver(t, o, 80, 24)
			d.waitFor("Identifier")
			d.press("1")
			d.waitFor("NHS number: 10 digits")
			d.typeText(validNHS)
			d.press("enter")
			d.waitFor("Clinician")
			if field == "team" {
				d.press("enter")
				d.waitFor("Team (optional)")
			}
			d.typeText("1")
			d.press("enter")
			d.waitFor(field + "'s name has letters")
			if d.m.s.Progressed() {
				t.Errorf("the assessment started with %s \"1\":\n%s", field, d.screen())
			}
		})
	}
}
