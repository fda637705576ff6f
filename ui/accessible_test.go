package ui

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"digicheck/prompt"
	"digicheck/questionnaire"
	"digicheck/record"
)

// The plain prompts (accessible mode) and the terminal UI run the same
// assessment session: given the same answers, each makes the same record.
// These tests drive both with the same answers (the UI by its keys, the
// prompts by the lines a screen-reader user types) and compare the records
// field by field, leaving out only the id and the time of saving.

// sectionLines types answers a into the plain prompts' questions, by the
// numbers the prompter reads out, asking the optional questions.
func sectionLines(t *testing.T, a questionnaire.Answers) []string {
	t.Helper()
	var lines []string
	for _, sec := range questionnaire.V1.Sections {
		if sec.Optional {
			lines = append(lines, "1") // ask the optional questions
		}
		for i := range sec.Items {
			it := &sec.Items[i]
			if !it.Enabled(a) {
				continue
			}
			vals := a[it.LinkID]
			if it.Type == questionnaire.Text {
				lines = append(lines, strings.Join(vals, ""))
				continue
			}
			var nums []string
			for _, v := range vals {
				for j, o := range it.Options {
					if o.Code == v {
						nums = append(nums, fmt.Sprint(j+1))
					}
				}
			}
			if len(nums) != len(vals) {
				t.Fatalf("%s: answer %v is not an option", it.LinkID, vals)
			}
			lines = append(lines, strings.Join(nums, " "))
		}
	}
	return lines
}

// consentLines answers the first referrals as consents says, and leaves
// the rest unshown, as the UI does without m; then saves and finishes.
func consentLines(consents []string, referrals int) []string {
	var lines []string
	for _, c := range consents {
		lines = append(lines, map[string]string{questionnaire.Agreed: "1", questionnaire.Declined: "2", "": ""}[c])
	}
	if referrals > firstReferrals {
		lines = append(lines, "2") // the others are not offered this time
	}
	return append(lines, "1", "2") // save; no new assessment
}

// runPrompts runs the plain prompts on lines with the options the UI had,
// and returns the one record saved.
func runPrompts(t *testing.T, o Options, lines []string) record.Record {
	t.Helper()
	plain := &memStore{}
	var out strings.Builder
	res, err := prompt.Run(prompt.Options{
		Instrument:  o.Instrument,
		Directory:   o.Directory,
		Clinician:   o.Clinician,
		Team:        o.Team,
		Amend:       o.Amend,
		AmendReason: o.AmendReason,
		FollowUp:    o.FollowUp,
		Save:        plain.Save,
		Now:         o.Now,
	}, strings.NewReader(strings.Join(lines, "\n")+"\n"), &out)
	if err != nil {
		t.Fatalf("plain prompts: %v\n%s", err, out.String())
	}
	if len(res.Saved) != 1 {
		t.Fatalf("plain prompts saved %d records:\n%s", len(res.Saved), out.String())
	}
	return res.Saved[0]
}

// comparable is a record with what differs by nature between two saves of
// the same assessment (its id and the moment it was saved) taken out.
func comparable(r record.Record) record.Record {
	r.ID, r.Time = record.ID{}, time.Time{}
	return r
}

// sameRecord fails unless ui and plain are the same record, field by field.
func sameRecord(t *testing.T, ui, plain record.Record) {
	t.Helper()
	a, b := comparable(ui), comparable(plain)
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	for i := range va.NumField() {
		if !reflect.DeepEqual(va.Field(i).Interface(), vb.Field(i).Interface()) {
			t.Errorf("%s differs:\nterminal UI %+v\nplain       %+v", va.Type().Field(i).Name, va.Field(i).Interface(), vb.Field(i).Interface())
		}
	}
	if ui.ID.IsZero() || plain.ID.IsZero() || ui.ID == plain.ID {
		t.Errorf("ids %q and %q: each assessment has its own", ui.ID, plain.ID)
	}
}

// earlier is a saved assessment of the scenario's patient a month before,
// with every other referral agreed, starting with the first.
func earlier(t *testing.T) record.Record {
	t.Helper()
	r := firstVisit(t, func(i int) string { return []string{questionnaire.Agreed, questionnaire.Declined}[i%2] })
	r.ID = record.MustParseID("01890000-0000-7000-8000-00000000000a")
	r.Status = record.Completed
	return r
}

// TestPlainPromptsAndTheTerminalUIMakeTheSameRecord: a new assessment.
func TestPlainPromptsAndTheTerminalUIMakeTheSameRecord(t *testing.T) {
	t.Parallel()
	tui := &memStore{}
	o := testOptions(tui.Save)
	d := newDriver(t, o, 80, 24)
	enterPatient(d)
	answerSections(d)
	d.press("end", "enter")
	d.waitFor("Result", "Barriers")
	n := len(d.m.referrals())
	consents := answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Saved ·")
	saved := d.m.Outcome().Saved
	if len(saved) != 1 {
		t.Fatalf("the terminal UI saved %d records", len(saved))
	}
	checkRecord(t, saved[0], consents)

	lines := append([]string{"1", validNHS, "", ""}, sectionLines(t, scenarioAnswers)...) // clinician and team as offered
	lines = append(lines, "1")                                                            // the answers are right
	sameRecord(t, saved[0], runPrompts(t, o, append(lines, consentLines(consents, n)...)))
}

// TestPlainPromptsFollowUpAsTheTerminalUIDoes: a follow-up asks what became
// of each referral agreed last time, and links the record to it. Given no
// team (no --team), the team of the assessment followed up is held in both
// front ends and kept by the same Enter: the plain prompts offered none,
// and that Enter saved the follow-up with no team.
func TestPlainPromptsFollowUpAsTheTerminalUIDoes(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ name, site, earlier, want string }{
		{"the site's team given", "Ward 5", "", "Ward 5"},
		{"no team given", "", "Community", "Community"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			prev := earlier(t)
			prev.Team = c.earlier
			tui := &memStore{}
			o := testOptions(tui.Save)
			o.FollowUp, o.Team = &prev, c.site
			d := newDriver(t, o, 80, 24)
			d.waitFor("Following up the assessment of 2 Feb 2026", "Clinician")
			d.press("enter", "enter")
			d.waitFor("Earlier referrals", "Did you go to")
			d.press("3") // not taken up
			d.waitFor("Why not?")
			d.typeText("no bus")
			d.press("enter")
			lines := []string{"", "", "3", "no bus"} // clinician and team as offered; the first outcome
			agreed := 0
			for i, r := range prev.Recommendation.Referrals {
				if r.Consent != questionnaire.Agreed {
					continue
				}
				if agreed++; i > 0 {
					d.waitFor("Did you go to " + r.Name)
					d.press("2") // went, and it helped
					lines = append(lines, "2")
				}
			}
			answerSections(d)
			d.press("end", "enter")
			d.waitFor("Result", "Change since")
			n := len(d.m.referrals())
			consents := answerReferrals(d, firstReferrals)
			saveReadBack(d)
			d.waitFor("Saved ·")
			saved := d.m.Outcome().Saved[0]
			if saved.FollowsUp != prev.ID || len(saved.Outcomes) != agreed || agreed < 2 || saved.Outcomes[0].Reason != "no bus" {
				t.Fatalf("the UI's follow-up: follows %q, outcomes %+v", saved.FollowsUp, saved.Outcomes)
			}
			if saved.Team != c.want {
				t.Fatalf("the UI's follow-up is by team %q, want %q", saved.Team, c.want)
			}

			lines = append(lines, sectionLines(t, scenarioAnswers)...)
			lines = append(lines, "1")
			sameRecord(t, saved, runPrompts(t, o, append(lines, consentLines(consents, n)...)))
		})
	}
}

// TestPlainPromptsAmendAsTheTerminalUIDoes: an amendment starts from every
// answer as recorded, changes one section from the review, keeps the
// patient's answers to the referrals, and supersedes the record.
func TestPlainPromptsAmendAsTheTerminalUIDoes(t *testing.T) {
	t.Parallel()
	old := earlier(t)
	old.FollowsUp = record.MustParseID("01890000-0000-7000-8000-000000000001")
	old.Outcomes = []record.ReferralOutcome{{ProgrammeID: "learn-my-way", Name: "Learn My Way", Outcome: record.OutcomeHelped}}
	tui := &memStore{}
	o := testOptions(tui.Save)
	o.Amend, o.AmendReason = &old, "motivation misheard"
	d := newDriver(t, o, 80, 24)
	d.waitFor("Amend assessment", "Clinician")
	d.press("enter", "tab", "enter") // the clinician given; the record's team, by Tab
	d.waitFor("Amendment · Review")
	correctMotivation(d)
	d.press("end", "enter")
	d.waitFor("Amendment · Result")
	n := len(d.m.referrals())
	saveReadBack(d) // every referral shown was answered before
	d.waitFor("Saved ·")
	saved := d.m.Outcome().Saved[0]
	if saved.Amends != old.ID || saved.Status != record.Amended || saved.AmendReason != "motivation misheard" ||
		saved.FollowsUp != old.FollowsUp || saved.Answers.One(questionnaire.LinkWant) != "with-help" {
		t.Fatalf("the UI's amendment: %+v", saved)
	}

	// The review offers: 1 the result, 2 the clinician and team, then each
	// section from 3; Motivation and trust is the third section.
	lines := []string{"", "=", "5", "2", "", "", "1"} // the record's team; with help; keep the worry and the experience
	lines = append(lines, consentLines([]string{"", "", ""}, n)...)
	sameRecord(t, saved, runPrompts(t, o, lines))
}
