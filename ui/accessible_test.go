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

// promptScript types answers into the plain prompts (accessible mode) as a
// screen-reader user would: the patient, then each question asked, by the
// numbers the prompter reads out, then the review, a consent for each
// referral, the save and no further assessment.
func promptScript(t *testing.T, a questionnaire.Answers, consents []string) string {
	t.Helper()
	lines := []string{"1", validNHS, "", ""} // NHS number; clinician and team as offered
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
	lines = append(lines, "1") // the answers are right
	for _, c := range consents {
		lines = append(lines, map[string]string{questionnaire.Agreed: "1", questionnaire.Declined: "2"}[c])
	}
	lines = append(lines, "1", "2") // save; no new assessment
	return strings.Join(lines, "\n") + "\n"
}

// comparable is a record with what differs by nature between two saves of
// the same assessment (its id and the moment it was saved) taken out.
func comparable(r record.Record) record.Record {
	r.ID, r.Time = record.ID{}, r.Time.UTC().Truncate(0)
	return r
}

// TestPlainPromptsAndTheTerminalUIMakeTheSameRecord: the same assessment
// given through accessible mode (prompt.Run on a piped script) and through
// the terminal UI saves the same record: answers, patient, clinician,
// team, bands, routes, adjustments, referrals and the patient's consents.
func TestPlainPromptsAndTheTerminalUIMakeTheSameRecord(t *testing.T) {
	tui := &memStore{}
	p := startProgram(t, testOptions(tui.Save), 80, 24)
	enterPatient(p)
	answerSections(p)
	p.press("enter")
	p.waitFor("Result", "Barriers")
	want, err := questionnaire.V1.Assess(scenarioAnswers, questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	consents := answerReferrals(p, len(want.Recommendation.Referrals))
	p.press("enter")
	p.waitFor("Saved ·")
	p.press("q")
	saved := p.final().Outcome().Saved
	if len(saved) != 1 {
		t.Fatalf("the terminal UI saved %d records", len(saved))
	}

	plain := &memStore{}
	var out strings.Builder
	res, err := prompt.Run(prompt.Options{
		Instrument: questionnaire.V1,
		Directory:  questionnaire.National,
		Clinician:  "Dr Ada Test",
		Team:       "Ward 5",
		Save:       plain.Save,
		Now:        func() time.Time { return fixedNow },
	}, strings.NewReader(promptScript(t, scenarioAnswers, consents)), &out)
	if err != nil {
		t.Fatalf("plain prompts: %v\n%s", err, out.String())
	}
	if len(res.Saved) != 1 {
		t.Fatalf("plain prompts saved %d records:\n%s", len(res.Saved), out.String())
	}

	a, b := comparable(saved[0]), comparable(res.Saved[0])
	checkRecord(t, saved[0], consents)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("the two modes saved different records:\nterminal UI %+v\nplain       %+v", a, b)
	}
}
