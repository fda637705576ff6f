package record

import (
	"slices"
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// TestTheNoteOfAFollowUpSaysWhichAdjustmentsOfTheCheckBeforeStop: a
// follow-up whose patient now needs nothing extra gives up the interpreter
// and large print the check before it arranged. The result says so, but
// the note, which is what the patient record keeps, spoke only of bands
// and routes: pasted in, it left the need dropped with no word. The note
// now lists each adjustment of the check before that stops, and only those.
func TestTheNoteOfAFollowUpSaysWhichAdjustmentsOfTheCheckBeforeStop(t *testing.T) {
	first := assessed(t, questionnaire.Answers{
		questionnaire.LinkCommNeeds:   {questionnaire.NeedLargePrint, questionnaire.NeedInterpreter},
		questionnaire.LinkLanguage:    {"Polish"},
		questionnaire.LinkReadingHelp: {questionnaire.ReadOften},
	})
	later := followUp(t, first, questionnaire.Answers{
		questionnaire.LinkCommNeeds:   {questionnaire.NeedNone},
		questionnaire.LinkLanguage:    nil,
		questionnaire.LinkReadingHelp: {questionnaire.ReadOften},
	})
	var stopped, kept []string
	for _, was := range first.Recommendation.Adjustments {
		if slices.ContainsFunc(later.Recommendation.Adjustments, func(now questionnaire.Adjustment) bool { return now.Code == was.Code }) {
			kept = append(kept, was.Text)
		} else {
			stopped = append(stopped, was.Text)
		}
	}
	if len(stopped) < 2 || len(kept) == 0 {
		t.Fatalf("the scenario needs adjustments that stop and one that stays: stop %q, stay %q", stopped, kept)
	}
	note := NoteWith(later, NoteOptions{})
	head := "These adjustments of the check of " + first.Time.Local().Format("2006-01-02") + " stop with this follow-up:"
	at := strings.Index(note, head)
	if at < 0 {
		t.Fatalf("the note does not say which adjustments stop (%q):\n%s", head, note)
	}
	for _, a := range stopped {
		if !strings.Contains(note[at:], "\n- "+a+"\n") {
			t.Errorf("the note does not say that %q stops:\n%s", a, note)
		}
	}
	for _, a := range kept {
		if n := strings.Count(note, a); n != 1 {
			t.Errorf("%q, still made, is in the note %d times, as if it stopped:\n%s", a, n, note)
		}
	}
}
