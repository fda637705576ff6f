package record

import (
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// TestAChoiceUsedAsWellIsNotSaidToBeNotHonoured: a deaf patient who uses
// British Sign Language and must be contacted by a sign language video
// relay chooses text messages. The rule puts the relay call first and
// says to offer both: the words say that, and never "not honoured" beside
// "offer both", which contradict each other. The rule itself is as it was:
// the relay call first, the choice not counted as honoured.
func TestAChoiceUsedAsWellIsNotSaidToBeNotHonoured(t *testing.T) {
	r := assessedV2(t, questionnaire.Answers{
		questionnaire.LinkDevices:      {questionnaire.DevSmartphone},
		questionnaire.LinkInternet:     {questionnaire.NetHome},
		questionnaire.LinkCommNeeds:    {questionnaire.NeedBSLInterpreter},
		questionnaire.LinkPrintSize:    nil,
		questionnaire.LinkContactNeeds: {questionnaire.ContactBSLRelay},
		questionnaire.LinkChoice:       {string(questionnaire.RouteSMS)},
	})
	rec := r.Recommendation
	if rec.Primary != questionnaire.RoutePhone || rec.ChoiceHonoured || rec.Choice != questionnaire.RouteSMS {
		t.Fatalf("the rule changed: primary %s, choice %s honoured %v (%s)", rec.Primary, rec.Choice, rec.ChoiceHonoured, rec.ChoiceNote)
	}
	status, why := ChoiceWords(rec)
	if status != "used as well, not first" {
		t.Errorf("status %q, want %q", status, "used as well, not first")
	}
	wantWhy := "must be contacted by a sign language video relay, which comes first; offer text messages as well, as chosen"
	if why != wantWhy {
		t.Errorf("why %q, want %q", why, wantWhy)
	}
	note := NoteWith(r, NoteOptions{})
	if want := "Patient's choice: Text message (used as well, not first). Why: " + wantWhy + ".\n"; !strings.Contains(note, want) {
		t.Errorf("the note lacks %q:\n%s", want, note)
	}
	if strings.Contains(note, "not honoured") || strings.Contains(note, "offer both") {
		t.Errorf("the note says the choice is not honoured and to offer both:\n%s", note)
	}

	// A choice that is not possible is said so, with why, as before.
	np := assessedV2(t, questionnaire.Answers{questionnaire.LinkChoice: {string(questionnaire.RouteApp)}})
	if st, why := ChoiceWords(np.Recommendation); st != "not possible" || why != np.Recommendation.ChoiceNote {
		t.Errorf("not possible: %q, %q", st, why)
	}
}
