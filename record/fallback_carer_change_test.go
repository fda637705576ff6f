package record

import (
	"slices"
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// TestAFallbackMovedFromThePatientToTheCarerIsAChange: a letter to the
// patient last time and a letter to their carer now reach another person,
// and the change since says so in the words of the result ("Letter to the
// carer"), on the screen, in the plain prompts and in the note. It never
// reads "Letter (no change)".
func TestAFallbackMovedFromThePatientToTheCarerIsAChange(t *testing.T) {
	first := assessed(t, nil)
	first.Recommendation.Fallback, first.Recommendation.FallbackToCarer = questionnaire.RouteLetter, false
	later := followUp(t, first, nil)
	later.Recommendation.Fallback, later.Recommendation.FallbackToCarer = questionnaire.RouteLetter, true
	c := Compare(first, later)
	later.Change = &c

	want := "Fallback: was Letter, now Letter to the carer"
	if !slices.Contains(c.Lines(), want) {
		t.Errorf("change lines %q, want %q", c.Lines(), want)
	}
	note := NoteWith(later, NoteOptions{})
	if !strings.Contains(note, "- "+want+"\n") || strings.Contains(note, "Fallback: Letter (no change)") {
		t.Errorf("the note does not say the fallback moved to the carer:\n%s", note)
	}

	// And back from the carer to the patient.
	back := Compare(later, first)
	if want := "Fallback: was Letter to the carer, now Letter"; !slices.Contains(back.Lines(), want) {
		t.Errorf("change lines %q, want %q", back.Lines(), want)
	}
	// The same route to the same person is no change.
	same := Compare(later, later)
	if want := "Fallback: Letter to the carer (no change)"; !slices.Contains(same.Lines(), want) {
		t.Errorf("change lines %q, want %q", same.Lines(), want)
	}
	// The QI summary counts a change of route; who it reaches is said in
	// the words, and leaves that count as it was.
	if c.Fallback.Changed() {
		t.Error("Changed counts the carer: the summary's count of changed routes would move")
	}
}
