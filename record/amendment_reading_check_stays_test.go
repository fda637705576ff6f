package record

import (
	"slices"
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// An amendment that made the letter the fallback behind a call, rather
// than the main route's fallback behind a visit, told a patient who still
// needs help reading letters often "We will stop checking that our letters
// make sense to you", and listed the check of understanding in the note
// among the adjustments that stop, though a letter was still written to
// them and their reading was unchanged. The check holds while any written
// route remains and the reading need stands.
func TestAnAmendmentThatPutsACallBeforeTheLetterKeepsTheCheckOfUnderstandingForAPatientWhoNeedsHelpReading(t *testing.T) {
	first := assessedV2(t, questionnaire.Answers{
		questionnaire.LinkReadingHelp:  {questionnaire.ReadOften},
		questionnaire.LinkContactAvoid: {questionnaire.AvoidPhone},
		questionnaire.LinkChoice:       {string(questionnaire.RouteLetter)},
	})
	first.ID = MustParseID("01890a5d-ac96-774b-bcce-b302099a0001")
	amended := assessedV2(t, questionnaire.Answers{
		questionnaire.LinkReadingHelp:  {questionnaire.ReadOften},
		questionnaire.LinkContactAvoid: {questionnaire.AvoidNone},
		questionnaire.LinkChoice:       {string(questionnaire.RoutePhone)},
	})
	amended.ID = MustParseID("01890a5d-ac96-774b-bcce-b302099a0002")
	amended.Amends, amended.Status, amended.AmendReason = first.ID, Amended, "recorded in error"
	for _, r := range []Record{first, amended} {
		if err := questionnaire.V2.Validate(r.Answers); err != nil {
			t.Fatalf("the answers do not stand: %v", err)
		}
	}
	if p, f := first.Recommendation.Primary, first.Recommendation.Fallback; p != questionnaire.RouteInPerson || f != questionnaire.RouteLetter {
		t.Fatalf("the first version's routes are %s / %s, the scenario needs in person / letter", p, f)
	}
	if p, f := amended.Recommendation.Primary, amended.Recommendation.Fallback; p != questionnaire.RoutePhone || f != questionnaire.RouteLetter {
		t.Fatalf("the amendment's routes are %s / %s, the scenario needs phone / letter", p, f)
	}
	has := func(r Record) bool {
		return slices.ContainsFunc(r.Recommendation.Adjustments, func(a questionnaire.Adjustment) bool { return a.Code == "check-understanding" })
	}
	if !has(first) {
		t.Fatalf("the first version has no check of understanding: %v", first.Recommendation.Adjustments)
	}
	if !has(amended) {
		t.Errorf("the amendment drops the check of understanding with a letter still the fallback: %v", amended.Recommendation.Adjustments)
	}
	for _, a := range AmendStopped(amended, first) {
		if a.Code == "check-understanding" {
			t.Errorf("the amendment lists the check of understanding as stopping: %q", a.Text)
		}
	}
	h := strings.Join(strings.Fields(HandoutWith(amended, HandoutOptions{Team: "Ward 7", Replaces: &first})), " ")
	if strings.Contains(h, "stop checking") {
		t.Errorf("the handout tells the patient the check stops:\n%s", h)
	}
	if !strings.Contains(h, "We will check that our letters make sense to you.") {
		t.Errorf("the handout does not say the check goes on:\n%s", h)
	}
	note := NoteWith(amended, NoteOptions{Replaces: &first})
	stops := ""
	if at := strings.Index(note, "stop with this amendment:\n"); at >= 0 {
		stops, _, _ = strings.Cut(note[at:], "\nBarriers:")
	}
	if strings.Contains(stops, "Check they have understood") {
		t.Errorf("the note lists the check of understanding as stopping:\n%s", note)
	}
}
