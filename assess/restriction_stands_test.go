package assess

import (
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
)

// contactSection is the index of the section that asks how the patient
// must not be contacted and their choice.
func contactSection(t *testing.T, ins *questionnaire.Instrument) int {
	t.Helper()
	for k, sec := range ins.Sections {
		for _, it := range sec.Items {
			if it.LinkID == questionnaire.LinkContactAvoid {
				return k
			}
		}
	}
	t.Fatal("no contact section")
	return -1
}

// TestNotByTextIsTakenAndTheTextChoiceAskedAgain: with "Text message" the
// patient's choice, "must not contact: Text messages" is taken, the choice
// is dropped to be asked again (and says why), a text choice is refused
// when asked again, and the record saved holds the restriction, the new
// choice, and a recommendation that never routes by text.
func TestNotByTextIsTakenAndTheTextChoiceAskedAgain(t *testing.T) {
	t.Parallel()
	o := options()
	o.Instrument = questionnaire.V2
	s := start(t, o)
	a := testkit.V2(testkit.Included(questionnaire.Answers{
		questionnaire.LinkChoice: {string(questionnaire.RouteSMS)},
	}))
	answerAll(t, s, a)
	ins := s.Instrument()
	k := contactSection(t, ins)
	avoid, _ := ins.Item(questionnaire.LinkContactAvoid)
	choice, _ := ins.Item(questionnaire.LinkChoice)
	notByText := []string{questionnaire.AvoidSMS}

	if err := s.Check(avoid, notByText); err != nil {
		t.Fatalf("'must not: text messages' refused beside a text choice: %v", err)
	}
	gone := s.GivesWay(avoid, notByText)
	if len(gone) != 1 || gone[0].LinkID != questionnaire.LinkChoice || !strings.Contains(gone[0].Reason, "must not be sent texts") {
		t.Fatalf("gives way %v, want the choice, saying they must not be sent texts", gone)
	}
	section := s.Answers()
	section[questionnaire.LinkContactAvoid] = notByText
	if got := s.GivesWayLive(k, avoid, notByText, section); len(got) != 1 || got[0].LinkID != questionnaire.LinkChoice {
		t.Errorf("in the form, gives way %v, want the choice", got)
	}

	if err := s.SetConfirmed(k, questionnaire.Answers{questionnaire.LinkContactAvoid: notByText}); err != nil {
		t.Fatalf("the restriction confirmed was refused: %v", err)
	}
	if got := s.Answers()[questionnaire.LinkContactAvoid]; len(got) != 1 || got[0] != questionnaire.AvoidSMS {
		t.Fatalf("restriction kept as %v", got)
	}
	if got, ok := s.Answers()[questionnaire.LinkChoice]; ok {
		t.Fatalf("the text choice still stands beside 'not by text': %v", got)
	}
	if err := s.Check(choice, []string{string(questionnaire.RouteSMS)}); err == nil {
		t.Error("a text choice was taken again after 'not by text'")
	}
	if err := s.Assess(); err == nil {
		t.Error("assessed with the choice unanswered")
	}
	if err := s.SetConfirmed(k, questionnaire.Answers{questionnaire.LinkChoice: {string(questionnaire.RouteLetter)}}); err != nil {
		t.Fatalf("a letter as the choice asked again: %v", err)
	}
	if err := s.SetSection(k, s.Answers()); err != nil {
		t.Fatalf("the section with the restriction and the new choice: %v", err)
	}
	if err := s.Assess(); err != nil {
		t.Fatal(err)
	}
	consentAll(t, s)
	r, err := s.Record()
	if err != nil {
		t.Fatal(err)
	}
	if !r.Answers.Has(questionnaire.LinkContactAvoid, questionnaire.AvoidSMS) || r.Answers.One(questionnaire.LinkChoice) != string(questionnaire.RouteLetter) {
		t.Errorf("saved answers: avoid %v, choice %v", r.Answers[questionnaire.LinkContactAvoid], r.Answers[questionnaire.LinkChoice])
	}
	if rec := r.Recommendation; rec.Primary == questionnaire.RouteSMS || rec.Fallback == questionnaire.RouteSMS || rec.Choice == questionnaire.RouteSMS {
		t.Errorf("a patient who must not be texted is routed by text: %+v", rec)
	}
}
