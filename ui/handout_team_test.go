package ui

import (
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// TestTheSavedScreensHandoutGivesTheTeamsAddressAndTextNumber: the site's
// team address and text number reach the handout the saved screen shows,
// saves and prints, as they reach `show --handout`, for each scripted
// patient whose handout gives them.
func TestTheSavedScreensHandoutGivesTheTeamsAddressAndTextNumber(t *testing.T) {
	t.Parallel()
	const address, texts = "1 Example Road, Leeds LS1 1AA", "07700 900123"
	o := testOptions((&memStore{}).Save)
	o.Instrument, o.TeamAddress, o.TeamText = questionnaire.V2, address, texts
	given := 0
	for _, p := range testkit.ScriptedPatients {
		res, err := questionnaire.V2.Assess(p.Answers, questionnaire.National)
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		r := record.Record{Clinician: "Dr Ada Test", Team: o.Team, Answers: p.Answers, Result: res}
		want := record.HandoutWith(r, record.HandoutOptions{
			LargePrint: p.Answers.Has(questionnaire.LinkCommNeeds, questionnaire.NeedLargePrint),
			Team:       o.Team, TeamAddress: address, TeamText: texts, Directory: o.Directory,
		})
		if !strings.Contains(want, address) && !strings.Contains(want, texts) {
			continue
		}
		given++
		m := New(o)
		m.saved = r
		if got := m.handout(); got != want {
			t.Errorf("%s: the saved screen's handout is not the one with the team's address and text number:\n%s", p.Name, got)
		}
	}
	if given == 0 {
		t.Fatal("no scripted patient's handout gives the team's address or text number: the test shows nothing")
	}
}
