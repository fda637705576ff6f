package prompt

import (
	"fmt"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// scriptLines answers every question of ins as the plain prompts ask it,
// with a: the number of each answer, the numbers of a multiple choice
// parted by spaces, text as typed, and the optional section asked only
// when a answers some of it (a question of it a leaves out is skipped).
func scriptLines(ins *questionnaire.Instrument, a questionnaire.Answers) []string {
	var lines []string
	for _, sec := range ins.Sections {
		if sec.Optional {
			asked := false
			for _, it := range sec.Items {
				asked = asked || len(a[it.LinkID]) > 0
			}
			if !asked {
				lines = append(lines, "2")
				continue
			}
			lines = append(lines, "1")
		}
		for i := range sec.Items {
			it := &sec.Items[i]
			if !it.Enabled(a) {
				continue
			}
			if it.Type == questionnaire.Text {
				lines = append(lines, strings.Join(a[it.LinkID], ""))
				continue
			}
			var nums []string
			for j, o := range it.Options {
				if a.Has(it.LinkID, o.Code) {
					nums = append(nums, fmt.Sprint(j+1))
				}
			}
			lines = append(lines, strings.Join(nums, " "))
		}
	}
	return lines
}

// TestSevenScriptedPatientsThroughThePlainPrompts: each scripted patient,
// typed into the plain prompts a line at a time, is saved with the result
// written out beside them (testkit.ScriptedPatients): route, fallback,
// adjustments, codes and ranked referrals. The first referrals shown are
// agreed, the others left unshown.
func TestSevenScriptedPatientsThroughThePlainPrompts(t *testing.T) {
	for _, p := range testkit.ScriptedPatients {
		t.Run(p.Name, func(t *testing.T) {
			lines := append([]string{"1", "943 476 5919", "", "Ward 5"}, scriptLines(questionnaire.V2, p.Answers)...)
			lines = append(lines, "1") // the answers are right
			for range min(len(p.Referrals), assess.FirstReferrals) {
				lines = append(lines, "1")
			}
			if len(p.Referrals) > assess.FirstReferrals {
				lines = append(lines, "2") // not the others
			}
			lines = append(lines, "1", "2") // save; no other assessment
			var s saver
			o := options(&s)
			o.Instrument, o.Services = questionnaire.V2, questionnaire.Services{Video: p.Video}
			var out strings.Builder
			if _, err := Run(o, strings.NewReader(strings.Join(lines, "\n")+"\n"), &out); err != nil {
				t.Fatalf("%v\n%s", err, out.String())
			}
			if len(s.saved) != 1 {
				t.Fatalf("%d records saved", len(s.saved))
			}
			p.Check(t, s.saved[0])
			if want := "Video consultation: suits the patient. Why: has a device"; p.Video != strings.Contains(out.String(), want) {
				t.Errorf("video offered %v, but the output says %q %v times", p.Video, want, strings.Count(out.String(), want))
			}
			// The choice is said to be whoever's it was, and a choice not
			// honoured says whether it was not possible or overruled.
			rec := s.saved[0].Recommendation
			whose, not := "Patient's choice: ", "Choice the carer gave for the patient: "
			if p.Answers.One(questionnaire.LinkRespondent) == questionnaire.RespondentCarer {
				whose, not = not, whose
			}
			if !strings.Contains(out.String(), whose) || strings.Contains(out.String(), not) {
				t.Errorf("the output says %q %d times and %q %d times", whose, strings.Count(out.String(), whose), not, strings.Count(out.String(), not))
			}
			// Consent to each referral is asked of whoever answered.
			ask, notAsk := "Does the patient agree to this referral?", "Does the carer agree to this referral?"
			if p.Answers.One(questionnaire.LinkRespondent) == questionnaire.RespondentCarer {
				ask, notAsk = notAsk, ask
			}
			if len(p.Referrals) > 0 && (!strings.Contains(out.String(), ask) || strings.Contains(out.String(), notAsk)) {
				t.Errorf("consent is asked as %q %d times and %q %d times", ask, strings.Count(out.String(), ask), notAsk, strings.Count(out.String(), notAsk))
			}
			if st, _ := record.ChoiceWords(rec); rec.Choice != "" && !rec.ChoiceHonoured && !strings.Contains(out.String(), whose+rec.Choice.Title()+" ("+st+"). Why: ") {
				t.Errorf("the choice not honoured is not said as %s", st)
			}
			for _, f := range s.saved[0].Recommendation.Referrals[:min(len(p.Referrals), assess.FirstReferrals)] {
				if f.Consent != questionnaire.Agreed {
					t.Errorf("referral %s: %q", f.ProgrammeID, f.Consent)
				}
			}
		})
	}
}

// TestTheHandoutReadOutGivesTheTeamsAddressAndTextNumber: the site's team
// address and text number reach the handout read out after saving, as
// they reach `show --handout`, for each scripted patient whose handout
// gives them (a patient who must not be phoned among them).
func TestTheHandoutReadOutGivesTheTeamsAddressAndTextNumber(t *testing.T) {
	const address, texts = "1 Example Road, Leeds LS1 1AA", "07700 900123"
	given := 0
	for _, p := range testkit.ScriptedPatients {
		lines := append([]string{"1", "943 476 5919", "", "Ward 5"}, scriptLines(questionnaire.V2, p.Answers)...)
		lines = append(lines, "1")
		for range min(len(p.Referrals), assess.FirstReferrals) {
			lines = append(lines, "1")
		}
		if len(p.Referrals) > assess.FirstReferrals {
			lines = append(lines, "2")
		}
		lines = append(lines, "1", "3", "2") // save; read the handout; finish
		var s saver
		o := options(&s)
		o.Instrument, o.Services = questionnaire.V2, questionnaire.Services{Video: p.Video}
		o.Team, o.TeamAddress, o.TeamText = "Ward 5", address, texts
		var out strings.Builder
		if _, err := Run(o, strings.NewReader(strings.Join(lines, "\n")+"\n"), &out); err != nil {
			t.Fatalf("%s: %v\n%s", p.Name, err, out.String())
		}
		if len(s.saved) != 1 {
			t.Fatalf("%s: %d records saved", p.Name, len(s.saved))
		}
		want := record.HandoutWith(s.saved[0], record.HandoutOptions{
			LargePrint: s.saved[0].Answers.Has(questionnaire.LinkCommNeeds, questionnaire.NeedLargePrint),
			Team:       o.Team, TeamAddress: address, TeamText: texts, Directory: o.Directory,
		})
		if !strings.Contains(want, address) && !strings.Contains(want, texts) {
			continue
		}
		given++
		if !strings.Contains(out.String(), strings.TrimRight(want, "\n")) {
			t.Errorf("%s: the handout read out lacks the team's address or text number:\n%s", p.Name, out.String())
		}
	}
	if given == 0 {
		t.Fatal("no scripted patient's handout gives the team's address or text number: the test shows nothing")
	}
}
