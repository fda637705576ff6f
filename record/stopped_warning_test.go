package record

import (
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// A follow-up's list of the adjustments that stop included the warning
// "They must be contacted by letter, but a letter is ruled out (...):
// check with them which they need, and correct the answers" as if it were
// an adjustment: what stops is the requirement, and the list says it as
// the requirement ("Contact by letter"), in the note of a follow-up and of
// an amendment alike.

// letterRuledOut is a check whose patient must be contacted by letter but
// needs information told, not written: the requirement is a warning.
func letterRuledOut(t *testing.T) (first, later Record) {
	t.Helper()
	first = assessedV2(t, questionnaire.Answers{
		questionnaire.LinkCommNeeds:    {questionnaire.NeedVerbal},
		questionnaire.LinkContactNeeds: {questionnaire.ContactLetter},
		questionnaire.LinkChoice:       {questionnaire.ChoiceNone},
		questionnaire.LinkPrintSize:    nil,
	})
	first.ID = MustParseID("01890a5d-ac96-774b-bcce-b302099a0021")
	warned := false
	for _, a := range first.Recommendation.Adjustments {
		warned = warned || a.Code == questionnaire.ContactLetter && strings.HasPrefix(a.Text, "They must be contacted by letter, but")
	}
	if !warned {
		t.Fatalf("the scenario needs the requirement to be a warning: %+v", first.Recommendation.Adjustments)
	}
	later = assessedV2(t, questionnaire.Answers{
		questionnaire.LinkCommNeeds:    {questionnaire.NeedNone},
		questionnaire.LinkContactNeeds: {questionnaire.ContactNone},
		questionnaire.LinkChoice:       {questionnaire.ChoiceNone},
		questionnaire.LinkPrintSize:    nil,
	})
	later.ID = MustParseID("01890a5d-ac96-774b-bcce-b302099a0022")
	return first, later
}

func TestAWarningThatStopsIsListedAsTheRequirementThatStops(t *testing.T) {
	first, later := letterRuledOut(t)
	fu := later
	fu.FollowsUp = first.ID
	c := Compare(first, fu)
	fu.Change = &c
	am := later
	am.Amends, am.Status = first.ID, Amended
	for name, note := range map[string]string{"follow-up": NoteWith(fu, NoteOptions{}), "amendment": NoteWith(am, NoteOptions{Replaces: &first})} {
		at := strings.Index(note, "stop with this")
		if at < 0 {
			t.Fatalf("%s: the note says nothing stops:\n%s", name, note)
		}
		if !strings.Contains(note[at:], "\n- Contact by letter\n") {
			t.Errorf("%s: the note does not say the requirement stops:\n%s", name, note)
		}
		if strings.Contains(note, "They must be contacted") {
			t.Errorf("%s: the note lists the warning as an adjustment that stops:\n%s", name, note)
		}
	}
}

// TestTheWordsOfARequirementThatStopsAreTheAdjustmentsOwn: contactRequired
// says each requirement as the adjustment does where its route is open.
func TestTheWordsOfARequirementThatStopsAreTheAdjustmentsOwn(t *testing.T) {
	for code, want := range contactRequired {
		r := assessedV2(t, questionnaire.Answers{
			questionnaire.LinkCommNeeds:    {questionnaire.NeedNone},
			questionnaire.LinkContactNeeds: {code},
			questionnaire.LinkDevices:      {questionnaire.DevSmartphone},
			questionnaire.LinkInternet:     {questionnaire.NetHome},
			questionnaire.LinkTasks:        {questionnaire.TaskText, questionnaire.TaskEmail, questionnaire.TaskApp, questionnaire.TaskLogin},
			questionnaire.LinkChoice:       {questionnaire.ChoiceNone},
			questionnaire.LinkPrintSize:    nil,
		})
		found := false
		for _, a := range r.Recommendation.Adjustments {
			if a.Code == code {
				found = true
				if a.Text != want {
					t.Errorf("%s: the adjustment says %q, the list of those that stop %q", code, a.Text, want)
				}
			}
		}
		if !found {
			t.Errorf("%s: no adjustment made: %+v", code, r.Recommendation.Adjustments)
		}
	}
}
