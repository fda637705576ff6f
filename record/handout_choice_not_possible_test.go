package record

import (
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// TestTheHandoutSaysWhenThePatientsOwnChoiceOfContactCannotBeUsed: a
// patient with a screen reader who chose letters was told only "We will
// contact you by a message in the NHS App"; the note said "Letter (not
// possible)" and why, but the patient's own copy never said their choice
// was heard. Where their choice is not possible the handout now says so,
// in one short, kind line; where it is used, first or as well, it does
// not say it cannot be (a choice used as well is said so:
// TestTheHandoutSaysThePatientsChoiceIsUsedAsWellWhereARulePutAnotherRouteFirst).
// Whoever answered, the line does not call a carer's answer the patient's
// own.
func TestTheHandoutSaysWhenThePatientsOwnChoiceOfContactCannotBeUsed(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change questionnaire.Answers
		status string // the note's, as the scenario needs it
		want   string // "" for no line about the choice
	}{
		{"a screen reader, chose letters", questionnaire.Answers{
			questionnaire.LinkCommNeeds: {questionnaire.NeedScreenRead}, questionnaire.LinkPrintSize: nil,
			questionnaire.LinkChoice: {string(questionnaire.RouteLetter)}},
			"not possible", "You asked us to contact you by a letter in the post. We are sorry that we cannot do this for now."},
		{"a screen reader, chose letters, a carer answered", questionnaire.Answers{
			questionnaire.LinkCommNeeds: {questionnaire.NeedScreenRead}, questionnaire.LinkPrintSize: nil,
			questionnaire.LinkChoice:     {string(questionnaire.RouteLetter)},
			questionnaire.LinkRespondent: {questionnaire.RespondentCarer}},
			"not possible", "We were asked to contact you by a letter in the post. We are sorry that we cannot do this for now."},
		{"chose text messages, honoured", questionnaire.Answers{
			questionnaire.LinkChoice: {string(questionnaire.RouteSMS)}},
			"honoured", ""},
		{"needs help reading often, chose letters: sent as well", questionnaire.Answers{
			questionnaire.LinkReadingHelp: {questionnaire.ReadOften},
			questionnaire.LinkChoice:      {string(questionnaire.RouteLetter)}},
			"not honoured", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := assessedV2(t, tc.change)
			if err := questionnaire.V2.Validate(r.Answers); err != nil {
				t.Fatalf("the answers do not stand: %v", err)
			}
			if st := r.Recommendation.ChoiceStatus(); st != tc.status {
				t.Fatalf("the choice is %q (%s), the scenario needs %q", st, r.Recommendation.ChoiceNote, tc.status)
			}
			for _, large := range []bool{false, true} {
				h := strings.Join(strings.Fields(HandoutWith(r, HandoutOptions{LargePrint: large, Team: "Ward 7"})), " ")
				said := strings.Contains(h, "cannot do this for now")
				switch {
				case tc.want == "" && said:
					t.Errorf("large print %v: the handout says the choice cannot be used:\n%s", large, h)
				case tc.want != "" && !strings.Contains(h, tc.want):
					t.Errorf("large print %v: the handout does not say %q:\n%s", large, tc.want, h)
				}
				if tc.want != "" && strings.Index(h, tc.want) < strings.Index(h, headContact) {
					t.Errorf("large print %v: the line is not under %q:\n%s", large, headContact, h)
				}
			}
		})
	}
}
