package record

import (
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// TestAnAmendmentThatStopsWhatAnotherAdjustmentStillGivesSaysSo: an
// amendment unticked the screen reader of a patient who needs help reading
// often; nothing could be sent that it reads, so its adjustment was "Tell
// them what documents say", and the reading help's "also explain what they
// say" stays. The handout told the patient "We will no longer tell you
// what is in everything we write for you" beside "We will also tell you
// what our letters say", and the note listed the telling as stopping one
// line above the help that gives it. The handout says nothing stops; the
// note lists it as covered by the one that stays.
func TestAnAmendmentThatStopsWhatAnotherAdjustmentStillGivesSaysSo(t *testing.T) {
	base := questionnaire.Answers{questionnaire.LinkChoice: {questionnaire.ChoiceNone},
		questionnaire.LinkCommNeeds: {questionnaire.NeedNone}, questionnaire.LinkPrintSize: nil,
		questionnaire.LinkLanguageCode: nil, questionnaire.LinkTranslated: nil, questionnaire.LinkLanguage: nil,
		questionnaire.LinkContactAvoid: {questionnaire.AvoidNone}, questionnaire.LinkContactNeeds: {questionnaire.ContactNone},
		questionnaire.LinkReadingHelp: {questionnaire.ReadOften}}
	first := assessedV2(t, withAnswers(base, questionnaire.Answers{questionnaire.LinkCommNeeds: {questionnaire.NeedScreenRead}}))
	first.ID = MustParseID("01890a5d-ac96-774b-bcce-b302099a0001")
	amended := assessedV2(t, base)
	amended.Amends, amended.Status, amended.AmendReason = first.ID, Amended, "screen reader not used now"
	var told *questionnaire.Adjustment
	for i, a := range first.Recommendation.Adjustments {
		if strings.HasPrefix(a.Text, "Tell them what documents say") {
			told = &first.Recommendation.Adjustments[i]
		}
	}
	if told == nil || len(AmendStopped(amended, first)) == 0 {
		t.Fatalf("the scenario needs the screen reader's telling to stop: %+v", first.Recommendation.Adjustments)
	}
	h := strings.Join(strings.Fields(HandoutWith(amended, HandoutOptions{Team: "Ward 7", Replaces: &first})), " ")
	if strings.Contains(h, stoppedScreenReaderTold) || strings.Contains(h, headStopped) {
		t.Errorf("the handout tells the patient the telling stops, while reading help still gives it:\n%s", h)
	}
	note := NoteWith(amended, NoteOptions{Replaces: &first})
	flatNote := strings.Join(strings.Fields(note), " ")
	if !strings.Contains(flatNote, told.Text+" (what it gave goes on: covered by \"Do not rely on written messages alone") {
		t.Errorf("the note does not say the stopped telling is covered by the reading help that stays:\n%s", note)
	}
}
