package ui

import (
	"strings"
	"testing"

	"digicheck/prompt"
)

// An amendment's team box was filled with the amended record's team
// ("Community South, enter keeps this"): a ward clinician amending a
// community record kept the community team with one enter. The clinician
// amending now types their team; the record's team is offered, as the
// clinician box offers a name, by Tab on the full screen and = in the plain
// prompts, and an enter on the empty box is refused: an amendment saved
// with no team would leave its team's summary and due list.

func TestAnAmendmentsTeamIsTypedAndTheRecordsTeamOnlyOffered(t *testing.T) {
	t.Parallel()
	for _, typed := range []string{"", "Ward 7"} {
		t.Run("typed "+typed, func(t *testing.T) {
			t.Parallel()
			old := earlier(t)
			old.Team = "Community South"
			o := testOptions((&memStore{}).Save)
			o.Team = "Ward 9" // the site's: no more the amending clinician's than the record's
			o.Amend, o.AmendReason = &old, "motivation misheard"
			d := newDriver(t, o, 80, 24)
			d.waitFor("Amend assessment", "Clinician")
			d.press("enter")
			d.waitFor("Team", "Type your team, or press Tab for Community South")
			if got := d.m.patient.team.input.Value(); got != "" {
				t.Fatalf("the amendment's team box holds %q, kept by one enter:\n%s", got, d.screen())
			}
			d.press("enter")
			if d.m.patient.form.focused() != d.m.patient.team || !strings.Contains(flat(d.screen()), "type your team") {
				t.Fatalf("enter on the empty team box went on, or was refused without a word:\n%s", d.screen())
			}
			want := typed
			if typed == "" {
				d.press("tab") // the record's team, chosen
				d.waitFor("> Community South")
				want = "Community South"
			} else {
				d.typeText(typed)
			}
			d.press("enter")
			d.waitFor("Amendment · Review")
			if got := d.m.s.Team(); got != want {
				t.Errorf("the amendment's team is %q, want %q", got, want)
			}
		})
	}
}

func TestPlainPromptsAmendmentsTeamIsTypedAndTheRecordsTeamOnlyOffered(t *testing.T) {
	t.Parallel()
	old := earlier(t)
	old.Team = "Community South"
	run := func(in ...string) string {
		var out strings.Builder
		prompt.Run(prompt.Options{
			Instrument: testOptions(nil).Instrument, Directory: testOptions(nil).Directory,
			Clinician: "Dr Ada Test", Team: "Ward 9",
			Amend: &old, AmendReason: "motivation misheard",
			Save: (&memStore{}).Save, Now: testOptions(nil).Now,
		}, strings.NewReader(strings.Join(in, "\n")+"\n"), &out)
		if s := flat(out.String()); strings.Contains(s, "press Enter for Community South") || strings.Contains(s, "press Enter for Ward 9") {
			t.Errorf("the amendment's team is kept by Enter:\n%s", out.String())
		}
		return out.String()
	}
	// The clinician given (amend --clinician); no team.
	if out := run("", ""); !strings.Contains(flat(out), "Team (type your team, or = for Community South") ||
		!strings.Contains(flat(out), "Not accepted: type your team, or = for Community South.") {
		t.Errorf("the empty team was not refused, offering the record's team by =:\n%s", out)
	}
	// The record's team, chosen.
	if out := run("", "="); !strings.Contains(flat(out), "By: Dr Ada Test, team Community South.") {
		t.Errorf("= did not take the record's team:\n%s", out)
	}
	// A team typed.
	if out := run("", "Ward 7"); !strings.Contains(flat(out), "By: Dr Ada Test, team Ward 7.") {
		t.Errorf("the team typed was not taken:\n%s", out)
	}
}
